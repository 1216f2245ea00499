/** Table-driven checks of one boolean setting (encryption on, HTTPS only, SSL enforced) on Terraform resources. */
import type { FixTitle, RuleContext, RuleFix } from '../../server/src/lint/rule';
import type { TextEdit } from '../../server/src/engine/types';
import { type Value, asString, isFalse, isTrue } from '../../server/src/engine/value';
import { type Block, blocks } from '../../server/src/terraform/ast';
import type { TerraformModule, TfResource } from '../../server/src/terraform/model';
import { appendBlock, insertAttribute } from '../../server/src/terraform/edits';
import { ADD_BLOCK, SET_ATTRIBUTE } from './fix-titles';

/** One row of a flag table (rules/data/*.json). */
export interface FlagSpec {
  readonly types: readonly string[];
  /** The nested block holding the attribute, if any (`encrypt_at_rest`). */
  readonly block?: string;
  readonly attribute: string;
  /** The value that makes the resource safe; the opposite value is the finding. */
  readonly good: boolean;
  /** Whether an absent attribute (or block) is a finding, because the provider's default is unsafe. */
  readonly missingIsBad: boolean;
  /** How the safe value is written (`true`, `"true"`). */
  readonly literal?: string;
  /** Arguments or blocks whose presence means the setting is inherited or decided elsewhere (a snapshot, a source database). */
  readonly inheritFrom?: readonly string[];
  /** The setting does not apply when one of these arguments has one of the values (or a value that cannot be known). */
  readonly exemptWhen?: Readonly<Record<string, readonly string[] | undefined>>;
  /** Words for the message: `is not encrypted at rest`. */
  readonly problem: string;
  /** Whether changing the setting can alter what is deployed (almost always). */
  readonly safe?: boolean;
  /** No fix is offered: the safe value needs more than the flag (keys, certificates). */
  readonly noFix?: boolean;
}

function isBad(spec: FlagSpec, v: Value): boolean {
  return spec.good ? isFalse(v) : isTrue(v);
}

function exempt(mod: TerraformModule, r: TfResource, spec: FlagSpec): boolean {
  for (const name of spec.inheritFrom ?? []) if (mod.attr(r.block, name) || blocks(r.block.body, name).length) return true;
  for (const [name, values] of Object.entries(spec.exemptWhen ?? {})) {
    const a = mod.attr(r.block, name);
    if (!a || !values) continue;
    const s = asString(a.value);
    if (s === undefined || values.includes(s.toLowerCase())) return true;
  }
  return false;
}

function fix(title: FixTitle<FlagFixId>, edit: TextEdit | undefined, spec: FlagSpec): RuleFix<FlagFixId>[] {
  return edit && !spec.noFix ? [{ ...title, safety: spec.safe ? 'safe' : 'unsafe', preferred: true, edits: [edit] }] : [];
}

/** The messages of a flag table, which every rule checking one declares (`problem` is a data phrase). */
export const FLAG_MESSAGES = {
  'flag-value': '{{resource}} {{problem}}: {{path}} is {{value}}.',
  'flag-default': '{{resource}} {{problem}}: {{path}} is not set and defaults to {{default}}.',
  'flag-no-block': '{{resource}} {{problem}}: no {{block}} block sets {{attribute}} = {{literal}}.',
} as const;

/** The message ids of a flag table. */
export type FlagMessageId = keyof typeof FLAG_MESSAGES;

/** The fix titles a flag table offers: set-attribute for a wrong or missing value, add-block for a missing block; a rule declares those its rows can offer. */
export const FLAG_FIXES = { ...SET_ATTRIBUTE, ...ADD_BLOCK } as const;

/** The fix ids of a flag table. */
export type FlagFixId = keyof typeof FLAG_FIXES;

/** Checks every resource of the specs' types; reports a wrong value on the value, a missing one on the header. */
export function checkFlags(ctx: RuleContext, mod: TerraformModule, specs: readonly FlagSpec[]): void {
  for (const spec of specs) {
    for (const r of mod.resourcesOfAny(spec.types)) {
      if (exempt(mod, r, spec)) continue;
      checkOne(ctx, mod, r, spec);
    }
  }
}

function checkOne(ctx: RuleContext, mod: TerraformModule, r: TfResource, spec: FlagSpec): void {
  const literal = spec.literal ?? String(spec.good);
  const path = spec.block ? `${spec.block}.${spec.attribute}` : spec.attribute;
  const title = { fixId: 'set-attribute', data: { attribute: path, value: literal } } as const;
  const holders: Block[] = spec.block ? blocks(r.block.body, spec.block) : [r.block];
  if (spec.block && r.block.body.blocks.some((b) => b.type === 'dynamic' && b.labels[0] === spec.block)) return;
  for (const holder of holders) {
    const a = mod.attr(holder, spec.attribute);
    if (a) {
      if (!isBad(spec, a.value)) continue;
      const edit = a.value.origin === 'literal' ? { range: a.value.range, newText: literal } : undefined;
      const data = { resource: r.address, problem: spec.problem, path, value: asString(a.value) ?? 'false' };
      ctx.report({ file: r.file, range: a.value.range, messageId: 'flag-value', data, fixes: fix(title, edit, spec) });
      continue;
    }
    if (!spec.missingIsBad) continue;
    ctx.report({
      file: r.file,
      range: holder.headerRange,
      messageId: 'flag-default',
      data: { resource: r.address, problem: spec.problem, path, default: String(!spec.good) },
      fixes: fix(title, insertAttribute(r.file, holder, spec.attribute, literal), spec),
    });
  }
  if (spec.block && !holders.length && spec.missingIsBad) {
    ctx.report({
      file: r.file,
      range: r.block.headerRange,
      messageId: 'flag-no-block',
      data: { resource: r.address, problem: spec.problem, block: spec.block, attribute: spec.attribute, literal },
      fixes: fix(
        { fixId: 'add-block', data: { block: `${spec.block} { ${spec.attribute} = ${literal} }` } },
        appendBlock(r.file, r.block, [`${spec.block} {`, `  ${spec.attribute} = ${literal}`, '}']),
        spec,
      ),
    });
  }
}
