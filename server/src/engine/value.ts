/** Values as rules see them: known data that remembers where it came from, or unknown with a reason. */
import type { Range } from './source';

/** Where a value came from: written literally, computed from variables and functions, or a platform default. */
export type Origin = 'literal' | 'evaluated' | 'default';

interface Base {
  /** Where the value stands in the file being checked (the expression that produced it). */
  readonly range: Range;
  readonly origin: Origin;
}

export type Value =
  | (Base & { readonly kind: 'string'; readonly value: string })
  | (Base & { readonly kind: 'number'; readonly value: number })
  | (Base & { readonly kind: 'bool'; readonly value: boolean })
  | (Base & { readonly kind: 'null' })
  | (Base & { readonly kind: 'list'; readonly items: readonly Value[] })
  | (Base & { readonly kind: 'map'; readonly entries: ReadonlyMap<string, Value> })
  | (Base & { readonly kind: 'unknown'; readonly reason: string });

export type ValueOf<K extends Value['kind']> = Extract<Value, { kind: K }>;

/** A map's entries in Terraform's order: lexical order of the keys, whatever order they were written in. */
export function entriesInKeyOrder(v: ValueOf<'map'>): [string, Value][] {
  return [...v.entries].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

/** A value that cannot be known (and so is never a finding). */
export function unknown(range: Range, reason: string): ValueOf<'unknown'> {
  return { kind: 'unknown', reason, range, origin: 'evaluated' };
}

/** True only for a known `true` (or the string "true", as Terraform converts it). */
export function isTrue(v: Value | undefined): boolean {
  if (!v) return false;
  if (v.kind === 'bool') return v.value;
  if (v.kind === 'string') return v.value === 'true';
  return false;
}

/** True only for a known `false` (or the string "false"). Unknown is neither true nor false. */
export function isFalse(v: Value | undefined): boolean {
  if (!v) return false;
  if (v.kind === 'bool') return !v.value;
  if (v.kind === 'string') return v.value === 'false';
  return false;
}

/** The string a known scalar converts to, or undefined. */
export function asString(v: Value | undefined): string | undefined {
  if (!v) return undefined;
  if (v.kind === 'string') return v.value;
  if (v.kind === 'number') return String(v.value);
  if (v.kind === 'bool') return String(v.value);
  return undefined;
}

/** The number a known scalar converts to, or undefined. */
export function asNumber(v: Value | undefined): number | undefined {
  if (!v) return undefined;
  if (v.kind === 'number') return v.value;
  if (v.kind === 'string' && v.value.trim() !== '' && !Number.isNaN(Number(v.value))) return Number(v.value);
  return undefined;
}

/** True when the value or anything inside it is unknown. */
export function hasUnknown(v: Value): boolean {
  if (v.kind === 'unknown') return true;
  if (v.kind === 'list') return v.items.some(hasUnknown);
  if (v.kind === 'map') {
    for (const e of v.entries.values()) if (hasUnknown(e)) return true;
  }
  return false;
}

/** Plain JSON-like data of a wholly known value; undefined if anything is unknown. */
export function toPlain(v: Value): unknown {
  switch (v.kind) {
    case 'string':
    case 'number':
    case 'bool':
      return v.value;
    case 'null':
      return null;
    case 'unknown':
      return undefined;
    case 'list': {
      const out: unknown[] = [];
      for (const i of v.items) {
        const p = toPlain(i);
        if (p === undefined) return undefined;
        out.push(p);
      }
      return out;
    }
    case 'map': {
      const out: Record<string, unknown> = {};
      for (const [k, e] of v.entries) {
        const p = toPlain(e);
        if (p === undefined) return undefined;
        out[k] = p;
      }
      return out;
    }
  }
}

/** Builds a value from plain JSON-like data, all placed at one range. */
export function fromPlain(data: unknown, range: Range, origin: Origin = 'evaluated'): Value {
  if (data === null || data === undefined) return { kind: 'null', range, origin };
  if (typeof data === 'string') return { kind: 'string', value: data, range, origin };
  if (typeof data === 'number') return { kind: 'number', value: data, range, origin };
  if (typeof data === 'boolean') return { kind: 'bool', value: data, range, origin };
  if (Array.isArray(data)) return { kind: 'list', items: data.map((d) => fromPlain(d, range, origin)), range, origin };
  const entries = new Map<string, Value>();
  for (const [k, d] of Object.entries(data as Record<string, unknown>)) entries.set(k, fromPlain(d, range, origin));
  return { kind: 'map', entries, range, origin };
}
