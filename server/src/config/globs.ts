/** Glob matching for `ignore` and `overrides`, relative to the configuration file's folder. */
import picomatch from 'picomatch';
import * as path from 'path';

const cache = new Map<string, (p: string) => boolean>();

function matcher(glob: string): (p: string) => boolean {
  let m = cache.get(glob);
  if (!m) {
    // As in .gitignore: a leading "/" anchors to the folder, a trailing "/" names a folder,
    // and a pattern without "/" matches a name at any depth.
    const anchored = glob.startsWith('/');
    const g = glob.replace(/^\//, '').replace(/\/$/, '');
    m = picomatch(g, { dot: true, basename: !anchored && !g.includes('/') });
    cache.set(glob, m);
  }
  return m;
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
  const candidates = parts.map((_, i) => parts.slice(0, i + 1).join('/'));
  return globs.find((g) => {
    const m = matcher(g);
    return candidates.some((c) => m(c));
  });
}
