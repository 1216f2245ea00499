/** Small helpers over Terraform blocks shared by several rules: nested block paths and attribute fixes. */
import type { SourceFile } from '../../server/src/engine/source';
import type { Fix, Safety, TextEdit } from '../../server/src/engine/types';
import type { Value } from '../../server/src/engine/value';
import { attr, type Block } from '../../server/src/terraform/ast';
import { insertAttribute } from '../../server/src/terraform/edits';

/** The nested blocks reached by a path of block types (`["settings", "backup_configuration"]`); the block itself for an empty path. */
export function blocksAt(block: Block, path: readonly string[]): Block[] {
  let level: Block[] = [block];
  for (const type of path) level = level.flatMap((b) => b.body.blocks.filter((x) => x.type === type));
  return level;
}

/** Whether a block has a `dynamic "type"` block, whose content cannot be judged. */
export function hasDynamic(block: Block, type: string): boolean {
  return block.body.blocks.some((b) => b.type === 'dynamic' && b.labels[0] === type);
}

/** A fix setting `name = value` in a block: replaces the expression written there, or inserts the attribute. */
export function setAttributeFix(file: SourceFile, block: Block, name: string, value: string, safety: Safety = 'unsafe'): Fix[] {
  const a = attr(block.body, name);
  const edit: TextEdit | undefined = a ? { range: a.expr.range, newText: value } : insertAttribute(file, block, name, value);
  return edit ? [{ title: `Set ${name} = ${value}`, safety, preferred: true, edits: [edit] }] : [];
}

/** A fix replacing a value, offered only when the value is written literally where it is reported. */
export function replaceLiteralFix(value: Value, name: string, newText: string, safety: Safety = 'unsafe'): Fix[] {
  if (value.origin !== 'literal') return [];
  return [{ title: `Set ${name} = ${newText}`, safety, preferred: true, edits: [{ range: value.range, newText }] }];
}

/** How a value stands in a message: its text where it is written, with what it evaluates to when that differs. */
export function shown(file: SourceFile, value: Value, plain: string): string {
  const text = file.text.slice(value.range.start, value.range.end);
  return value.origin === 'literal' || text === plain ? plain : `${plain} (from ${text})`;
}

/** A fix inserting several `name = value` lines at the top of a block, aligned as `terraform fmt` would. */
export function insertAttributesFix(file: SourceFile, block: Block, pairs: readonly (readonly [string, string])[], title: string, safety: Safety = 'unsafe'): Fix[] {
  const first = pairs[0];
  if (!first) return [];
  const width = Math.max(...pairs.map(([n]) => n.length));
  const edit = insertAttribute(file, block, first[0].padEnd(width), first[1]);
  if (!edit) return [];
  const line = /^([ \t]*)(\S+ *) = .*$/m.exec(edit.newText.replace(/^\r?\n/, ''));
  if (!line) return [];
  const [whole, indent, padded] = line as unknown as [string, string, string];
  const lines = pairs.map(([n, v]) => `${indent}${n.padEnd(padded.length)} = ${v}`).join(file.eol);
  return [{ title, safety, preferred: true, edits: [{ range: edit.range, newText: edit.newText.replace(whole, lines) }] }];
}
