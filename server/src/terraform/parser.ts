/**
 * An error-tolerant parser for HCL native syntax (Terraform .tf and .tfvars files).
 * It keeps exact offsets and comments, and recovers at attribute and block boundaries so a
 * half-typed file still yields everything readable around the error. The parts share one
 * cursor, as HCL's own implementation separates them: `hcl/scanner.ts` (characters, comments,
 * identifiers), `hcl/body.ts` (attributes and blocks), `hcl/recovery.ts`, `hcl/expressions.ts`
 * and `hcl/templates.ts`.
 */
import type { ConfigFile, Expr, SyntaxProblem } from './ast';
import { Cursor } from './hcl/scanner';
import { parseFileBody } from './hcl/body';
import { parseExpr } from './hcl/expressions';
import { parseTemplateContent } from './hcl/templates';

/** Parses HCL native syntax. Never throws: problems are returned with the tree. */
export function parseHcl(text: string): ConfigFile {
  const s = new Cursor(text);
  const body = parseFileBody(s);
  return { body, comments: s.comments, problems: s.problems, syntax: 'hcl' };
}

/** Parses `text[start, end)` as template content (the inside of a JSON string). */
export function parseTemplateSlice(text: string, start: number, end: number): { expr: Expr; problems: readonly SyntaxProblem[] } {
  return parseTemplateContent(new Cursor(text), parseExpr, start, end);
}
