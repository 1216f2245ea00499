/** Paths as the engine compares them: `/` separators, `.` and `..` resolved, no disk access. */
import { isNormalPath } from '../engine/paths';

/** Normalises a path with `/` separators, resolving `.` and `..`. */
export function normalizePath(path: string): string {
  if (isNormalPath(path)) return path;
  const abs = path.startsWith('/');
  const out: string[] = [];
  for (const part of path.replace(/\\/g, '/').split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..' && out.length && out[out.length - 1] !== '..') out.pop();
    else if (part !== '..' || !abs) out.push(part);
  }
  return (abs ? '/' : '') + (out.join('/') || (abs ? '' : '.'));
}

/**
 * Files OpenTofu ignores: where `x.tofu` and `x.tf` (or `x.tofu.json` and `x.tf.json`) are in the
 * same folder, OpenTofu reads only the `.tofu` one. Returns the paths hidden that way.
 */
export function hiddenByTofu(paths: readonly string[]): Set<string> {
  const present = new Set(paths.map((p) => normalizePath(p).toLowerCase()));
  const hidden = new Set<string>();
  for (const p of paths) {
    const n = normalizePath(p).toLowerCase();
    const twin = n.endsWith('.tf') ? `${n.slice(0, -3)}.tofu` : n.endsWith('.tf.json') ? `${n.slice(0, -8)}.tofu.json` : undefined;
    if (twin && present.has(twin)) hidden.add(p);
  }
  return hidden;
}
