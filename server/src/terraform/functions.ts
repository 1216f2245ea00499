/** Terraform's built-in functions that can be computed from configuration alone. */
import type { Range } from '../engine/source';
import { type Value, asNumber, asString, entriesInKeyOrder, fromPlain, hasUnknown, toPlain, unknown } from '../engine/value';

type Fn = (args: readonly Value[], range: Range) => Value;

const str = (value: string, range: Range): Value => ({ kind: 'string', value, range, origin: 'evaluated' });
const num = (value: number, range: Range): Value => ({ kind: 'number', value, range, origin: 'evaluated' });
const bool = (value: boolean, range: Range): Value => ({ kind: 'bool', value, range, origin: 'evaluated' });
const list = (items: readonly Value[], range: Range): Value => ({ kind: 'list', items, range, origin: 'evaluated' });
const map = (entries: ReadonlyMap<string, Value>, range: Range): Value => ({ kind: 'map', entries, range, origin: 'evaluated' });

/** A function of strings only. */
function strFn(f: (...s: string[]) => string | Value): Fn {
  return (args, range) => {
    const ss: string[] = [];
    for (const a of args) {
      const s = asString(a);
      if (s === undefined) return unknown(range, a.kind === 'unknown' ? a.reason : 'an argument is not a string');
      ss.push(s);
    }
    const r = f(...ss);
    return typeof r === 'string' ? str(r, range) : r;
  };
}

function firstUnknown(args: readonly Value[]): Value | undefined {
  return args.find((a) => a.kind === 'unknown');
}

function sameJson(a: Value, b: Value): boolean {
  return JSON.stringify(toPlain(a)) === JSON.stringify(toPlain(b));
}

function format(fmt: string, args: readonly Value[], range: Range): Value {
  let i = 0;
  let out = '';
  for (let p = 0; p < fmt.length; p++) {
    const c = fmt[p]!;
    if (c !== '%') {
      out += c;
      continue;
    }
    const m = /^%([-+# 0]*)(\d*)(?:\.(\d+))?([a-zA-Z%])/.exec(fmt.slice(p));
    if (!m) return unknown(range, 'error: bad format string');
    p += m[0].length - 1;
    if (m[4] === '%') {
      out += '%';
      continue;
    }
    const a = args[i++];
    if (!a) return unknown(range, 'error: too few arguments for format()');
    if (a.kind === 'unknown') return a;
    if (m[4] === 'v' || m[4] === 's') {
      const s = asString(a) ?? JSON.stringify(toPlain(a));
      out += s;
    } else if (m[4] === 'd') {
      const n = asNumber(a);
      if (n === undefined) return unknown(range, 'error: %d needs a number');
      out += String(Math.trunc(n)).padStart(Number(m[2] || 0), m[1]?.includes('0') ? '0' : ' ');
    } else if (m[4] === 'f') {
      const n = asNumber(a);
      if (n === undefined) return unknown(range, 'error: %f needs a number');
      out += n.toFixed(m[3] ? Number(m[3]) : 6);
    } else if (m[4] === 'q') {
      out += JSON.stringify(asString(a) ?? '');
    } else {
      return unknown(range, `format verb %${m[4]} is not supported`);
    }
  }
  return str(out, range);
}

function numFn(args: readonly Value[], range: Range, f: (n: number) => number): Value {
  const n = asNumber(args[0]);
  return n === undefined ? (firstUnknown(args) ?? unknown(range, 'error: a number is needed')) : num(f(n), range);
}

function boolsFn(args: readonly Value[], range: Range, f: (bs: boolean[]) => boolean): Value {
  const a = args[0];
  if (a?.kind !== 'list') return a ?? unknown(range, 'error');
  const bs: boolean[] = [];
  for (const i of a.items) {
    if (i.kind === 'bool') bs.push(i.value);
    else if (i.kind === 'string' && (i.value === 'true' || i.value === 'false')) bs.push(i.value === 'true');
    else return unknown(range, 'an element is not a known bool');
  }
  return bool(f(bs), range);
}

function flatten(v: Value): Value[] {
  if (v.kind === 'list') return v.items.flatMap(flatten);
  return [v];
}

const FUNCTIONS: Readonly<Record<string, Fn>> = {
  lower: strFn((s) => s.toLowerCase()),
  upper: strFn((s) => s.toUpperCase()),
  trimspace: strFn((s) => s.trim()),
  title: strFn((s) => s.replace(/\b\w/g, (c) => c.toUpperCase())),
  trimprefix: strFn((s, p) => (s.startsWith(p) ? s.slice(p.length) : s)),
  trimsuffix: strFn((s, p) => (p && s.endsWith(p) ? s.slice(0, -p.length) : s)),
  replace: strFn((s, search, rep) => {
    const re = /^\/(.*)\/$/.exec(search);
    if (re) {
      try {
        return s.replace(new RegExp(re[1]!, 'g'), rep.replace(/\$\{(\d+)\}/g, '$$$1'));
      } catch {
        return unknown({ start: 0, end: 0 }, 'error: bad regular expression');
      }
    }
    return s.split(search).join(rep);
  }),
  substr: (args, range) => {
    const s = asString(args[0]);
    const off = asNumber(args[1]);
    const len = asNumber(args[2]);
    if (s === undefined || off === undefined || len === undefined) return firstUnknown(args) ?? unknown(range, 'error: substr() arguments');
    const chars = [...s];
    const start = off < 0 ? chars.length + off : off;
    return str(chars.slice(start, len < 0 ? undefined : start + len).join(''), range);
  },
  format: (args, range) => {
    const f = asString(args[0]);
    if (f === undefined) return firstUnknown(args) ?? unknown(range, 'error: format() needs a string');
    return format(f, args.slice(1), range);
  },
  join: (args, range) => {
    const sep = asString(args[0]);
    if (sep === undefined) return firstUnknown(args) ?? unknown(range, 'error: join() separator');
    const parts: string[] = [];
    for (const l of args.slice(1)) {
      if (l.kind !== 'list') return l.kind === 'unknown' ? l : unknown(range, 'error: join() needs lists');
      for (const i of l.items) {
        const s = asString(i);
        if (s === undefined) return i.kind === 'unknown' ? i : unknown(range, 'error: join() needs strings');
        parts.push(s);
      }
    }
    return str(parts.join(sep), range);
  },
  split: (args, range) => {
    const sep = asString(args[0]);
    const s = asString(args[1]);
    if (sep === undefined || s === undefined) return firstUnknown(args) ?? unknown(range, 'error: split() needs strings');
    return list(
      s.split(sep).map((p) => str(p, range)),
      range,
    );
  },
  concat: (args, range) => {
    const items: Value[] = [];
    for (const a of args) {
      if (a.kind !== 'list') return a.kind === 'unknown' ? a : unknown(range, 'error: concat() needs lists');
      items.push(...a.items);
    }
    return list(items, range);
  },
  merge: (args, range) => {
    const entries = new Map<string, Value>();
    for (const a of args) {
      if (a.kind === 'null') continue;
      if (a.kind !== 'map') return a.kind === 'unknown' ? a : unknown(range, 'error: merge() needs maps');
      for (const [k, v] of a.entries) entries.set(k, v);
    }
    return map(entries, range);
  },
  lookup: (args, range) => {
    const m = args[0];
    const k = asString(args[1]);
    if (m?.kind !== 'map' || k === undefined) return firstUnknown(args) ?? unknown(range, 'error: lookup() needs a map and a key');
    return m.entries.get(k) ?? args[2] ?? unknown(range, `error: no key "${k}"`);
  },
  coalesce: (args, range) => {
    for (const a of args) {
      if (a.kind === 'unknown') return a;
      if (a.kind !== 'null' && !(a.kind === 'string' && a.value === '')) return a;
    }
    return unknown(range, 'error: no non-null argument to coalesce()');
  },
  coalescelist: (args, range) => {
    for (const a of args) {
      if (a.kind === 'unknown') return a;
      if (a.kind === 'list' && a.items.length) return a;
    }
    return unknown(range, 'error: no non-empty list');
  },
  contains: (args, range) => {
    const [l, v] = args;
    if (!l || !v || l.kind !== 'list' || hasUnknown(l) || hasUnknown(v))
      return firstUnknown(args) ?? unknown(range, 'contains() arguments are not known');
    return bool(
      l.items.some((i) => sameJson(i, v)),
      range,
    );
  },
  element: (args, range) => {
    const [l, i] = args;
    const n = asNumber(i);
    if (l?.kind !== 'list' || n === undefined) return firstUnknown(args) ?? unknown(range, 'error: element() arguments');
    if (!l.items.length) return unknown(range, 'error: element() of an empty list');
    return l.items[((Math.trunc(n) % l.items.length) + l.items.length) % l.items.length]!;
  },
  length: (args, range) => {
    const a = args[0];
    if (!a) return unknown(range, 'error: length() needs an argument');
    if (a.kind === 'list') return num(a.items.length, range);
    if (a.kind === 'map') return num(a.entries.size, range);
    if (a.kind === 'string') return num([...a.value].length, range);
    return a.kind === 'unknown' ? a : unknown(range, 'error: length() of a scalar');
  },
  tolist: (args, range) => (args[0]?.kind === 'list' ? args[0] : (args[0] ?? unknown(range, 'error'))),
  toset: (args, range) => {
    const a = args[0];
    if (a?.kind !== 'list') return a ?? unknown(range, 'error');
    if (hasUnknown(a)) return unknown(range, 'a set member is not known');
    const seen = new Set<string>();
    return list(
      a.items.filter((i) => {
        const k = JSON.stringify(toPlain(i));
        if (seen.has(k)) return false;
        seen.add(k);
        return true;
      }),
      range,
    );
  },
  tomap: (args, range) => (args[0]?.kind === 'map' ? args[0] : (args[0] ?? unknown(range, 'error'))),
  tostring: (args, range) => {
    const s = asString(args[0]);
    if (s !== undefined) return str(s, range);
    return args[0]?.kind === 'null' ? args[0] : (firstUnknown(args) ?? unknown(range, 'error: tostring() of a collection'));
  },
  tonumber: (args, range) => {
    const n = asNumber(args[0]);
    return n !== undefined ? num(n, range) : (firstUnknown(args) ?? unknown(range, 'error: not a number'));
  },
  tobool: (args, range) => {
    const a = args[0];
    if (a?.kind === 'bool') return a;
    if (a?.kind === 'string' && (a.value === 'true' || a.value === 'false')) return bool(a.value === 'true', range);
    return firstUnknown(args) ?? unknown(range, 'error: not a bool');
  },
  jsonencode: (args, range) => {
    const a = args[0];
    if (!a) return unknown(range, 'error: jsonencode() needs an argument');
    const plain = toPlain(a);
    if (plain === undefined) return unknown(range, 'part of the encoded value is not known');
    return str(JSON.stringify(plain), range);
  },
  jsondecode: (args, range) => {
    const s = asString(args[0]);
    if (s === undefined) return firstUnknown(args) ?? unknown(range, 'error: jsondecode() needs a string');
    try {
      return fromPlain(JSON.parse(s), range);
    } catch {
      return unknown(range, 'error: jsondecode() of invalid JSON');
    }
  },
  flatten: (args, range) => {
    const a = args[0];
    if (a?.kind !== 'list') return a ?? unknown(range, 'error');
    const items = flatten(a);
    // An unknown element may itself be a list, so the flattened length is not known either.
    const u = items.find((i) => i.kind === 'unknown');
    return u ?? list(items, range);
  },
  keys: (args, range) => {
    const a = args[0];
    if (a?.kind !== 'map') return a?.kind === 'unknown' ? a : unknown(range, 'error: keys() needs a map');
    return list(
      entriesInKeyOrder(a).map(([k]) => str(k, range)),
      range,
    );
  },
  values: (args, range) => {
    const a = args[0];
    if (a?.kind !== 'map') return a?.kind === 'unknown' ? a : unknown(range, 'error: values() needs a map');
    return list(
      entriesInKeyOrder(a).map(([, v]) => v),
      range,
    );
  },
  zipmap: (args, range) => {
    const [k, v] = args;
    if (!k || !v || k.kind !== 'list' || v.kind !== 'list') return firstUnknown(args) ?? unknown(range, 'error: zipmap() needs lists');
    const entries = new Map<string, Value>();
    for (let i = 0; i < k.items.length; i++) {
      const key = asString(k.items[i]);
      if (key === undefined) return unknown(range, 'a key of zipmap() is not known');
      entries.set(key, v.items[i] ?? unknown(range, 'error: zipmap() lists differ in length'));
    }
    return map(entries, range);
  },
  distinct: (args, range) => FUNCTIONS.toset!(args, range),
  compact: (args, range) => {
    const a = args[0];
    if (a?.kind !== 'list') return a ?? unknown(range, 'error');
    if (a.items.some((i) => i.kind === 'unknown')) return unknown(range, 'a list item is not known');
    return list(
      a.items.filter((i) => !(i.kind === 'null' || (i.kind === 'string' && i.value === ''))),
      range,
    );
  },
  max: (args, range) => {
    const ns = args.map(asNumber);
    return ns.every((n) => n !== undefined) && ns.length
      ? num(Math.max(...(ns as number[])), range)
      : (firstUnknown(args) ?? unknown(range, 'error'));
  },
  min: (args, range) => {
    const ns = args.map(asNumber);
    return ns.every((n) => n !== undefined) && ns.length
      ? num(Math.min(...(ns as number[])), range)
      : (firstUnknown(args) ?? unknown(range, 'error'));
  },
  one: (args, range) => {
    const a = args[0];
    if (a?.kind !== 'list') return a?.kind === 'null' ? a : (a ?? unknown(range, 'error'));
    if (a.items.length > 1) return unknown(range, 'error: one() needs a list of at most one element');
    return a.items[0] ?? { kind: 'null', range, origin: 'evaluated' };
  },
  range: (args, range) => {
    const ns = args.map(asNumber);
    if (ns.some((n) => n === undefined) || !ns.length) return firstUnknown(args) ?? unknown(range, 'error: range() needs numbers');
    const [start, end, step] = ns.length === 1 ? [0, ns[0]!, 1] : [ns[0]!, ns[1]!, ns[2] ?? (ns[0]! <= ns[1]! ? 1 : -1)];
    if (step === 0 || Math.abs((end - start) / step) > 1024) return unknown(range, 'error: range() is too long or has a zero step');
    const items: Value[] = [];
    for (let i = start; step > 0 ? i < end : i > end; i += step) items.push(num(i, range));
    return list(items, range);
  },
  reverse: (args, range) => {
    const a = args[0];
    return a?.kind === 'list' ? list([...a.items].reverse(), range) : (a ?? unknown(range, 'error'));
  },
  sort: (args, range) => {
    const a = args[0];
    if (a?.kind !== 'list') return a ?? unknown(range, 'error');
    const ss = a.items.map(asString);
    if (ss.some((x) => x === undefined)) return unknown(range, 'an element of sort() is not a known string');
    return list(
      (ss as string[]).sort().map((x) => str(x, range)),
      range,
    );
  },
  slice: (args, range) => {
    const [a, from, to] = args;
    const f = asNumber(from);
    const t = asNumber(to);
    if (a?.kind !== 'list' || f === undefined || t === undefined)
      return firstUnknown(args) ?? unknown(range, 'error: slice() needs a list and two indexes');
    if (f < 0 || t > a.items.length || f > t) return unknown(range, 'error: slice() indexes are out of range');
    return list(a.items.slice(f, t), range);
  },
  abs: (args, range) => numFn(args, range, Math.abs),
  ceil: (args, range) => numFn(args, range, Math.ceil),
  floor: (args, range) => numFn(args, range, Math.floor),
  trim: strFn((s, chars) => {
    let a = 0;
    let b = s.length;
    while (a < b && chars.includes(s[a]!)) a++;
    while (b > a && chars.includes(s[b - 1]!)) b--;
    return s.slice(a, b);
  }),
  setunion: (args, range) => {
    if (args.some((a) => a.kind !== 'list')) return firstUnknown(args) ?? unknown(range, 'error: setunion() needs sets');
    return FUNCTIONS.toset!(
      [
        list(
          args.flatMap((a) => (a.kind === 'list' ? a.items : [])),
          range,
        ),
      ],
      range,
    );
  },
  sum: (args, range) => {
    const a = args[0];
    if (a?.kind !== 'list') return a ?? unknown(range, 'error');
    const ns = a.items.map(asNumber);
    if (ns.some((n) => n === undefined)) return unknown(range, 'an element of sum() is not a known number');
    return num(
      (ns as number[]).reduce((x, y) => x + y, 0),
      range,
    );
  },
  alltrue: (args, range) => boolsFn(args, range, (bs) => bs.every((b) => b)),
  anytrue: (args, range) => boolsFn(args, range, (bs) => bs.some((b) => b)),
  index: (args, range) => {
    const [a, v] = args;
    if (!a || !v || a.kind !== 'list' || hasUnknown(a) || hasUnknown(v))
      return firstUnknown(args) ?? unknown(range, 'an argument of index() is not known');
    const i = a.items.findIndex((x) => sameJson(x, v));
    return i < 0 ? unknown(range, 'error: index() found no such element') : num(i, range);
  },
  startswith: strFn((s, p) => ({ kind: 'bool', value: s.startsWith(p), range: { start: 0, end: 0 }, origin: 'evaluated' })),
  endswith: strFn((s, p) => ({ kind: 'bool', value: s.endsWith(p), range: { start: 0, end: 0 }, origin: 'evaluated' })),
};

/** Calls a built-in function; unknown (with the reason) when it is not supported or an input is unknown. */
export function callFunction(name: string, args: readonly Value[], range: Range): Value {
  const f = FUNCTIONS[name];
  if (!f) return unknown(range, `${name}() is not evaluated`);
  const v = f(args, range);
  return v.range.start === range.start && v.range.end === range.end ? v : { ...v, range, origin: 'evaluated' };
}
