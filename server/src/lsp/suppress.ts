/** The text of a suppression comment inserted above a finding's line. */
import type { SourceFile } from '../engine/source';
import type { TextEdit } from '../engine/types';

/** An edit inserting the comment, and where the reason goes once it is applied (0-based line, UTF-16 character). */
export interface SuppressionEdit {
  readonly edit: TextEdit;
  readonly cursor: { readonly line: number; readonly character: number };
}

const indentOf = (line: string): string => /^[ \t]*/.exec(line)![0];

/** Whether `line` (0-based) lies inside an HCL heredoc, where a `#` line would become part of the string. */
function inHeredoc(lines: readonly string[], line: number): boolean {
  let end: string | undefined;
  for (let i = 0; i < line; i++) {
    const text = lines[i]!;
    if (end !== undefined) {
      if (text.trim() === end) end = undefined;
      continue;
    }
    const m = /<<-?([A-Za-z_][\w-]*)\s*$/.exec(text);
    if (m) end = m[1];
  }
  return end !== undefined;
}

/** Whether `line` (0-based) lies inside a YAML block scalar (`key: |` or `>`), where a comment would become text. */
function inBlockScalar(lines: readonly string[], line: number): boolean {
  let indent = indentOf(lines[line] ?? '').length;
  for (let i = line - 1; i >= 0; i--) {
    const text = lines[i]!;
    if (!text.trim()) continue;
    const own = indentOf(text).length;
    if (own >= indent) continue;
    if (/[|>][-+0-9]*\s*(#.*)?$/.test(text) && !/^\s*#/.test(text)) return true;
    indent = own;
    if (own === 0) return false;
  }
  return false;
}

/**
 * Inserts `# snclint:ignore <rule> -- ` above `line`, indented like it, in HCL and YAML files;
 * undefined where a comment cannot go (JSON, inside a heredoc or a block scalar).
 */
export function suppressionEdit(file: SourceFile, line: number, ruleId: string): SuppressionEdit | undefined {
  if (file.language !== 'terraform' && file.language !== 'terraform-vars' && file.language !== 'yaml') return undefined;
  const lines = file.text.split(/\r?\n/);
  const target = lines[line];
  if (target === undefined) return undefined;
  if (file.language === 'yaml' ? inBlockScalar(lines, line) : inHeredoc(lines, line)) return undefined;
  const eol = file.text.includes('\r\n') ? '\r\n' : '\n';
  const indent = indentOf(target);
  const comment = `${indent}# snclint:ignore ${ruleId} -- `;
  const at = file.offsetAt({ line, character: 0 });
  return { edit: { range: { start: at, end: at }, newText: comment + eol }, cursor: { line, character: comment.length } };
}
