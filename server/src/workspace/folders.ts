/** The editor's view of a workspace: which folders hold files to lint, whether a path is in them, and one folder's files. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { relativeInside } from '../engine/paths';
import { SourceFile, languageOf } from '../engine/source';
import { DEFAULT_MAX_FILE_SIZE } from '../engine/limits';
import { Project, isRefusal, readRegularFile } from './confine';
import { isHidden, isSkippedFolder } from './skip';

/** Whether a walk of `roots` would read `p`: inside a root, in no hidden folder or dependency folder. */
export function coveredBy(roots: readonly string[], p: string): boolean {
  for (const root of roots) {
    const rel = relativeInside(root, p);
    if (!rel) continue;
    if (rel.split(path.sep).every((part) => !isHidden(part) && !isSkippedFolder(part))) return true;
  }
  return false;
}

/** The folders under `roots` holding files snclint reads, hidden folders and dependencies skipped. */
export function lintableFolders(roots: readonly string[]): string[] {
  const out: string[] = [];
  const seen = new Set<string>();
  const walk = (dir: string): void => {
    if (seen.has(dir)) return;
    seen.add(dir);
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    if (entries.some((e) => e.isFile() && !isHidden(e.name) && languageOf(e.name))) out.push(dir);
    for (const e of entries) {
      if (e.isDirectory() && !isHidden(e.name) && !isSkippedFolder(e.name)) walk(path.join(dir, e.name));
    }
  };
  for (const r of roots) walk(r);
  return out;
}

/** What reading one folder needs from the host. */
export interface FolderHost {
  /** The unsaved text of an open document, by path. */
  readonly openText: (path: string) => string | undefined;
  /** Whether the configuration ignores a file, by path. */
  readonly ignored?: (path: string) => boolean;
}

/**
 * The files of one folder (not its subfolders) that snclint reads, from open buffers or the disk. A
 * symbolic link is read only when it stays in the folder's repository; special files and files over
 * the size limit are left out.
 */
export function folderFiles(dir: string, host: FolderHost): SourceFile[] {
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch {
    return [];
  }
  let project: Project | undefined;
  const files: SourceFile[] = [];
  for (const entry of entries) {
    const name = entry.name;
    const p = path.join(dir, name);
    const language = languageOf(name);
    if (!language || isHidden(name) || host.ignored?.(p)) continue;
    let text = host.openText(p);
    if (text === undefined) {
      try {
        // A link may point anywhere: read it only when it stays in the folder's repository.
        if (entry.isSymbolicLink() && (project ??= Project.of([dir])).check(p)) continue;
        const read = readRegularFile(p, DEFAULT_MAX_FILE_SIZE, { listedRegular: entry.isFile() });
        if (isRefusal(read)) continue;
        text = read.text;
      } catch {
        continue;
      }
    }
    files.push(new SourceFile(p, text, language));
  }
  return files;
}
