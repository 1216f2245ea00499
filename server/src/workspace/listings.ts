/** The names each folder held when a walk listed it, so that later questions about those folders cost no system call. */
import * as path from 'node:path';
import { resolvePath } from '../engine/paths';
import { type Refusal, isRepositoryRoot } from './confine';

/**
 * Folder listings of one run, by absolute path. A walk lists every folder it enters; the configuration's
 * discovery then asks, folder by folder, whether `.snclint.yml` exists: the listing answers "no" for the
 * great majority of folders, where a failed lstat would cost a system call and an exception each.
 */
export class FolderListings {
  private readonly names = new Map<string, ReadonlySet<string>>();

  /** Records the entries of a folder (absolute path), hidden ones included. */
  record(dir: string, names: Iterable<string>): void {
    const lower = new Set<string>();
    for (const n of names) lower.add(n.toLowerCase());
    this.names.set(dir, lower);
  }

  /**
   * Whether a folder held an entry of this name, compared without case so that "no" is never said where a
   * case-insensitive file system's own lstat would say "yes"; undefined when the folder was not listed.
   */
  has(dir: string, name: string): boolean | undefined {
    return this.names.get(dir)?.has(name.toLowerCase());
  }

  /** Whether a folder is a repository's root: "no" at once when its listing holds no `.git`, the disk's answer otherwise. */
  isRepositoryRoot(dir: string): boolean {
    return this.has(dir, '.git') !== false && isRepositoryRoot(dir);
  }

  /**
   * A reader that answers "no such file" at once for a path whose folder was listed without it, and asks
   * `read` otherwise. A listed name is read as before: its type, size and links are checked by `read`.
   */
  reader<T>(read: (file: string) => T | Refusal | undefined): (file: string) => T | Refusal | undefined {
    return (file) => {
      const abs = resolvePath(file);
      return this.has(path.dirname(abs), path.basename(abs)) === false ? undefined : read(file);
    };
  }
}
