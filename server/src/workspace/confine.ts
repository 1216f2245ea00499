/**
 * The project a run may read and write, and the only way to read a file from it. Repository content is
 * hostile: a path named by a configuration file, a module source, a var file or a symbolic link met while
 * walking must resolve (real path, every link followed) inside the project, or it is refused unread.
 */
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { isNormalPath, relativeInside } from '../engine/paths';
import { tooLargeMessage } from '../engine/limits';

/** Why a path was refused or a file not read: a message for a `skipped` file error or a configuration problem. */
export interface Refusal {
  readonly refused: string;
}

/** The real path of `p`, or undefined when it does not exist (a broken link) or cannot be resolved. */
export function realPath(p: string): string | undefined {
  try {
    return fs.realpathSync.native(p);
  } catch {
    return undefined;
  }
}

/** Whether `child` is `parent` or inside it (both absolute, real paths). */
export function isWithin(parent: string, child: string): boolean {
  // Both already absolute and normal (nearly always): a prefix, without building a relative path.
  if (path.sep === '/' && parent.charCodeAt(0) === 47 && child.charCodeAt(0) === 47 && isNormalPath(parent) && isNormalPath(child))
    return child === parent || (child.startsWith(parent) && child.charCodeAt(parent.length) === 47);
  return relativeInside(parent, child) !== undefined;
}

/** Whether a folder is a repository's root: it holds `.git`, a folder or (worktrees, submodules) a file. */
export function isRepositoryRoot(dir: string): boolean {
  try {
    // Most folders have no .git: asked without an exception, the answer costs a system call only.
    return fs.lstatSync(path.join(dir, '.git'), { throwIfNoEntry: false }) !== undefined;
  } catch {
    return false;
  }
}

/** The folder holding `.git` at or above `dir`, or undefined outside a repository. */
export function repositoryRoot(dir: string): string | undefined {
  for (let d = path.resolve(dir); ; ) {
    if (isRepositoryRoot(d)) return d;
    const up = path.dirname(d);
    if (up === d) return undefined;
    d = up;
  }
}

/**
 * The folders a run may touch: for each path the user named, its repository's root, or the path itself
 * (a folder, or a file's folder) when it is not in a repository. Paths named by the user are trusted as
 * given: their real paths are roots too, so a named symbolic link is followed.
 */
export class Project {
  private constructor(readonly roots: readonly string[]) {}

  /** The project of the paths named on a command line (or the folders of an editor's workspace). */
  static of(paths: readonly string[]): Project {
    const roots = new Set<string>();
    for (const p of paths) {
      const abs = path.resolve(p);
      let dir = abs;
      try {
        if (!fs.statSync(abs).isDirectory()) dir = path.dirname(abs);
      } catch {
        dir = path.dirname(abs);
      }
      for (const d of [dir, realPath(dir)]) {
        if (!d) continue;
        roots.add(repositoryRoot(d) ?? d);
        const real = realPath(repositoryRoot(d) ?? d);
        if (real) roots.add(real);
      }
    }
    return new Project([...roots]);
  }

  /** A project made of exactly these folders (tests, the editor's workspace folders). */
  static fromRoots(roots: readonly string[]): Project {
    const all = new Set<string>();
    for (const r of roots) {
      all.add(path.resolve(r));
      const real = realPath(r);
      if (real) all.add(real);
    }
    return new Project([...all]);
  }

  /** Whether an absolute path (already real) lies in the project. */
  containsReal(real: string): boolean {
    return this.roots.some((r) => isWithin(r, real));
  }

  /**
   * Checks that a path, with every symbolic link resolved, stays in the project. A path that does not
   * exist is checked as written (its parent resolved), so that the caller reports it as missing.
   */
  check(p: string): Refusal | undefined {
    const abs = path.resolve(p);
    const real =
      realPath(abs) ??
      (() => {
        const parent = realPath(path.dirname(abs));
        return parent ? path.join(parent, path.basename(abs)) : abs;
      })();
    if (this.containsReal(real)) return undefined;
    return { refused: `it resolves outside the project (${this.roots[0] ?? '/'})` };
  }
}

/** A file read safely: its text (a BOM removed), and what is needed to write it back unchanged otherwise. */
export interface ReadFile {
  readonly text: string;
  /** The file began with a UTF-8 byte-order mark (removed from `text`). */
  readonly bom: boolean;
  /** The bytes were not valid UTF-8: `text` holds U+FFFD in their place, and the file must not be rewritten. */
  readonly invalidUtf8: boolean;
  readonly size: number;
  readonly mtimeMs: number;
  /** SHA-256 of the bytes read, when asked for: it tells whether the file changed before it is written back. */
  readonly sha256?: string;
}

const DECODER = new TextDecoder('utf-8', { fatal: true });

function kindOf(st: fs.Stats): string {
  if (st.isDirectory()) return 'a directory';
  if (st.isFIFO()) return 'a named pipe (FIFO)';
  if (st.isSocket()) return 'a socket';
  if (st.isCharacterDevice() || st.isBlockDevice()) return 'a device';
  return 'not a regular file';
}

/** How a file is read. */
export interface ReadOptions {
  /** Hash the bytes read (a writer compares hashes before writing back). */
  readonly hash?: boolean;
  /**
   * The caller has just listed the file as a regular file (a directory entry's own type, not a link's):
   * the stat before the open is then the same question asked twice, and is skipped. The open still never
   * blocks, and the opened file's type and size are checked before a byte is read.
   */
  readonly listedRegular?: boolean;
}

/**
 * Reads a regular file of at most `maxBytes` bytes. Devices, FIFOs and sockets are refused before they are
 * opened (and the open never blocks), the size is checked before reading, and a file that grows while it
 * is read is cut at the limit and refused. Throws only the file system's own errors (ENOENT, EACCES...).
 */
export function readRegularFile(file: string, maxBytes: number, options: ReadOptions = {}): ReadFile | Refusal {
  if (!options.listedRegular) {
    const st = fs.statSync(file);
    if (!st.isFile()) return { refused: `It is ${kindOf(st)}, not a regular file: it was not read` };
    if (st.size > maxBytes) return { refused: tooLargeMessage(maxBytes) };
  }
  // O_NONBLOCK: if the path was swapped for a FIFO since the stat, the open still returns at once.
  const fd = fs.openSync(file, fs.constants.O_RDONLY | (fs.constants.O_NONBLOCK ?? 0));
  try {
    const fst = fs.fstatSync(fd);
    if (!fst.isFile()) return { refused: `It is ${kindOf(fst)}, not a regular file: it was not read` };
    if (fst.size > maxBytes) return { refused: tooLargeMessage(maxBytes) };
    const buf = Buffer.allocUnsafe(Math.min(fst.size, maxBytes) + 1);
    let n = 0;
    for (;;) {
      const got = fs.readSync(fd, buf, n, buf.length - n, null);
      if (got === 0) break;
      n += got;
      if (n >= buf.length) return { refused: tooLargeMessage(maxBytes) };
    }
    const bytes = buf.subarray(0, n);
    const bom = n >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
    const body = bom ? bytes.subarray(3) : bytes;
    let text: string;
    let invalidUtf8 = false;
    try {
      text = DECODER.decode(body);
    } catch {
      invalidUtf8 = true;
      text = body.toString('utf8');
    }
    const read = { text, bom, invalidUtf8, size: fst.size, mtimeMs: fst.mtimeMs };
    // Only a writer needs the hash: linting reads every file, and hashing them all would be wasted work.
    return options.hash ? { ...read, sha256: createHash('sha256').update(bytes).digest('hex') } : read;
  } finally {
    fs.closeSync(fd);
  }
}

/** Whether a read result is a refusal. */
export function isRefusal<T>(r: T | Refusal): r is Refusal {
  return typeof r === 'object' && r !== null && typeof (r as Refusal).refused === 'string';
}
