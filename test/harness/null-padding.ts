/**
 * Null-padding: in Terraform, `argument = null` is the argument left out, and an object attribute
 * set to null is one not given. A Terraform text padded with `name = null` for every argument a
 * rule asked about and did not find, with `key = null` in objects of a list for keys their
 * siblings set, and in a variable's object default for the optional attributes it leaves out,
 * must give the rule exactly the same findings.
 */
import type { Rule } from '../../server/src/lint/rule';
import { SourceFile } from '../../server/src/engine/source';
import type { Finding } from '../../server/src/engine/types';
import { lint } from '../../server/src/lint/linter';
import { TerraformModule } from '../../server/src/terraform/model';
import { type Block, type Body, type Expr, attr } from '../../server/src/terraform/ast';
import { parseHcl } from '../../server/src/terraform/parser';
import { parseType } from '../../server/src/terraform/types';

interface Insertion {
  readonly at: number;
  readonly text: string;
}

/** Lints a single .tf text with one rule, recording the arguments the rule asked for and the block lacked. */
function lintRecording(rule: Rule, code: string): { findings: readonly Finding[]; missing: Map<Block, Set<string>> } {
  const missing = new Map<Block, Set<string>>();
  const original = TerraformModule.prototype.attr;
  TerraformModule.prototype.attr = function (this: TerraformModule, block: Block, name: string) {
    if (!attr(block.body, name)) missing.set(block, (missing.get(block) ?? new Set()).add(name));
    return original.call(this, block, name);
  };
  try {
    const file = new SourceFile('test/main.tf', code, 'terraform');
    return { findings: lint([file], { rules: [rule] }).findings, missing };
  } finally {
    TerraformModule.prototype.attr = original;
  }
}

/** The text of a finding that does not move when lines are inserted: rule, message, covered text. */
function signature(f: Finding): string {
  return `${f.ruleId}: ${f.message} @ "${f.file.text.slice(f.range.start, f.range.end)}"`;
}

function objectInsertions(e: Expr, code: string, out: Insertion[]): void {
  if (e.kind === 'tuple') {
    const objects = e.items.filter((i): i is Extract<Expr, { kind: 'object' }> => i.kind === 'object');
    const keyOf = (k: Expr): string | undefined => (k.kind === 'traversal' && k.steps.length === 0 ? k.root : undefined);
    const all = new Set(objects.flatMap((o) => o.items.map((i) => keyOf(i.key)).filter((k): k is string => k !== undefined)));
    for (const o of objects) {
      const have = new Set(o.items.map((i) => keyOf(i.key)));
      const add = [...all].filter((k) => !have.has(k));
      const open = code.indexOf('{', o.range.start);
      if (add.length && open >= 0 && open < o.range.end)
        out.push({ at: open + 1, text: ` ${add.map((k) => `${k} = null`).join(', ')}${o.items.length ? ',' : ' '}` });
    }
  }
  const children: Expr[] = e.kind === 'tuple' ? [...e.items] : e.kind === 'object' ? e.items.map((i) => i.value) : [];
  for (const c of children) objectInsertions(c, code, out);
}

/** `key = null` for the optional attributes a variable's object default leaves out (`optional(T, d)` then gives d, as when absent). */
function defaultInsertions(b: Block, code: string, out: Insertion[]): void {
  const type = attr(b.body, 'type');
  const def = attr(b.body, 'default');
  if (b.type !== 'variable' || !type || def?.expr.kind !== 'object') return;
  const t = parseType(type.expr);
  if (t.kind !== 'object') return;
  const have = new Set(def.expr.items.map((i) => (i.key.kind === 'traversal' ? i.key.root : undefined)));
  const add = [...t.attributes].filter(([k, a]) => a.optional && !have.has(k)).map(([k]) => k);
  const open = code.indexOf('{', def.expr.range.start);
  if (add.length && open >= 0 && open < def.expr.range.end)
    out.push({ at: open + 1, text: ` ${add.map((k) => `${k} = null`).join(', ')}${def.expr.items.length ? ',' : ' '}` });
}

function bodyInsertions(body: Body, code: string, out: Insertion[]): void {
  for (const a of body.attributes) objectInsertions(a.expr, code, out);
  for (const b of body.blocks) {
    defaultInsertions(b, code, out);
    bodyInsertions(b.body, code, out);
  }
}

/** The text padded with nulls, or undefined when there is nothing to pad. */
export function padWithNulls(code: string, missing: ReadonlyMap<Block, ReadonlySet<string>>): string | undefined {
  const ins: Insertion[] = [];
  const seen = new Set<string>();
  for (const [block, names] of missing) {
    // Only blocks written in this text (instances of count/for_each share the declared offsets).
    const open = code.indexOf('{', block.headerRange.start);
    if (open < 0 || open >= block.range.end || block.range.end > code.length) continue;
    for (const n of names) {
      const key = `${open}:${n}`;
      if (seen.has(key) || !/^[A-Za-z_][A-Za-z0-9_-]*$/.test(n) || attr(block.body, n)) continue;
      seen.add(key);
      ins.push({ at: open + 1, text: `\n  ${n} = null` });
    }
  }
  bodyInsertions(parseHcl(code).body, code, ins);
  if (!ins.length) return undefined;
  let out = code;
  for (const i of [...ins].sort((a, b) => b.at - a.at)) out = out.slice(0, i.at) + i.text + out.slice(i.at);
  return out;
}

/** The rule's findings on the text and on its null-padded form, as comparable lists (equal when the property holds). */
export function nullPaddingFindings(rule: Rule, code: string): { before: string[]; after: string[]; padded: string } | undefined {
  const first = lintRecording(rule, code);
  const padded = padWithNulls(code, first.missing);
  if (padded === undefined || parseHcl(padded).problems.length) return undefined;
  const second = lintRecording(rule, padded);
  return { before: first.findings.map(signature).sort(), after: second.findings.map(signature).sort(), padded };
}
