/**
 * The texts of module siblings, called modules and kustomization files read from disk, kept
 * between lint runs while each file's status (inode, size, modification time) is unchanged, so a
 * keystroke costs one `lstat` per file instead of a read.
 */
import { lstatSync } from 'node:fs';
import type { SourceFile } from '../engine/source';

interface Entry {
  readonly text: string;
  /** Which project (folders a document may read) the file was read for: only that one gets it back. */
  readonly project: string;
  readonly stamp: string;
}

/** The identity and version of a regular file; undefined for anything else (a link, a folder, a missing file). */
function stampOf(path: string): string | undefined {
  try {
    const st = lstatSync(path, { bigint: true });
    return st.isFile() ? `${st.dev}:${st.ino}:${st.size}:${st.mtimeNs}:${st.ctimeNs}` : undefined;
  } catch {
    return undefined;
  }
}

/** An LRU of file texts read from disk, bounded by their total length. */
export class FileTexts {
  private readonly entries = new Map<string, Entry>();
  private chars = 0;

  constructor(private readonly maxChars = 32_000_000) {}

  /**
   * The text of `path` as it was read for `project`, when the file has not changed since; undefined
   * otherwise, so the reader goes to the disk (and checks confinement, size and file type) again.
   */
  get(path: string, project: string): string | undefined {
    const e = this.entries.get(path);
    if (!e) return undefined;
    if (e.project !== project || stampOf(path) !== e.stamp) {
      this.drop(path, e);
      return undefined;
    }
    this.entries.delete(path);
    this.entries.set(path, e);
    return e.text;
  }

  /**
   * Keeps the texts of files the readers returned (they passed the project's checks), except those
   * `isOpen` says come from an editor buffer. The status is taken after the read: a write in between
   * is caught by the watcher's event (didChangeWatchedFiles), which forgets the file.
   */
  remember(files: readonly SourceFile[], project: string, isOpen: (path: string) => boolean): void {
    for (const f of files) {
      if (this.entries.get(f.path)?.text === f.text || isOpen(f.path)) continue;
      const stamp = stampOf(f.path);
      if (stamp === undefined || f.text.length > this.maxChars / 4) continue;
      this.forget(f.path);
      this.entries.set(f.path, { text: f.text, project, stamp });
      this.chars += f.text.length;
    }
    for (const [path, e] of this.entries) {
      if (this.chars <= this.maxChars) break;
      this.drop(path, e);
    }
  }

  /** Forgets a file (changed on disk). */
  forget(path: string): void {
    const e = this.entries.get(path);
    if (e) this.drop(path, e);
  }

  /** Forgets every file. */
  clear(): void {
    this.entries.clear();
    this.chars = 0;
  }

  private drop(path: string, e: Entry): void {
    this.entries.delete(path);
    this.chars -= e.text.length;
  }
}
