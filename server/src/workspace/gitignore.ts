/** `.gitignore` rules for a walk: read once per folder that holds one, matched by paths relative to each file's folder. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { relativeInside } from '../engine/paths';
import ignore, { type Ignore } from 'ignore';
import { isRefusal, readRegularFile } from './confine';

/** `.gitignore` files larger than this are not read. */
const MAX_GITIGNORE_BYTES = 1024 * 1024;

/** A .gitignore's rules and the folder they are relative to (as given, and absolute). */
export interface GitIgnore {
  readonly base: string;
  readonly abs: string;
  readonly ig: Ignore;
}

/** The rules of a folder's .gitignore, or undefined when it has none that can be read (a FIFO, a device, too large). */
export function readGitignore(dir: string): GitIgnore | undefined {
  try {
    const read = readRegularFile(path.join(dir, '.gitignore'), MAX_GITIGNORE_BYTES);
    return isRefusal(read) ? undefined : { base: dir, abs: path.resolve(dir), ig: ignore().add(read.text) };
  } catch {
    return undefined;
  }
}

/** The .gitignore files above a folder, up to the repository's top (the folder holding .git); none outside a repository. */
export function gitignoresAbove(dir: string): GitIgnore[] {
  const found: GitIgnore[] = [];
  const start = path.resolve(dir);
  for (let d = path.dirname(start); d !== start; ) {
    const g = readGitignore(d);
    if (g) found.unshift(g);
    if (fs.existsSync(path.join(d, '.git'))) return found;
    const up = path.dirname(d);
    if (up === d) return []; // not in a repository: no .gitignore above applies
    d = up;
  }
  return found;
}

/** The .gitignore file and pattern hiding a path, the deepest file's rule winning as in git. */
export function whyGitIgnored(rules: readonly GitIgnore[], full: string, isDir: boolean): { file: string; pattern: string } | undefined {
  const abs = path.resolve(full);
  for (let i = rules.length - 1; i >= 0; i--) {
    const r = rules[i]!;
    const inside = relativeInside(r.abs, abs);
    if (!inside) continue;
    const rel = slashed(inside);
    const check = r.ig.checkIgnore(isDir ? `${rel}/` : rel);
    if (check.ignored && check.rule) return { file: path.join(r.base, '.gitignore'), pattern: check.rule.pattern };
  }
  return undefined;
}

/**
 * The rules in force in one folder, each with the folder's path relative to the rule's base computed once,
 * so that testing an entry of the folder joins a name instead of resolving and relativising its path.
 */
export class FolderRules {
  private readonly prefixes: readonly (readonly [Ignore, string])[];

  /** The rules of `rules` that can apply inside the absolute folder `dir`. */
  constructor(rules: readonly GitIgnore[], dir: string) {
    const out: [Ignore, string][] = [];
    for (const r of rules) {
      const inside = relativeInside(r.abs, dir);
      if (inside === undefined) continue;
      const rel = slashed(inside);
      out.push([r.ig, rel === '' ? '' : `${rel}/`]);
    }
    this.prefixes = out;
  }

  /** Whether an entry of the folder, by name, is ignored. */
  ignores(name: string, isDir: boolean): boolean {
    for (const [ig, prefix] of this.prefixes) if (ig.ignores(isDir ? `${prefix}${name}/` : `${prefix}${name}`)) return true;
    return false;
  }
}

function slashed(p: string): string {
  return path.sep === '/' ? p : p.split(path.sep).join('/');
}
