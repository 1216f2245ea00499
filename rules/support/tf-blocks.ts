/** Small helpers over Terraform blocks shared by several rules: nested block paths and attribute fixes. */
import type { SourceFile } from '../../server/src/engine/source';
import type { Safety, TextEdit } from '../../server/src/engine/types';
import type { FixTitle, RuleFix } from '../../server/src/lint/rule';
import { type Value, asString, unknown } from '../../server/src/engine/value';
import { attr, type Block, type Expr } from '../../server/src/terraform/ast';
import type { AttrValue, TerraformModule } from '../../server/src/terraform/model';
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
export function setAttributeFix(
  file: SourceFile,
  block: Block,
  name: string,
  value: string,
  safety: Safety = 'unsafe',
): RuleFix<'set-attribute'>[] {
  const a = attr(block.body, name);
  const edit: TextEdit | undefined = a ? { range: a.expr.range, newText: value } : insertAttribute(file, block, name, value);
  return edit ? [{ fixId: 'set-attribute', data: { attribute: name, value }, safety, preferred: true, edits: [edit] }] : [];
}

/** A fix replacing a value, offered only when the value is written literally where it is reported. */
export function replaceLiteralFix(value: Value, name: string, newText: string, safety: Safety = 'unsafe'): RuleFix<'set-attribute'>[] {
  if (value.origin !== 'literal') return [];
  return [
    {
      fixId: 'set-attribute',
      data: { attribute: name, value: newText },
      safety,
      preferred: true,
      edits: [{ range: value.range, newText }],
    },
  ];
}

/** How a value stands in a message: its text where it is written, with what it evaluates to when that differs. */
export function shown(file: SourceFile, value: Value, plain: string): string {
  const text = file.text.slice(value.range.start, value.range.end);
  return value.origin === 'literal' || text === plain ? plain : `${plain} (from ${text})`;
}

/** A fix inserting several `name = value` lines at the top of a block, aligned as `terraform fmt` would; titled `Set a = x, b = y`. */
export function insertAttributesFix(
  file: SourceFile,
  block: Block,
  pairs: readonly (readonly [string, string])[],
  safety: Safety = 'unsafe',
): RuleFix<'set-attributes'>[] {
  const first = pairs[0];
  if (!first) return [];
  const width = Math.max(...pairs.map(([n]) => n.length));
  const edit = insertAttribute(file, block, first[0].padEnd(width), first[1]);
  if (!edit) return [];
  const line = /^([ \t]*)(\S+ *) = .*$/m.exec(edit.newText.replace(/^\r?\n/, ''));
  if (!line) return [];
  const [whole, indent, padded] = line as unknown as [string, string, string];
  const lines = pairs.map(([n, v]) => `${indent}${n.padEnd(padded.length)} = ${v}`).join(file.eol);
  const title: FixTitle<'set-attributes'> = {
    fixId: 'set-attributes',
    data: { assignments: pairs.map(([n, v]) => `${n} = ${v}`).join(', ') },
  };
  return [{ ...title, safety, preferred: true, edits: [{ range: edit.range, newText: edit.newText.replace(whole, lines) }] }];
}

/**
 * Whether an expression's value is only the fallback of try() or lookup() because an optional
 * setting is missing from a variable or local: the module's default for callers who leave the
 * setting out, not a choice its callers made.
 */
function fallbackOnly(mod: TerraformModule, e: Expr): boolean {
  if (e.kind === 'paren') return fallbackOnly(mod, e.inner);
  if (e.kind !== 'call' || e.args.length < 2) return false;
  if (e.name === 'try') {
    const first = mod.evaluate(e.args[0]!);
    return first.kind === 'unknown' && first.reason.startsWith('error:');
  }
  if (e.name === 'lookup') {
    const map = mod.evaluate(e.args[0]!);
    const key = asString(mod.evaluate(e.args[1]!));
    return map.kind === 'map' && key !== undefined && !map.entries.has(key);
  }
  return false;
}

/** `mod.attr()`, with a value that is only a try()/lookup() fallback turned unknown, so that it is not judged. */
export function judgedAttr(mod: TerraformModule, block: Block, name: string): AttrValue | undefined {
  const a = mod.attr(block, name);
  if (!a || !fallbackOnly(mod, a.attr.expr)) return a;
  return { attr: a.attr, value: unknown(a.value.range, 'the value is a fallback for a setting left out') };
}
