/** Finds and reads the files a run lints, from the paths given on the command line. */
import * as fs from 'fs';
import * as path from 'path';
import { SourceFile, languageOf } from '../engine/source';
import type { FileError } from '../engine/types';

/** A path on the command line that does not exist. */
export class MissingPathError extends Error {}

/** The files to lint, the files that could not be read, and what was skipped. */
export interface Collected {
  readonly files: readonly SourceFile[];
  readonly errors: readonly FileError[];
  /** Paths given explicitly that snclint does not read, for a warning. */
  readonly skipped: readonly string[];
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

/** Collects files from paths given as arguments. Throws MissingPathError for a path that does not exist. */
export function collectFiles(paths: readonly string[]): Collected {
  const files: SourceFile[] = [];
  const errors: FileError[] = [];
  const skipped: string[] = [];
  const seenFiles = new Set<string>();
  const seenDirs = new Set<string>();

  const addFile = (file: string, explicit: boolean): void => {
    const language = languageOf(file);
    if (!language) {
      if (explicit) skipped.push(file);
      return;
    }
    const key = path.resolve(file);
    if (seenFiles.has(key)) return;
    seenFiles.add(key);
    let text: string;
    try {
      text = fs.readFileSync(file, 'utf8');
    } catch (e) {
      errors.push({ file, kind: 'io', message: ioMessage(e) });
      return;
    }
    // Editors hide the byte-order mark, so columns must not count it either.
    if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    files.push(new SourceFile(file, text, language));
  };

  const walk = (dir: string): void => {
    let real: string;
    let entries: fs.Dirent[];
    try {
      real = fs.realpathSync(dir);
      // A symbolic link back up the tree would otherwise be walked forever.
      if (seenDirs.has(real)) return;
      seenDirs.add(real);
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch (e) {
      errors.push({ file: dir, kind: 'io', message: ioMessage(e) });
      return;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
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
      if (isDir) {
        if (!SKIPPED_DIRS.has(entry.name)) walk(full);
      } else if (entry.isFile() || entry.isSymbolicLink()) {
        addFile(full, false);
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
    if (isDir) walk(p);
    else addFile(p, true);
  }
  return { files, errors, skipped };
}
