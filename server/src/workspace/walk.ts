/** Finds and reads the files of a run from the paths given on the command line: skip rules, ignore files, size limits, links and special files. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { SourceFile, languageOf } from '../engine/source';
import type { FileError } from '../engine/types';
import { DEFAULT_MAX_FILE_SIZE } from '../engine/limits';
import { type Project, isRefusal, readRegularFile } from './confine';
import { FolderRules, type GitIgnore, gitignoresAbove, readGitignore, whyGitIgnored } from './gitignore';
import type { FolderListings } from './listings';
import { isHidden, isSkippedFolder } from './skip';

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
  /** Where the walk records each folder's entries, for later questions about them (configuration discovery). */
  readonly listings?: FolderListings;
}

/** A file system error as a person reads it. */
export function ioMessage(e: unknown): string {
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

function optional<T>(x: T | undefined): T[] {
  return x === undefined ? [] : [x];
}

function byName(a: fs.Dirent, b: fs.Dirent): number {
  return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
}

/**
 * A file's text read again during the run (its text was evicted); a file that can no longer be
 * read, or that became a symbolic link since the walk met it as a regular file, throws a message
 * for the report.
 */
function readAgain(file: string, maxBytes: number): string {
  let read: ReturnType<typeof readRegularFile> | 'link';
  try {
    read = fs.lstatSync(file).isSymbolicLink() ? 'link' : readRegularFile(file, maxBytes);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') throw new Error('Deleted during the run: it was not linted');
    throw new Error(`Could no longer be read during the run, ${ioMessage(e)}: it was not linted`);
  }
  if (read === 'link') throw new Error('Changed during the run into a symbolic link, which is not followed: it was not linted');
  if (isRefusal(read)) throw new Error(`Changed during the run: ${read.refused.charAt(0).toLowerCase()}${read.refused.slice(1)}`);
  return read.text;
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

  /** Reads one file; `abs` is its absolute path, `listed` its directory entry's type when the walk met it. */
  const addFile = (file: string, abs: string, explicit: boolean, listed?: 'file' | 'link'): void => {
    const language = languageOf(file);
    if (!language) {
      if (explicit) skipped.push(file);
      return;
    }
    if (options.isIgnored?.(abs)) {
      if (explicit) ignoredByConfig.push(file);
      return;
    }
    if (seenFiles.has(abs)) return;
    seenFiles.add(abs);
    if (listed === 'link' && options.project) {
      const refusal = options.project.check(abs);
      if (refusal) {
        errors.push({
          file,
          kind: 'skipped',
          message: `Symbolic link not followed: ${refusal.refused}, and snclint reads nothing outside it`,
        });
        return;
      }
    }
    try {
      // Editors hide the byte-order mark, so columns must not count it either: the reader drops it.
      const maxBytes = options.maxFileSize?.(abs) ?? DEFAULT_MAX_FILE_SIZE;
      const read = readRegularFile(file, maxBytes, { listedRegular: listed === 'file' });
      if (isRefusal(read)) errors.push({ file, kind: 'skipped', message: read.refused });
      // A regular file met by the walk (not through a link) can be read again when a large run evicts its text.
      else files.push(new SourceFile(file, read.text, language, 0, listed === 'file' ? () => readAgain(file, maxBytes) : undefined));
    } catch (e) {
      errors.push({ file, kind: 'io', message: ioMessage(e) });
    }
  };

  /** Walks a folder; `knownReal` is its real path when its parent's listing shows a folder, not a link. */
  const walk = (dir: string, rules: readonly GitIgnore[], explicitDir = false, knownReal?: string): void => {
    let real: string;
    let entries: fs.Dirent[];
    try {
      // A folder listed as a folder is its parent's real path and its name; a link or a named path is
      // resolved in one system call (the JavaScript realpath would lstat every component of the path).
      real = knownReal ?? fs.realpathSync.native(dir);
      if (!explicitDir && options.project && !options.project.containsReal(real)) {
        errors.push({
          file: dir,
          kind: 'skipped',
          message: `Symbolic link not followed: it resolves outside the project (${options.project.roots[0] ?? '/'}), and snclint reads nothing outside it`,
        });
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
    entries.sort(byName);
    const absDir = path.resolve(dir);
    options.listings?.record(
      absDir,
      entries.map((e) => e.name),
    );
    // Only a folder listing a .gitignore has one to read (in any case, as a case-insensitive file system
    // would open it): no failed stat for every other folder.
    const own = useGit && entries.some((e) => e.name.toLowerCase() === '.gitignore') ? readGitignore(dir) : undefined;
    const here = own ? [...rules, own] : rules;
    const folderRules = useGit && here.length ? new FolderRules(here, absDir) : undefined;
    for (const entry of entries) {
      if (isHidden(entry.name)) continue;
      const full = path.join(dir, entry.name);
      const link = entry.isSymbolicLink();
      let isDir = entry.isDirectory();
      if (link) {
        try {
          isDir = fs.statSync(full).isDirectory();
        } catch {
          isDir = false; // a broken link to a lintable name is reported when read
        }
      }
      if (folderRules?.ignores(entry.name, isDir)) continue;
      if (isDir) {
        if (!isSkippedFolder(entry.name)) walk(full, here, false, link ? undefined : path.join(real, entry.name));
      } else if (entry.isFile() || link) {
        addFile(full, path.join(absDir, entry.name), false, link ? 'link' : 'file');
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
    const above = useGit
      ? isDir
        ? gitignoresAbove(p)
        : [...gitignoresAbove(path.dirname(p)), ...optional(readGitignore(path.dirname(p)))]
      : [];
    const why = whyGitIgnored(above, p, isDir);
    if (why) hidden.push({ path: p, ...why });
    else if (isDir && options.isIgnored?.(path.resolve(p))) ignoredByConfig.push(p);
    else if (isDir) walk(p, above, true);
    else addFile(p, path.resolve(p), true);
  }
  return { files, errors, skipped, ignored: ignoredByConfig, gitignored: hidden };
}
