/** Paths given by the host, compared and resolved without building the same strings again. */
import * as nodePath from 'node:path';

/** A backslash, an empty segment, a `.` or `..` segment, or a trailing `/`: what normalising changes. */
const NOT_NORMAL = /\\|\/\/|\/$|(?:^|\/)\.\.?(?:\/|$)/;

/**
 * Whether a path is already as `normalizePath` writes it (`/` separators; no empty, `.` or `..`
 * segment; no trailing `/`). A run asks for the same few thousand paths over and over, and nearly
 * all of them are: checking costs no allocation, normalising costs a new string every time.
 */
export function isNormalPath(path: string): boolean {
  return path.length > 0 && !NOT_NORMAL.test(path);
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
