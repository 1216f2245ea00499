/**
 * Glob matching for `ignore` and `overrides`, relative to the configuration file's folder, as in
 * .gitignore: `*` and `?` within a name, `[...]` classes, `**` across folders, `{a,b}` alternatives.
 * Globs come from repository content, so they are never compiled to regular expressions: the matcher
 * below runs in time proportional to the pattern's length times the path's length, whatever the pattern.
 */
import * as path from 'node:path';

/** One element of a name pattern. */
type Token =
  | { readonly kind: 'char'; readonly ch: string }
  | { readonly kind: 'any' }
  | { readonly kind: 'star' }
  | { readonly kind: 'class'; readonly negated: boolean; readonly items: readonly (readonly [string, string])[] };

/** A compiled glob: folder segments, each a list of tokens or `**`. */
interface Compiled {
  /** The glob as written in the configuration. */
  readonly source: string;
  readonly segments: readonly (readonly Token[] | '**')[];
  /** Without `/`, a pattern matches a name at any depth. */
  readonly basename: boolean;
  /** Without wildcards: matched by equality. */
  readonly literal?: string;
}

/** Alternatives `{a,b}` expand to at most this many patterns; a glob that asks for more is refused. */
export const MAX_GLOB_EXPANSION = 256;
/** Longer globs are refused: no real path pattern comes near. */
export const MAX_GLOB_LENGTH = 1024;

/** Expands `{a,b}` alternatives (nested too); undefined when the expansion passes MAX_GLOB_EXPANSION. */
function expandBraces(glob: string): string[] | undefined {
  let depth = 0;
  let open = -1;
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    if (c === '\\') {
      i++;
      continue;
    }
    if (c === '{') {
      if (depth++ === 0) open = i;
    } else if (c === '}' && depth > 0 && --depth === 0) {
      const inner = glob.slice(open + 1, i);
      const parts: string[] = [];
      let d = 0;
      let from = 0;
      for (let j = 0; j < inner.length; j++) {
        const ch = inner[j];
        if (ch === '\\') j++;
        else if (ch === '{') d++;
        else if (ch === '}') d--;
        else if (ch === ',' && d === 0) {
          parts.push(inner.slice(from, j));
          from = j + 1;
        }
      }
      parts.push(inner.slice(from));
      // `{a}` is not an alternative: kept literally, as shells and picomatch do.
      if (parts.length < 2) continue;
      const out: string[] = [];
      for (const part of parts) {
        const rest = expandBraces(glob.slice(0, open) + part + glob.slice(i + 1));
        if (!rest) return undefined;
        out.push(...rest);
        if (out.length > MAX_GLOB_EXPANSION) return undefined;
      }
      return out;
    }
  }
  return [glob];
}

function tokens(segment: string): Token[] {
  const out: Token[] = [];
  for (let i = 0; i < segment.length; i++) {
    const c = segment[i]!;
    if (c === '\\' && i + 1 < segment.length) out.push({ kind: 'char', ch: segment[++i]! });
    else if (c === '?') out.push({ kind: 'any' });
    else if (c === '*') {
      if (out[out.length - 1]?.kind !== 'star') out.push({ kind: 'star' });
    } else if (c === '[') {
      const close = segment.indexOf(']', i + 2);
      if (close < 0) {
        out.push({ kind: 'char', ch: c });
        continue;
      }
      let body = segment.slice(i + 1, close);
      const negated = body.startsWith('!') || body.startsWith('^');
      if (negated) body = body.slice(1);
      const items: [string, string][] = [];
      for (let j = 0; j < body.length; j++) {
        if (body[j + 1] === '-' && j + 2 < body.length) {
          items.push([body[j]!, body[j + 2]!]);
          j += 2;
        } else items.push([body[j]!, body[j]!]);
      }
      out.push({ kind: 'class', negated, items });
      i = close;
    } else out.push({ kind: 'char', ch: c });
  }
  return out;
}

function one(t: Token, ch: string): boolean {
  switch (t.kind) {
    case 'char':
      return t.ch === ch;
    case 'any':
      return true;
    case 'class':
      return t.items.some(([a, b]) => ch >= a && ch <= b) !== t.negated;
    case 'star':
      return true;
  }
}

/**
 * Whether a name matches a segment's tokens: the classic wildcard walk that remembers only the last
 * star, so each character of the name is looked at a bounded number of times per token.
 */
function matchSegment(ts: readonly Token[], name: string): boolean {
  let t = 0;
  let n = 0;
  let starT = -1;
  let starN = 0;
  while (n < name.length) {
    const tok = ts[t];
    if (tok && tok.kind === 'star') {
      starT = t++;
      starN = n;
    } else if (tok && one(tok, name[n]!)) {
      t++;
      n++;
    } else if (starT >= 0) {
      t = starT + 1;
      n = ++starN;
    } else return false;
  }
  while (ts[t]?.kind === 'star') t++;
  return t === ts.length;
}

/** Whether path segments match pattern segments, `**` matching any number of folders: a table, never a search. */
function matchPath(segs: Compiled['segments'], parts: readonly string[]): boolean {
  // reach[j]: the first i pattern segments can match the first j path segments.
  let reach = new Array<boolean>(parts.length + 1).fill(false);
  reach[0] = true;
  for (const seg of segs) {
    const next = new Array<boolean>(parts.length + 1).fill(false);
    if (seg === '**') {
      let any = false;
      for (let j = 0; j <= parts.length; j++) {
        any = any || reach[j]!;
        next[j] = any;
      }
    } else {
      for (let j = 0; j < parts.length; j++) if (reach[j] && matchSegment(seg, parts[j]!)) next[j + 1] = true;
    }
    reach = next;
  }
  return reach[parts.length]!;
}

const cache = new Map<string, readonly Compiled[] | null>();

/** Compiles a glob; null when it is refused (too long, too many alternatives). */
function compile(glob: string): readonly Compiled[] | null {
  let c = cache.get(glob);
  if (c !== undefined) return c;
  c = null;
  if (glob.length <= MAX_GLOB_LENGTH) {
    // As in .gitignore: a leading "/" anchors to the folder, a trailing "/" names a folder,
    // and a pattern without "/" matches a name at any depth.
    const anchored = glob.startsWith('/');
    const expanded = expandBraces(glob.replace(/^\//, '').replace(/\/$/, ''));
    if (expanded) {
      c = expanded.map((g) => {
        const basename = !anchored && !g.includes('/');
        const segments = g
          .split('/')
          .filter((s) => s !== '')
          .map((s) => (s === '**' ? ('**' as const) : tokens(s)));
        const literal = /[*?[\\]/.test(g)
          ? undefined
          : g
              .split('/')
              .filter((s) => s !== '')
              .join('/');
        return { source: glob, segments, basename, ...(literal !== undefined ? { literal } : {}) };
      });
    }
  }
  if (cache.size > 20000) cache.clear();
  cache.set(glob, c);
  return c;
}

/** Why a glob from a configuration file cannot be used, or undefined when it can. */
export function globProblem(glob: string): string | undefined {
  if (glob.length > MAX_GLOB_LENGTH) return `The glob is longer than ${MAX_GLOB_LENGTH} characters.`;
  if (!compile(glob)) return `The glob's {…} alternatives expand to more than ${MAX_GLOB_EXPANSION} patterns.`;
  return undefined;
}

function matches(c: Compiled, candidate: string, parts: readonly string[]): boolean {
  if (c.basename) {
    const name = parts[parts.length - 1]!;
    if (c.literal !== undefined) return c.literal === name;
    return c.segments.length === 1 && matchPath(c.segments, [name]);
  }
  if (c.literal !== undefined) return c.literal === candidate;
  return matchPath(c.segments, parts);
}

/** A configuration's globs, indexed so that a file is compared only with the patterns that can match it. */
interface GlobSet {
  /** Patterns without wildcard or `/`: names at any depth. */
  readonly names: ReadonlyMap<string, string>;
  /** Patterns without wildcard, with `/`: paths from the configuration's folder. */
  readonly paths: ReadonlyMap<string, string>;
  /** Patterns whose first folder is written out, by that folder. */
  readonly byFirst: ReadonlyMap<string, readonly Compiled[]>;
  readonly rest: readonly Compiled[];
}

const sets = new WeakMap<readonly string[], GlobSet>();

function literalSegment(seg: readonly Token[] | '**' | undefined): string | undefined {
  if (!seg || seg === '**' || !seg.every((t) => t.kind === 'char')) return undefined;
  return seg.map((t) => (t as { ch: string }).ch).join('');
}

function globSet(globs: readonly string[]): GlobSet {
  let set = sets.get(globs);
  if (set) return set;
  const names = new Map<string, string>();
  const paths = new Map<string, string>();
  const byFirst = new Map<string, Compiled[]>();
  const rest: Compiled[] = [];
  for (const g of globs) {
    for (const c of compile(g) ?? []) {
      const literals = c.basename ? names : paths;
      if (c.literal !== undefined) {
        if (!literals.has(c.literal)) literals.set(c.literal, c.source);
      } else {
        const first = c.basename ? undefined : literalSegment(c.segments[0]);
        if (first === undefined) rest.push(c);
        else byFirst.set(first, [...(byFirst.get(first) ?? []), c]);
      }
    }
  }
  set = { names, paths, byFirst, rest };
  sets.set(globs, set);
  return set;
}

/** Whether `file` (absolute), or a folder holding it below `dir`, matches one of the globs. */
export function matchesGlobs(globs: readonly string[], dir: string, file: string): boolean {
  return matchingGlob(globs, dir, file) !== undefined;
}

/** The first glob that `file` (absolute), or a folder holding it below `dir`, matches. */
export function matchingGlob(globs: readonly string[], dir: string, file: string): string | undefined {
  if (!globs.length) return undefined;
  const rel = path.relative(dir, file).split(path.sep).join('/');
  if (rel === '' || rel.startsWith('../') || rel === '..' || path.isAbsolute(rel)) return undefined;
  const parts = rel.split('/');
  const set = globSet(globs);
  const keyed = set.byFirst.get(parts[0]!) ?? [];
  for (let i = 0; i < parts.length; i++) {
    const cand = parts.slice(0, i + 1);
    const joined = cand.join('/');
    const literal = set.names.get(parts[i]!) ?? set.paths.get(joined);
    if (literal !== undefined) return literal;
    const hit = keyed.find((c) => matches(c, joined, cand)) ?? set.rest.find((c) => matches(c, joined, cand));
    if (hit) return hit.source;
  }
  return undefined;
}
