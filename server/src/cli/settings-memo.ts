/** Each file's configuration for one CLI run, resolved once per folder where the folder's files cannot differ. */
import * as path from 'node:path';
import { resolvePath } from '../engine/paths';
import type { ConfigLoader, Loaded } from '../config/loader';

/**
 * A memo of `loader.load` for a run. A file's settings depend on its path only through `overrides`
 * and `ignore` globs: when no configuration file of its folder's chain has any, every file of the
 * folder shares the first one's settings, and the chain is walked and resolved once per folder
 * instead of once per file.
 */
export function settingsMemo(loader: ConfigLoader): (file: string) => Loaded {
  const byName = new Map<string, Loaded>();
  const byPath = new Map<string, Loaded>();
  const byFolder = new Map<string, Loaded | null>();
  const sharedByFolder = (l: Loaded): boolean =>
    l.problems.length === 0 &&
    l.sources.every((s) => {
      const config = loader.parse(s)?.config;
      return config !== undefined && config.overrides.length === 0 && config.ignore.length === 0;
    });
  return (file) => {
    const hit = byName.get(file);
    if (hit) return hit;
    const abs = resolvePath(file);
    let l = byPath.get(abs);
    if (!l) {
      const dir = path.dirname(abs);
      const folder = byFolder.get(dir);
      if (folder) l = folder;
      else {
        l = loader.load(abs);
        if (folder === undefined) byFolder.set(dir, sharedByFolder(l) ? l : null);
      }
      byPath.set(abs, l);
    }
    byName.set(file, l);
    return l;
  };
}
