/** Paths given by the host, compared and resolved without building the same strings again. */
import * as nodePath from 'node:path';

/**
 * Whether a path is already as `normalizePath` writes it (`/` separators; no empty, `.` or `..`
 * segment; no trailing `/`). A run asks for the same few thousand paths over and over, and nearly
 * all of them are: checking costs one look at each character and no allocation, normalising
 * costs a new string every time.
 */
export function isNormalPath(path: string): boolean {
  const n = path.length;
  if (n === 0) return false;
  let start = 0;
  for (let i = 0; i <= n; i++) {
    const c = i === n ? 47 : path.charCodeAt(i);
    if (c === 92) return false;
    if (c !== 47) continue;
    const len = i - start;
    // An empty segment only before the first `/` of an absolute path that names more than the root.
    if (len === 0) {
      if (i !== 0 || n === 1) return false;
    } else if (path.charCodeAt(start) === 46 && (len === 1 || (len === 2 && path.charCodeAt(start + 1) === 46))) return false;
    start = i + 1;
  }
  return true;
}

/** `path.resolve(p)`, without building the same string again when `p` is already absolute and normal (POSIX). */
export function resolvePath(p: string): string {
  return nodePath.sep === '/' && p.charCodeAt(0) === 47 && isNormalPath(p) ? p : nodePath.resolve(p);
}

/**
 * Whether a relative path (from `path.relative`) climbs out of its folder: `..` as a whole first
 * segment. A name that merely starts with two dots (`...`, `..cache`) stays inside.
 */
export function leavesFolder(rel: string): boolean {
  return rel === '..' || rel.startsWith('../') || rel.startsWith(`..${nodePath.sep}`);
}

/** `to` relative to `from` when it is `from` (`''`) or inside it; undefined when it lies above it or on another drive. */
export function relativeInside(from: string, to: string): string | undefined {
  const rel = nodePath.relative(from, to);
  return leavesFolder(rel) || nodePath.isAbsolute(rel) ? undefined : rel;
}
