/**
 * Evaluates HCL expressions to values the way Terraform would at plan time, as far as the
 * configuration alone allows. Whatever depends on the outside world (resource attributes,
 * data sources, unset variables, unsupported functions) is unknown, with a reason.
 */
import type { Expr, TemplatePart } from './ast';
import { type Value, asNumber, asString, entriesInKeyOrder, hasUnknown, toPlain, unknown } from '../engine/value';
import type { Range } from '../engine/source';
import { callFunction } from './functions';

/** Where names come from while evaluating. */
export interface Scope {
  /** `var.NAME`; undefined when the module has no such variable. */
  variable(name: string, at: Range): Value | undefined;
  /** `local.NAME`; undefined when there is no such local. */
  local(name: string, at: Range): Value | undefined;
  /** `module.NAME`: the outputs of a local module call as a map; undefined when not known. */
  module?(name: string, at: Range): Value | undefined;
}

/** An empty scope: every variable and local is unknown. */
export const EMPTY_SCOPE: Scope = {
  variable: () => undefined,
  local: () => undefined,
};

const MAX_ITEMS = 10_000;

const NO_NAMES: ReadonlyMap<string, Value> = new Map();

/**
 * Evaluates an expression. Never throws. `names` binds extra root names: `each`, `count`, the
 * iterator of a `dynamic` block.
 */
export function evaluate(expr: Expr, scope: Scope = EMPTY_SCOPE, names: ReadonlyMap<string, Value> = NO_NAMES): Value {
  return new Evaluator(scope, names).eval(expr);
}

class Evaluator {
  constructor(
    private readonly scope: Scope,
    private readonly iter: ReadonlyMap<string, Value>,
  ) {}

  eval(e: Expr): Value {
    const range = e.range;
    switch (e.kind) {
      case 'literal':
        if (e.value === null) return { kind: 'null', range, origin: 'literal' };
        if (typeof e.value === 'boolean') return { kind: 'bool', value: e.value, range, origin: 'literal' };
        return { kind: 'number', value: e.value, range, origin: 'literal' };
      case 'template':
        return this.template(e.parts, range);
      case 'tuple': {
        const items = e.items.map((i) => this.eval(i));
        return { kind: 'list', items, range, origin: items.every((i) => i.origin === 'literal') ? 'literal' : 'evaluated' };
      }
      case 'object': {
        const entries = new Map<string, Value>();
        let literal = true;
        for (const item of e.items) {
          const key =
            item.key.kind === 'traversal' && item.key.steps.length === 0
              ? item.key.root
              : item.key.kind === 'paren'
                ? asString(this.eval(item.key.inner))
                : asString(this.eval(item.key));
          if (key === undefined) return unknown(range, 'an object key is not known');
          if (
            !(item.key.kind === 'traversal' && item.key.steps.length === 0) &&
            !(item.key.kind === 'template' && item.key.parts.every((p) => p.kind === 'text'))
          )
            literal = false;
          const v = this.eval(item.value);
          if (v.origin !== 'literal') literal = false;
          entries.set(key, v);
        }
        return { kind: 'map', entries, range, origin: literal ? 'literal' : 'evaluated' };
      }
      case 'paren':
        return relocate(this.eval(e.inner), range);
      case 'traversal':
        return this.traversal(e.root, e.steps, range);
      case 'getattr':
        return getAttr(this.eval(e.target), e.name, range);
      case 'index':
        return index(this.eval(e.target), this.eval(e.key), range);
      case 'splat': {
        const t = this.eval(e.target);
        if (t.kind === 'list') return t;
        if (t.kind === 'null') return { kind: 'list', items: [], range, origin: 'evaluated' };
        if (t.kind === 'unknown') return t;
        return { kind: 'list', items: [t], range, origin: 'evaluated' };
      }
      case 'call':
        return this.call(e.name, e.args, e.expandFinal, range);
      case 'conditional': {
        const c = this.eval(e.cond);
        // The chosen branch may be written literally, but which one is chosen was evaluated.
        if (c.kind === 'bool') return evaluated(this.eval(c.value ? e.then : e.else), range);
        if (c.kind === 'string' && (c.value === 'true' || c.value === 'false'))
          return evaluated(this.eval(c.value === 'true' ? e.then : e.else), range);
        return unknown(range, 'the condition is not known');
      }
      case 'unary': {
        const v = this.eval(e.operand);
        if (e.op === '!') {
          if (v.kind === 'bool') return { kind: 'bool', value: !v.value, range, origin: 'evaluated' };
        } else {
          const n = asNumber(v);
          if (n !== undefined) return { kind: 'number', value: -n, range, origin: v.origin === 'literal' ? 'literal' : 'evaluated' };
        }
        return unknown(range, v.kind === 'unknown' ? v.reason : `"${e.op}" needs a known operand`);
      }
      case 'binary':
        return this.binary(e.op, e.left, e.right, range);
      case 'for':
        return this.forExpr(e, range);
      case 'invalid':
        return unknown(range, 'the expression has a syntax error');
    }
  }

  private template(parts: readonly TemplatePart[], range: Range): Value {
    if (parts.length === 1 && parts[0]!.kind === 'interp') return relocate(this.eval(parts[0]!.expr), range);
    let s = '';
    let literal = true;
    for (const p of parts) {
      if (p.kind === 'text') s += p.value;
      else if (p.kind === 'directive') return unknown(range, 'template directives are not evaluated');
      else {
        literal = false;
        const v = this.eval(p.expr);
        const str = asString(v);
        if (str === undefined) return unknown(range, v.kind === 'unknown' ? v.reason : 'an interpolated value is not a string');
        s += str;
      }
    }
    return { kind: 'string', value: s, range, origin: literal ? 'literal' : 'evaluated' };
  }

  private traversal(root: string, steps: readonly ({ kind: 'attr'; name: string } | { kind: 'index'; key: Expr })[], range: Range): Value {
    let v: Value | undefined;
    // The first step not taken by the root (`var.x`, `module.m`, `local.l` take one).
    let from = 0;
    const first = steps[0];
    const iterVal = this.iter.get(root);
    if (iterVal) v = iterVal;
    else if (root === 'var' && first?.kind === 'attr') {
      v = this.scope.variable(first.name, range) ?? unknown(range, `var.${first.name} is not declared`);
      from = 1;
    } else if (root === 'module' && first?.kind === 'attr' && this.scope.module?.(first.name, range)) {
      v = this.scope.module(first.name, range)!;
      from = 1;
    } else if (root === 'local' && first?.kind === 'attr') {
      v = this.scope.local(first.name, range) ?? unknown(range, `local.${first.name} is not defined`);
      from = 1;
    } else {
      const name = [root, ...steps.slice(0, 2).map((s) => (s.kind === 'attr' ? s.name : '[…]'))].join('.');
      return unknown(range, `${name} is known only after apply`);
    }
    for (let i = from; i < steps.length; i++) {
      const s = steps[i]!;
      if (v.kind === 'unknown') break;
      v = s.kind === 'attr' ? getAttr(v, s.name, range) : index(v, this.eval(s.key), range);
    }
    return relocate(v, range);
  }

  private call(name: string, argExprs: readonly Expr[], expandFinal: boolean, range: Range): Value {
    if (name === 'try') {
      for (const a of argExprs) {
        const v = this.eval(a);
        if (v.kind !== 'unknown') return relocate(v, range);
        if (!v.reason.startsWith('error:')) return v;
      }
      return unknown(range, 'no argument of try() is known');
    }
    if (name === 'can') {
      const v = this.eval(argExprs[0] ?? { kind: 'invalid', range });
      if (v.kind === 'unknown') return v.reason.startsWith('error:') ? { kind: 'bool', value: false, range, origin: 'evaluated' } : v;
      return { kind: 'bool', value: true, range, origin: 'evaluated' };
    }
    let args = argExprs.map((a) => this.eval(a));
    if (expandFinal && args.length) {
      const last = args[args.length - 1]!;
      if (last.kind !== 'list') return unknown(range, `the expanded argument of ${name}() is not a known list`);
      args = [...args.slice(0, -1), ...last.items];
    }
    return callFunction(name, args, range);
  }

  private binary(op: string, le: Expr, re: Expr, range: Range): Value {
    const l = this.eval(le);
    if (op === '&&' && l.kind === 'bool' && !l.value) return { kind: 'bool', value: false, range, origin: 'evaluated' };
    if (op === '||' && l.kind === 'bool' && l.value) return { kind: 'bool', value: true, range, origin: 'evaluated' };
    const r = this.eval(re);
    const bool = (value: boolean): Value => ({ kind: 'bool', value, range, origin: 'evaluated' });
    if (op === '==' || op === '!=') {
      if (hasUnknown(l) || hasUnknown(r)) return unknown(range, 'a compared value is not known');
      const eq =
        JSON.stringify(toPlain(l)) === JSON.stringify(toPlain(r)) &&
        (l.kind === r.kind || l.kind === 'null' || r.kind === 'null' ? l.kind === r.kind : false);
      return bool(op === '==' ? eq : !eq);
    }
    if (op === '&&' || op === '||') {
      if (l.kind !== 'bool' || r.kind !== 'bool') return unknown(range, 'a boolean operand is not known');
      return bool(op === '&&' ? l.value && r.value : l.value || r.value);
    }
    const a = asNumber(l);
    const b = asNumber(r);
    if (a === undefined || b === undefined) return unknown(range, `an operand of "${op}" is not a known number`);
    switch (op) {
      case '<':
        return bool(a < b);
      case '>':
        return bool(a > b);
      case '<=':
        return bool(a <= b);
      case '>=':
        return bool(a >= b);
      case '+':
        return { kind: 'number', value: a + b, range, origin: 'evaluated' };
      case '-':
        return { kind: 'number', value: a - b, range, origin: 'evaluated' };
      case '*':
        return { kind: 'number', value: a * b, range, origin: 'evaluated' };
      case '/':
        return b === 0 ? unknown(range, 'error: division by zero') : { kind: 'number', value: a / b, range, origin: 'evaluated' };
      case '%':
        return b === 0 ? unknown(range, 'error: modulo by zero') : { kind: 'number', value: a % b, range, origin: 'evaluated' };
    }
    return unknown(range, `operator "${op}" is not supported`);
  }

  private forExpr(e: Extract<Expr, { kind: 'for' }>, range: Range): Value {
    const coll = this.eval(e.collection);
    let pairs: [Value, Value][];
    if (coll.kind === 'list') pairs = coll.items.map((v, i) => [{ kind: 'number', value: i, range, origin: 'evaluated' }, v]);
    // Terraform iterates maps in lexical order of their keys.
    else if (coll.kind === 'map')
      pairs = entriesInKeyOrder(coll).map(([k, v]) => [{ kind: 'string', value: k, range, origin: 'evaluated' }, v]);
    else return unknown(range, coll.kind === 'unknown' ? coll.reason : 'the for expression needs a list or a map');
    if (pairs.length > MAX_ITEMS) return unknown(range, 'the collection is too large to evaluate');
    const items: Value[] = [];
    const entries = new Map<string, Value>();
    const groups = new Map<string, Value[]>();
    for (const [k, v] of pairs) {
      const iter = new Map(this.iter);
      iter.set(e.valueVar, v);
      if (e.keyVar) iter.set(e.keyVar, k);
      const sub = new Evaluator(this.scope, iter);
      if (e.cond) {
        const c = sub.eval(e.cond);
        if (c.kind !== 'bool') return unknown(range, 'the for expression condition is not known');
        if (!c.value) continue;
      }
      const val = sub.eval(e.valueExpr);
      if (!e.isObject) {
        items.push(val);
        continue;
      }
      // `{for ...: v}` without `key =>` is a syntax error the parser reports; nothing to evaluate.
      if (!e.keyExpr) return unknown(range, 'the object for expression has no key');
      const key = asString(sub.eval(e.keyExpr));
      if (key === undefined) return unknown(range, 'a key of the for expression is not known');
      if (e.grouping) groups.set(key, [...(groups.get(key) ?? []), val]);
      else entries.set(key, val);
    }
    if (!e.isObject) return { kind: 'list', items, range, origin: 'evaluated' };
    for (const [k, vs] of groups) entries.set(k, { kind: 'list', items: vs, range, origin: 'evaluated' });
    return { kind: 'map', entries, range, origin: 'evaluated' };
  }
}

/** The same value, placed at `range`, marked as evaluated. */
function evaluated(v: Value, range: Range): Value {
  const r = relocate(v, range);
  return r.origin === 'literal' ? { ...r, origin: 'evaluated' } : r;
}

/** The same value, placed at the range of the expression that produced it. */
export function relocate(v: Value, range: Range): Value {
  if (v.range.start === range.start && v.range.end === range.end) return v;
  return {
    ...v,
    range,
    origin: v.origin === 'literal' && v.range.start >= range.start && v.range.end <= range.end ? 'literal' : 'evaluated',
  };
}

function getAttr(v: Value, name: string, range: Range): Value {
  if (v.kind === 'map') return v.entries.get(name) ?? unknown(range, `error: no attribute "${name}"`);
  if (v.kind === 'unknown') return v;
  return unknown(range, `error: cannot read "${name}" of a ${v.kind}`);
}

function index(v: Value, key: Value, range: Range): Value {
  if (v.kind === 'unknown') return v;
  if (key.kind === 'unknown') return key;
  if (v.kind === 'list') {
    const i = asNumber(key);
    if (i === undefined || !Number.isInteger(i)) return unknown(range, 'error: list index is not a whole number');
    return v.items[i] ?? unknown(range, `error: index ${i} is out of range`);
  }
  if (v.kind === 'map') {
    const k = asString(key);
    if (k === undefined) return unknown(range, 'error: map key is not a string');
    return v.entries.get(k) ?? unknown(range, `error: no key "${k}"`);
  }
  return unknown(range, `error: cannot index a ${v.kind}`);
}

/**
 * The value and every part of it placed at `range`, as evaluated: for a value written in another
 * file (a var file, a variable's default), whose own ranges would point into that file.
 */
export function placeAt(v: Value, range: Range): Value {
  const origin = v.origin === 'default' ? 'default' : 'evaluated';
  if (v.kind === 'list') return { ...v, items: v.items.map((i) => placeAt(i, range)), range, origin };
  // A variable's map is placed at every place it is read, and most reads take one key of it.
  if (v.kind === 'map') return { ...v, entries: new PlacedEntries(v.entries, range), range, origin };
  return { ...v, range, origin };
}

/** The entries of a map, each placed at `range` when it is first read. */
class PlacedEntries implements ReadonlyMap<string, Value> {
  private readonly placed = new Map<string, Value>();

  constructor(
    private readonly source: ReadonlyMap<string, Value>,
    private readonly range: Range,
  ) {}

  get size(): number {
    return this.source.size;
  }

  has(key: string): boolean {
    return this.source.has(key);
  }

  get(key: string): Value | undefined {
    const done = this.placed.get(key);
    if (done) return done;
    const v = this.source.get(key);
    if (!v) return undefined;
    const p = placeAt(v, this.range);
    this.placed.set(key, p);
    return p;
  }

  forEach(f: (value: Value, key: string, map: ReadonlyMap<string, Value>) => void, thisArg?: unknown): void {
    for (const [k, v] of this) f.call(thisArg, v, k, this);
  }

  *entries(): MapIterator<[string, Value]> {
    for (const k of this.source.keys()) yield [k, this.get(k)!];
  }

  keys(): MapIterator<string> {
    return this.source.keys();
  }

  *values(): MapIterator<Value> {
    for (const k of this.source.keys()) yield this.get(k)!;
  }

  [Symbol.iterator](): MapIterator<[string, Value]> {
    return this.entries();
  }
}
