/** Finds and reads the files a run lints, from the paths given on the command line. */
import * as fs from 'fs';
import * as path from 'path';
import ignore, { type Ignore } from 'ignore';
import { SourceFile, languageOf } from '../engine/source';
import type { FileError } from '../engine/types';
import { DEFAULT_MAX_FILE_SIZE } from '../engine/limits';
import { type Project, isRefusal, readRegularFile } from '../workspace/confine';

/** A path on the command line that does not exist. */
export class MissingPathError extends Error {}

/** The files to lint, the files that could not be read, and what was skipped. */
export interface Collected {
  readonly files: readonly SourceFile[];
  readonly errors: readonly FileError[];
  /** Paths given explicitly that snclint does not read, for a warning. */
  readonly skipped: readonly string[];
  /** Paths given explicitly that the configuration ignores, for a warning. */
  readonly ignored: readonly string[];
  /** Paths given explicitly that a .gitignore hides, with the file and pattern, for a warning. */
  readonly gitignored: readonly GitIgnored[];
}

/** A path named on the command line that a .gitignore rule hides. */
export interface GitIgnored {
  readonly path: string;
  /** The .gitignore file holding the rule. */
  readonly file: string;
  readonly pattern: string;
}

/** Folders never searched: dependencies, VCS data and Terraform's provider cache. */
const SKIPPED_DIRS = new Set(['node_modules', '.git', '.terraform']);

function ioMessage(e: unknown): string {
  const err = e as NodeJS.ErrnoException;
  switch (err.code) {
    case 'ENOENT':
      return 'no such file (broken symbolic link?)';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EISDIR':
      return 'is a directory';
    case 'ELOOP':
      return 'too many levels of symbolic links';
    default:
      return err.message ?? String(e);
  }
}

/** Hidden entries are skipped: Terraform itself ignores dotfiles, and hidden folders hold tool state. */
function isHidden(name: string): boolean {
  return name.startsWith('.');
}

/** What else decides whether a file is read. */
export interface CollectOptions {
  /** Whether the configuration ignores a file (absolute path); such files are skipped even when named. */
  readonly isIgnored?: (file: string) => boolean;
  /** Honour .gitignore files (default true). */
  readonly gitignore?: boolean;
  /** The folders the run may read: a symbolic link met while walking that leaves them is not followed. */
  readonly project?: Project;
  /** The size limit of a file (absolute path), checked before it is read. */
  readonly maxFileSize?: (file: string) => number;
}

/** `.gitignore` files larger than this are not read. */
const MAX_GITIGNORE_BYTES = 1024 * 1024;

/** A .gitignore's rules and the folder they are relative to. */
interface GitIgnore {
  readonly base: string;
  readonly ig: Ignore;
}

function readGitignore(dir: string): GitIgnore | undefined {
  try {
    const read = readRegularFile(path.join(dir, '.gitignore'), MAX_GITIGNORE_BYTES);
    return isRefusal(read) ? undefined : { base: dir, ig: ignore().add(read.text) };
  } catch {
    return undefined;
  }
}

/** The .gitignore files above a folder, up to the repository's top (the folder holding .git). */
function gitignoresAbove(dir: string): GitIgnore[] {
  const found: GitIgnore[] = [];
  let d = path.dirname(path.resolve(dir));
  for (;;) {
    if (d === path.resolve(dir)) break;
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
function whyGitIgnored(rules: readonly GitIgnore[], full: string, isDir: boolean): { file: string; pattern: string } | undefined {
  const abs = path.resolve(full);
  for (let i = rules.length - 1; i >= 0; i--) {
    const r = rules[i]!;
    const rel = path.relative(r.base, abs).split(path.sep).join('/');
    if (rel === '' || rel.startsWith('..')) continue;
    const check = r.ig.checkIgnore(isDir ? `${rel}/` : rel);
    if (check.ignored && check.rule) return { file: path.join(r.base, '.gitignore'), pattern: check.rule.pattern };
  }
  return undefined;
}

function gitIgnored(rules: readonly GitIgnore[], full: string, isDir: boolean): boolean {
  const abs = path.resolve(full);
  return rules.some((r) => {
    const rel = path.relative(r.base, abs).split(path.sep).join('/');
    return rel !== '' && !rel.startsWith('..') && r.ig.ignores(isDir ? `${rel}/` : rel);
  });
}

function optional<T>(x: T | undefined): T[] {
  return x === undefined ? [] : [x];
}

/** Collects files from paths given as arguments. Throws MissingPathError for a path that does not exist. */
export function collectFiles(paths: readonly string[], options: CollectOptions = {}): Collected {
  const useGit = options.gitignore !== false;
  const ignoredByConfig: string[] = [];
  const files: SourceFile[] = [];
  const errors: FileError[] = [];
  const skipped: string[] = [];
  const hidden: GitIgnored[] = [];
  const seenFiles = new Set<string>();
  const seenDirs = new Set<string>();

  const addFile = (file: string, explicit: boolean, link = false): void => {
    const language = languageOf(file);
    if (!language) {
      if (explicit) skipped.push(file);
      return;
    }
    const key = path.resolve(file);
    if (options.isIgnored?.(key)) {
      if (explicit) ignoredByConfig.push(file);
      return;
    }
    if (seenFiles.has(key)) return;
    seenFiles.add(key);
    if (link && !explicit && options.project) {
      const refusal = options.project.check(key);
      if (refusal) {
        errors.push({ file, kind: 'skipped', message: `Symbolic link not followed: ${refusal.refused}, and snclint reads nothing outside it` });
        return;
      }
    }
    try {
      // Editors hide the byte-order mark, so columns must not count it either: the reader drops it.
      const read = readRegularFile(file, options.maxFileSize?.(key) ?? DEFAULT_MAX_FILE_SIZE);
      if (isRefusal(read)) errors.push({ file, kind: 'skipped', message: read.refused });
      else files.push(new SourceFile(file, read.text, language));
    } catch (e) {
      errors.push({ file, kind: 'io', message: ioMessage(e) });
    }
  };

  const walk = (dir: string, rules: readonly GitIgnore[], explicitDir = false): void => {
    let real: string;
    let entries: fs.Dirent[];
    try {
      // One system call per folder: the JavaScript realpath would lstat every component of the path.
      real = fs.realpathSync.native(dir);
      if (!explicitDir && options.project && !options.project.containsReal(real)) {
        errors.push({ file: dir, kind: 'skipped', message: `Symbolic link not followed: it resolves outside the project (${options.project.roots[0] ?? '/'}), and snclint reads nothing outside it` });
        return;
      }
      // A symbolic link back up the tree would otherwise be walked forever.
      if (seenDirs.has(real)) return;
      seenDirs.add(real);
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch (e) {
      errors.push({ file: dir, kind: 'io', message: ioMessage(e) });
      return;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    const own = useGit ? readGitignore(dir) : undefined;
    const here = own ? [...rules, own] : rules;
    for (const entry of entries) {
      if (isHidden(entry.name)) continue;
      const full = path.join(dir, entry.name);
      let isDir = entry.isDirectory();
      if (entry.isSymbolicLink()) {
        try {
          isDir = fs.statSync(full).isDirectory();
        } catch {
          isDir = false; // a broken link to a lintable name is reported when read
        }
      }
      if (gitIgnored(here, full, isDir)) continue;
      if (isDir) {
        if (!SKIPPED_DIRS.has(entry.name)) walk(full, here);
      } else if (entry.isFile() || entry.isSymbolicLink()) {
        addFile(full, false, entry.isSymbolicLink());
      } else if (languageOf(full)) {
        // A FIFO, socket or device under a lintable name: never opened, reported at once.
        errors.push({ file: full, kind: 'skipped', message: 'It is a named pipe, socket or device, not a regular file: it was not read' });
      }
    }
  };

  for (const p of paths) {
    let isLink = false;
    try {
      isLink = fs.lstatSync(p).isSymbolicLink();
    } catch {
      throw new MissingPathError(`no such file or directory: ${p}`);
    }
    let isDir = false;
    try {
      isDir = fs.statSync(p).isDirectory();
    } catch (e) {
      if (!isLink) throw e;
    }
    // A path named on the command line that an ignore rule hides is skipped, never in silence.
    const above = useGit ? (isDir ? gitignoresAbove(p) : [...gitignoresAbove(path.dirname(p)), ...optional(readGitignore(path.dirname(p)))]) : [];
    const why = whyGitIgnored(above, p, isDir);
    if (why) hidden.push({ path: p, ...why });
    else if (isDir && options.isIgnored?.(path.resolve(p))) ignoredByConfig.push(p);
    else if (isDir) walk(p, above, true);
    else addFile(p, true);
  }
  return { files, errors, skipped, ignored: ignoredByConfig, gitignored: hidden };
}
