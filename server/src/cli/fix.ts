/**
 * `--fix`: applies fixes to files on disk, pass after pass, until nothing changes. A file is written only
 * if it is a regular file inside the project, valid UTF-8 and unchanged since it was linted; it is
 * replaced atomically, keeping its byte-order mark, mode and owner.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { applyEdits, fixEdits } from '../engine/fixer';
import { SourceFile } from '../engine/source';
import type { LintResult, Safety } from '../engine/types';
import { isRefusal, readRegularFile, realPath, type Project, type ReadFile } from '../workspace/confine';
import { ioReason, replaceFile, shownPath } from '../workspace/write';

/** Fixes of one pass may make others possible (or overlap them); ten passes is far more than any file needs. */
const MAX_PASSES = 10;

/** A file `--fix` left as it was, and why. */
export interface NotFixed {
  readonly file: string;
  readonly reason: string;
}

/** What `--fix` did. */
export interface FixOutcome {
  /** The files as they now are on disk: fixed where written, as linted elsewhere. */
  readonly files: SourceFile[];
  /** Paths of the files written, in order. */
  readonly written: readonly string[];
  /** Files not written on purpose (outside the project, changed meanwhile, not UTF-8): warnings. */
  readonly skipped: readonly NotFixed[];
  /** Files whose write failed (permission, disk full): left unchanged, an I/O failure of the run. */
  readonly failed: readonly NotFixed[];
}

/** A file that may be written: its real path and the bytes it held when it was checked. */
interface Writable {
  readonly real: string;
  readonly read: ReadFile;
  /** The byte-order mark to write before the text: the file had one that the linted text does not hold. */
  readonly bom: string;
}

/** A file reached under two names (a link inside the project): written once, under the first name that needs it. */
interface SameAs {
  readonly sameAs: string;
}

/** What is known of a file that has fixes: writable, the same as another, or why it must be left alone. */
type State = Writable | SameAs | string;

const CHANGED = 'changed on disk since it was read: not fixed';
const DELETED = 'deleted since it was read: not fixed';

/** A UTF-8 file is at most three bytes per UTF-16 unit of its text, plus a byte-order mark; more means it changed. */
function byteLimit(text: string): number {
  return 3 * text.length + 3;
}

/** Why a file must not be written, or what is needed to write it back safely. */
function prepare(file: SourceFile, project: Project, claimed: Map<string, string>): State {
  const abs = path.resolve(file.path);
  const real = realPath(abs);
  if (real === undefined) return DELETED;
  if (!project.containsReal(real)) {
    let link = false;
    try {
      link = fs.lstatSync(abs).isSymbolicLink();
    } catch {
      return DELETED;
    }
    const where = `outside the project (${shownPath(project.roots[0] ?? '/')})`;
    return link ? `a symbolic link to ${shownPath(real)}, ${where}: not fixed` : `its real path ${shownPath(real)} is ${where}: not fixed`;
  }
  const other = claimed.get(real);
  if (other !== undefined) return { sameAs: other };
  let read;
  try {
    if (!fs.statSync(real).isFile()) return 'not a regular file: not fixed';
    read = readRegularFile(real, byteLimit(file.text), { hash: true });
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'ENOENT' ? DELETED : `cannot be read again (${ioReason(e)}): not fixed`;
  }
  if (isRefusal(read)) return CHANGED;
  if (read.invalidUtf8) return 'not valid UTF-8: linted as decoded, not fixed';
  // The text linted may have kept its byte-order mark (a file read by another path) or not: the mark goes back either way.
  const bom = read.bom && file.text.charCodeAt(0) !== 0xfeff ? '\ufeff' : '';
  if ((read.bom ? '\ufeff' : '') + read.text !== bom + file.text) return CHANGED;
  claimed.set(real, file.path);
  return { real, read, bom };
}

/** Writes a fixed file if it is still as it was read: undefined when written, else why not (and whether it failed). */
function commit(w: Writable, text: string, linted: string): { reason: string; failed: boolean } | undefined {
  let now;
  try {
    now = readRegularFile(w.real, byteLimit(linted), { hash: true });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return { reason: DELETED, failed: false };
    return { reason: `cannot be read again (${ioReason(e)}); it is left unchanged`, failed: true };
  }
  if (isRefusal(now) || now.size !== w.read.size || now.mtimeMs !== w.read.mtimeMs || now.sha256 !== w.read.sha256)
    return { reason: CHANGED, failed: false };
  try {
    // Renaming over a read-only file would succeed; honour the file's own protection instead.
    fs.accessSync(w.real, fs.constants.W_OK);
  } catch (e) {
    return { reason: `it is not writable (${ioReason(e)}); it is left unchanged`, failed: true };
  }
  try {
    replaceFile(w.real, w.bom + text);
  } catch (e) {
    // The file itself is writable: a refusal now is its folder's, where the temporary file goes.
    const denied = ['EACCES', 'EPERM'].includes((e as NodeJS.ErrnoException).code ?? '');
    return { reason: `${denied ? 'cannot write in its folder' : 'cannot write it'} (${ioReason(e)}); it is left unchanged`, failed: true };
  }
  return undefined;
}

/**
 * Applies the preferred fixes allowed by `safety` to the files, re-linting after each pass, and writes the
 * changed files that may be written. Files that may not be written are not fixed at all, so the fixes of
 * the others never depend on edits that did not reach the disk.
 */
export function fixFiles(
  files: readonly SourceFile[],
  lintAll: (files: readonly SourceFile[]) => LintResult,
  safety: Safety,
  project: Project,
): FixOutcome {
  const original = new Map(files.map((f) => [f.path, f]));
  const state = new Map<string, State>();
  const claimed = new Map<string, string>();
  let current = [...files];
  for (let pass = 0; pass < MAX_PASSES; pass++) {
    const result = lintAll(current);
    let any = false;
    current = current.map((file) => {
      const edits = fixEdits(
        result.findings.filter((f) => f.file === file),
        safety,
      );
      if (!edits.length) return file;
      const text = applyEdits(file.text, edits).text;
      if (text === file.text) return file;
      let s = state.get(file.path);
      if (s === undefined) state.set(file.path, (s = prepare(original.get(file.path) ?? file, project, claimed)));
      if (typeof s === 'string' || 'sameAs' in s) return file;
      any = true;
      return new SourceFile(file.path, text, file.language, file.version + 1);
    });
    if (!any) break;
  }
  const written: string[] = [];
  const skipped: NotFixed[] = [];
  const failed: NotFixed[] = [];
  for (const [file, s] of state) if (typeof s === 'string') skipped.push({ file, reason: s });
  current = current.map((f) => {
    const s = state.get(f.path);
    const before = original.get(f.path);
    if (s === undefined || typeof s === 'string' || 'sameAs' in s || !before || f.text === before.text) return f;
    const problem = commit(s, f.text, before.text);
    if (!problem) {
      written.push(f.path);
      return f;
    }
    (problem.failed ? failed : skipped).push({ file: f.path, reason: problem.reason });
    return before;
  });
  // A second name of a file written reads what was written.
  const textOf = new Map(current.map((f) => [f.path, f]));
  current = current.map((f) => {
    const s = state.get(f.path);
    const to = s !== undefined && typeof s !== 'string' && 'sameAs' in s && written.includes(s.sameAs) ? textOf.get(s.sameAs) : undefined;
    return to ? new SourceFile(f.path, to.text, f.language, f.version + 1) : f;
  });
  return { files: current, written, skipped, failed };
}

/** The lines `--fix` prints on stderr: a warning per file skipped, an error per failed write and, then, what was written. */
export function fixReport(outcome: FixOutcome): string[] {
  const lines = outcome.skipped.map((s) => `snclint: warning: ${shownPath(s.file)}: ${s.reason}\n`);
  if (!outcome.failed.length) return lines;
  lines.push(...outcome.failed.map((f) => `snclint: ${shownPath(f.file)}: ${f.reason}\n`));
  const names = (list: readonly string[]) => list.map(shownPath).join(', ');
  const fixed = outcome.written.length ? `fixed ${names(outcome.written)}` : 'fixed no file';
  lines.push(`snclint: --fix ${fixed}; left unchanged after a failed write: ${names(outcome.failed.map((f) => f.file))}\n`);
  return lines;
}
