/**
 * Override files (`override.tf`, `*_override.tf` and their JSON forms): Terraform merges each of
 * their blocks into the block of the same type and labels in the other files instead of adding one
 * (developer.hashicorp.com/terraform/language/files/override): an argument replaces the argument
 * of that name, nested blocks of a type replace every nested block of that type.
 */
import type { Attribute, Block, Body } from './ast';
import type { Range } from '../engine/source';

/** Whether Terraform reads a file as an override file. */
export function isOverrideFile(path: string): boolean {
  // Every module built reads each of its files' names: most end neither in override.tf nor override.tf.json.
  const tail = path.slice(-16).toLowerCase();
  if (!tail.endsWith('override.tf') && !tail.endsWith('override.tf.json')) return false;
  const base = path.slice(Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\')) + 1).toLowerCase();
  return /^(?:.*_)?override\.tf(?:\.json)?$/.test(base);
}

/** Arguments copied from override files: their text is elsewhere, so no edit may be made at their ranges. */
export const OVERRIDDEN = new WeakSet<Attribute>();

/**
 * A copy of a syntax node written in an override file with every range set to `at` (the header of
 * the block it is merged into), so that a finding it causes stays in the file of that block.
 */
function placed<T>(node: T, at: Range): T {
  if (Array.isArray(node)) return node.map((n) => placed(n, at)) as T;
  if (node === null || typeof node !== 'object') return node;
  const o = node as Record<string, unknown>;
  if (typeof o.start === 'number' && typeof o.end === 'number' && Object.keys(o).length === 2) return { start: at.start, end: at.end } as T;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(o)) out[k] = k === 'openBrace' ? -1 : placed(v, at);
  if ('name' in out && 'expr' in out && 'nameRange' in out) OVERRIDDEN.add(out as unknown as Attribute);
  return out as T;
}

/** The block with an override block merged in, as Terraform merges them. */
export function mergeOverride(base: Block, over: Block): Block {
  const at = base.headerRange;
  const overAttrs = over.body.attributes.map((a) => placed<Attribute>(a, at));
  const overTypes = new Set(over.body.blocks.map((b) => (b.type === 'dynamic' ? (b.labels[0] ?? '') : b.type)));
  const body: Body = {
    ...base.body,
    attributes: [...base.body.attributes.filter((a) => !overAttrs.some((o) => o.name === a.name)), ...overAttrs],
    blocks: [
      ...base.body.blocks.filter((b) => !overTypes.has(b.type === 'dynamic' ? (b.labels[0] ?? '') : b.type)),
      ...over.body.blocks.map((b) => placed<Block>(b, at)),
    ],
  };
  return { ...base, body };
}

/**
 * Merges the resource and data blocks of an override file into the declared resources they
 * override (replacing them in the array); returns the blocks that override nothing.
 */
export function mergeOverrides<
  R extends { readonly mode: 'resource' | 'data'; readonly type: string; readonly name: string; readonly declared: Block },
>(declared: R[], blocks: readonly Block[]): Block[] {
  const rest: Block[] = [];
  for (const b of blocks) {
    const i =
      (b.type === 'resource' || b.type === 'data') && b.labels.length >= 2
        ? declared.findIndex((r) => r.mode === b.type && r.type === b.labels[0] && r.name === b.labels[1])
        : -1;
    const base = declared[i];
    if (base) declared[i] = { ...base, declared: mergeOverride(base.declared, b) };
    else rest.push(b);
  }
  return rest;
}
