/**
 * Resource instances as Terraform creates them: one per `count` index or `for_each` element, with
 * `dynamic` blocks expanded into the blocks they generate. Each instance gets its own copy of the
 * block tree, so that evaluating an attribute of any of its blocks sees the right `count.index`,
 * `each.key`, `each.value` and dynamic iterator.
 */
import type { Block, Body, Expr } from './ast';
import { allAttributes, attr, blocks, traversalsIn } from './ast';
import type { Range } from '../engine/source';
import { type Value, asNumber, asString, entriesInKeyOrder, unknown } from '../engine/value';

/** Past this many instances, a resource is judged once, with `count.index`/`each` unknown. */
export const MAX_INSTANCES = 256;

/** One instance of a resource block. */
export interface Instance {
  /** `count.index` or `each.key`; undefined when the block has neither, or when they are not known. */
  readonly key: string | number | undefined;
  /** The block tree of this instance (the original block when nothing needed expanding). */
  readonly block: Block;
}

/** Evaluates an expression with extra root names bound. */
export type Evaluate = (expr: Expr, names: ReadonlyMap<string, Value>) => Value;

/** Expands a resource block into its instances; `scopes` receives the names bound in every block of every copy. */
export function instancesOf(block: Block, evaluate: Evaluate, scopes: WeakMap<Block, ReadonlyMap<string, Value>>): Instance[] {
  const count = attr(block.body, 'count');
  const forEach = attr(block.body, 'for_each');
  const bindings: { key: string | number | undefined; names: Map<string, Value> }[] = [];
  if (count) {
    const v = evaluate(count.expr, new Map());
    const n = asNumber(v);
    if (n !== undefined && Number.isInteger(n) && n >= 0 && n <= MAX_INSTANCES) {
      for (let i = 0; i < n; i++)
        bindings.push({ key: i, names: new Map([['count', mapOf({ index: num(i, count.expr.range) }, count.expr.range)]]) });
    } else {
      const why = v.kind === 'unknown' ? v.reason : `count of ${block.labels.join('.')} is not a known whole number up to ${MAX_INSTANCES}`;
      bindings.push({ key: undefined, names: new Map([['count', unknown(count.expr.range, why)]]) });
    }
  } else if (forEach) {
    const v = evaluate(forEach.expr, new Map());
    const pairs = elements(v);
    if (pairs && pairs.length <= MAX_INSTANCES) {
      for (const [k, val] of pairs)
        bindings.push({ key: k, names: new Map([['each', mapOf({ key: str(k, forEach.expr.range), value: val }, forEach.expr.range)]]) });
    } else {
      const why = v.kind === 'unknown' ? v.reason : `for_each of ${block.labels.join('.')} is not a known map or set`;
      bindings.push({ key: undefined, names: new Map([['each', unknown(forEach.expr.range, why)]]) });
    }
  } else {
    if (!hasDynamic(block.body)) return [{ key: undefined, block }];
    bindings.push({ key: undefined, names: new Map() });
  }
  // A block that reads neither `count` nor `each` is the same in every instance: they share it.
  if (!readsInstanceNames(block)) return bindings.map(({ key }) => ({ key, block }));
  return bindings.map(({ key, names }) => ({ key, block: copyBlock(block, names, evaluate, scopes) }));
}

/** Whether each block reads `count` or `each` or holds a `dynamic` block, worked out once per block as written. */
const instanceNames = new WeakMap<Block, boolean>();

/** Whether a block as written reads `count` or `each` anywhere in it, or holds a `dynamic` block (which its copies expand). */
function readsInstanceNames(block: Block): boolean {
  let reads = instanceNames.get(block);
  if (reads === undefined) {
    reads =
      hasDynamic(block.body) ||
      allAttributes(block.body).some((a) => traversalsIn(a.expr).some((t) => t.root === 'count' || t.root === 'each'));
    instanceNames.set(block, reads);
  }
  return reads;
}

/** The key/value pairs `for_each` iterates over, or undefined when they are not known. */
function elements(v: Value): [string, Value][] | undefined {
  if (v.kind === 'map') return entriesInKeyOrder(v);
  if (v.kind === 'list') {
    const out: [string, Value][] = [];
    for (const item of v.items) {
      const s = asString(item);
      if (s === undefined) return undefined;
      out.push([s, item]);
    }
    return out;
  }
  return undefined;
}

function hasDynamic(body: Body): boolean {
  return body.blocks.some((b) => b.type === 'dynamic' || hasDynamic(b.body));
}

function copyBlock(
  block: Block,
  names: ReadonlyMap<string, Value>,
  evaluate: Evaluate,
  scopes: WeakMap<Block, ReadonlyMap<string, Value>>,
): Block {
  const copy: Block = { ...block, body: copyBody(block.body, names, evaluate, scopes) };
  scopes.set(copy, names);
  return copy;
}

function copyBody(
  body: Body,
  names: ReadonlyMap<string, Value>,
  evaluate: Evaluate,
  scopes: WeakMap<Block, ReadonlyMap<string, Value>>,
): Body {
  const out: Block[] = [];
  for (const b of body.blocks) {
    if (b.type === 'dynamic' && b.labels.length >= 1) out.push(...expandDynamic(b, names, evaluate, scopes));
    else out.push(copyBlock(b, names, evaluate, scopes));
  }
  return { ...body, blocks: out };
}

/**
 * The blocks a `dynamic "x"` block generates: one per element of its `for_each`, or one with the
 * iterator unknown when the collection is not known (so literal arguments of `content` are still
 * judged, and those that depend on the iterator are not).
 */
function expandDynamic(
  d: Block,
  names: ReadonlyMap<string, Value>,
  evaluate: Evaluate,
  scopes: WeakMap<Block, ReadonlyMap<string, Value>>,
): Block[] {
  const content = blocks(d.body, 'content')[0];
  if (!content) return [];
  const label = d.labels[0]!;
  const it = attr(d.body, 'iterator');
  const iterName = it && it.expr.kind === 'traversal' && it.expr.steps.length === 0 ? it.expr.root : label;
  const forEach = attr(d.body, 'for_each');
  const range = forEach?.expr.range ?? d.headerRange;
  const coll = forEach ? evaluate(forEach.expr, names) : unknown(d.headerRange, `dynamic "${label}" has no for_each`);
  // A dynamic block's key is the index for a list, the key for a map.
  const pairs: [string, Value][] | undefined =
    coll.kind === 'list' ? coll.items.map((v, i) => [String(i), v]) : coll.kind === 'map' ? elements(coll) : undefined;
  const make = (iter: Value): Block => {
    const inner = new Map(names);
    inner.set(iterName, iter);
    const generated: Block = {
      type: label,
      labels: [],
      labelRanges: [],
      typeRange: d.typeRange,
      headerRange: d.headerRange,
      body: copyBody(content.body, inner, evaluate, scopes),
      range: d.range,
    };
    scopes.set(generated, inner);
    return generated;
  };
  if (!pairs || pairs.length > MAX_INSTANCES)
    return [make(unknown(range, coll.kind === 'unknown' ? coll.reason : `for_each of dynamic "${label}" is not known`))];
  return pairs.map(([k, v]) => make(mapOf({ key: coll.kind === 'list' ? num(Number(k), range) : str(k, range), value: v }, range)));
}

function mapOf(entries: Record<string, Value>, range: Range): Value {
  return { kind: 'map', entries: new Map(Object.entries(entries)), range, origin: 'evaluated' };
}

function num(value: number, range: Range): Value {
  return { kind: 'number', value, range, origin: 'evaluated' };
}

function str(value: string, range: Range): Value {
  return { kind: 'string', value, range, origin: 'evaluated' };
}
