/**
 * The only way snclint writes a file: beside it in a temporary file, then renamed over it, so a reader
 * never sees half a file and a failed write leaves the original whole. Never through a symbolic link
 * planted by the repository, never outside the project.
 */
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { isWithin, realPath, type Project } from './confine';

/** A write that snclint refuses or that failed; the message names the file and the reason. */
export class WriteError extends Error {}

/** A path as shown in a message: control characters from repository content escaped, never sent to a terminal raw. */
export function shownPath(p: string): string {
  return p.replace(/[\u0000-\u001f\u007f-\u009f]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
}

/** What an errno means to a user, in a few words. */
export function ioReason(e: unknown): string {
  const err = e as NodeJS.ErrnoException;
  switch (err.code) {
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EROFS':
      return 'read-only file system';
    case 'ENOSPC':
      return 'no space left on device';
    case 'EDQUOT':
      return 'disk quota exceeded';
    case 'EFBIG':
      return 'file too large for the system';
    case 'ENOENT':
      return 'no such file or folder';
    case 'EISDIR':
      return 'it is a directory';
    case 'ENOTDIR':
      return 'a part of the path is not a folder';
    case 'ELOOP':
      return 'too many levels of symbolic links';
    default:
      return err.code ?? (err.message || String(e));
  }
}

/**
 * The real path `p` would have once written: its deepest existing ancestor with every link resolved, the
 * missing part appended (so a planted link anywhere above a folder still to be created is seen).
 */
export function realPathForWrite(p: string): string {
  const missing: string[] = [];
  let d = path.resolve(p);
  for (;;) {
    const real = realPath(d);
    if (real !== undefined) return path.join(real, ...missing.reverse());
    const up = path.dirname(d);
    if (up === d) return path.resolve(p);
    missing.push(path.basename(d));
    d = up;
  }
}

function lstatOrUndefined(p: string): fs.Stats | undefined {
  try {
    return fs.lstatSync(p);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw e;
  }
}

function isRoot(): boolean {
  return typeof process.getuid === 'function' && process.getuid() === 0;
}

/**
 * Writes `data` to `file` atomically: a temporary file created exclusively in the same folder, flushed,
 * given the mode (and, as root, the owner) of the file it replaces, then renamed over it. With
 * `create`, the file must not exist (a dangling link counts as existing) and is never overwritten.
 * Throws the file system's errors; the temporary file is removed on failure.
 */
export function replaceFile(file: string, data: string | Uint8Array, options: { create?: boolean } = {}): void {
  const target = path.resolve(file);
  const old = lstatOrUndefined(target);
  if (old && options.create) throw Object.assign(new Error(`${file} exists`), { code: 'EEXIST' });
  // Hidden, so a walk skips it; the name cut short, so a long file name cannot make the temporary one too long.
  const temp = path.join(
    path.dirname(target),
    `.${path.basename(target).slice(0, 100)}.${process.pid}-${randomBytes(6).toString('hex')}.snclint-tmp`,
  );
  // A replaced file's content may be private: the temporary file is the owner's alone until its mode is set.
  const fd = fs.openSync(temp, 'wx', old ? 0o600 : 0o666);
  let linked = false;
  try {
    try {
      fs.writeFileSync(fd, data);
      if (old) {
        // chown before chmod: changing the owner clears set-id bits.
        if (isRoot()) fs.fchownSync(fd, old.uid, old.gid);
        fs.fchmodSync(fd, old.mode & 0o7777);
      }
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    if (options.create) {
      // link() fails if anything, even a dangling link, took the name meanwhile: never an overwrite.
      fs.linkSync(temp, target);
      linked = true;
      fs.unlinkSync(temp);
    } else fs.renameSync(temp, target);
  } catch (e) {
    if (!linked) fs.rmSync(temp, { force: true });
    throw e;
  }
}

/**
 * Writes a report or a baseline the user asked for. The path is the user's, but what lies at it may be
 * the repository's: a symbolic link or a special file there is refused, as is a folder inside the
 * project whose real path leaves it. Throws WriteError with a message for `snclint: `.
 */
export function writeOutputFile(file: string, text: string, project: Project): void {
  const abs = path.resolve(file);
  const shown = shownPath(file);
  let st: fs.Stats | undefined;
  try {
    st = lstatOrUndefined(abs);
  } catch (e) {
    throw new WriteError(`cannot write ${shown}: ${ioReason(e)}`);
  }
  if (st?.isSymbolicLink()) {
    let to = '';
    try {
      to = ` (to ${shownPath(fs.readlinkSync(abs))})`;
    } catch {
      // the link's text does not matter to the refusal
    }
    throw new WriteError(
      `refusing to write ${shown}: it is a symbolic link${to}; snclint never writes through one (remove it, or choose another file)`,
    );
  }
  if (st && !st.isFile()) throw new WriteError(`refusing to write ${shown}: it exists and is not a regular file`);
  const dir = path.dirname(abs);
  const lexicallyInside = project.roots.some((r) => isWithin(r, dir));
  if (lexicallyInside && !project.containsReal(realPathForWrite(dir))) {
    throw new WriteError(
      `refusing to write ${shown}: its folder is a symbolic link that leads outside the project; snclint writes nothing outside it`,
    );
  }
  try {
    fs.mkdirSync(dir, { recursive: true });
    replaceFile(abs, text);
  } catch (e) {
    throw new WriteError(`cannot write ${shown}: ${ioReason(e)}; it is left as it was`);
  }
}
