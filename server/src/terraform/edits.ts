/** Text edits on HCL that keep `terraform fmt` layout: indentation and aligned equals signs. */
import { type Block, attr } from './ast';
import type { SourceFile } from '../engine/source';
import type { TextEdit } from '../engine/types';

/** The indentation one level inside a block. */
function innerIndent(file: SourceFile, block: Block): string {
  const first = [...block.body.attributes.map((a) => a.range.start), ...block.body.blocks.map((b) => b.range.start)].sort(
    (a, b) => a - b,
  )[0];
  if (first !== undefined && file.positionAt(first).line !== file.positionAt(block.range.start).line) return file.indentAt(first);
  const base = file.indentAt(block.range.start);
  return base + (base.includes('\t') ? '\t' : '  ');
}

/**
 * Inserts `name = value` as the first line of a block's body. The name is padded to line up with
 * the attribute that follows, as `terraform fmt` would, or set apart by a blank line when longer.
 * Undefined for a block whose body cannot take a line (JSON syntax). An attribute already written
 * (set to null, which Terraform reads as unset) has its value replaced instead.
 */
export function insertAttribute(file: SourceFile, block: Block, name: string, value: string): TextEdit | undefined {
  const body = block.body;
  // Written but unset (`name = null`): its value is replaced, never a second `name` added.
  const written = attr(body, name.trim());
  if (written) return { range: written.expr.range, newText: value };
  if (body.openBrace < 0) return undefined;
  const eol = file.eol;
  const indent = innerIndent(file, block);
  const inner = file.text.slice(body.openBrace, body.closeBrace);
  if (inner.trim() === '' && !/[\r\n]/.test(inner)) {
    const outer = file.indentAt(block.range.start);
    return { range: { start: body.openBrace, end: body.closeBrace }, newText: `${eol}${indent}${name} = ${value}${eol}${outer}` };
  }
  const items = [
    ...body.attributes.map((a) => ({ start: a.range.start, attr: a })),
    ...body.blocks.map((b) => ({ start: b.range.start, attr: undefined })),
  ].sort((a, b) => a.start - b.start);
  const next = items[0];
  let line = `${name} = ${value}`;
  let gap = '';
  if (
    next?.attr &&
    file.positionAt(next.start).line === file.positionAt(body.openBrace).line + 1 &&
    !/^\s*[#/]/.test(file.lineText(file.positionAt(body.openBrace).line + 1))
  ) {
    const nameEnd = next.attr.nameRange.end;
    const eqAt = file.text.indexOf('=', nameEnd);
    const width = eqAt - next.attr.nameRange.start - 1;
    if (name.length <= width) line = `${name.padEnd(width)} = ${value}`;
    else gap = eol;
  }
  // Insert at the end of the line holding the opening brace.
  let at = body.openBrace;
  while (at < file.text.length && file.text[at] !== '\n' && file.text[at] !== '\r') at++;
  if (at > body.closeBrace) {
    // `{ a = 1 }` on one line: put the new attribute on its own line before the rest.
    return { range: { start: body.openBrace, end: body.openBrace }, newText: `${eol}${indent}${line}${eol}${indent}` };
  }
  return { range: { start: at, end: at }, newText: `${eol}${indent}${line}${gap}` };
}

/** Appends a nested block (given as lines without indentation) at the end of a block's body. */
export function appendBlock(file: SourceFile, block: Block, lines: readonly string[]): TextEdit | undefined {
  const body = block.body;
  if (body.openBrace < 0) return undefined;
  const eol = file.eol;
  const indent = innerIndent(file, block);
  const outer = file.indentAt(block.range.start);
  const text = lines.map((l) => (l ? indent + l : l)).join(eol);
  const inner = file.text.slice(body.openBrace, body.closeBrace);
  if (inner.trim() === '') return { range: { start: body.openBrace, end: body.closeBrace }, newText: `${eol}${text}${eol}${outer}` };
  // After the last non-blank character before the closing brace.
  let at = body.closeBrace;
  while (at > body.openBrace && /\s/.test(file.text[at - 1]!)) at--;
  return { range: { start: at, end: at }, newText: `${eol}${eol}${text}` };
}
