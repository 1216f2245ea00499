/**
 * The files of the kustomizations an open YAML file belongs to (as a resource, a patch or the
 * kustomization itself), from open buffers or the disk, so the editor renders overlays as the CLI does.
 */
import { type Dirent, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { KUSTOMIZATION_NAMES as NAMES, SourceFile, manifestLanguageOf as langOf } from '../engine/source';
import { DEFAULT_MAX_FILE_SIZE } from '../engine/limits';
import { type Project, isRefusal, isRepositoryRoot, readRegularFile } from './confine';
import { isHidden, isSkippedFolder } from './skip';

/** How far above the file's folder kustomizations are looked for (`overlays/dev` beside `base`). */
const LEVELS_UP = 3;
const MAX_DEPTH = 4;
const MAX_KUSTOMIZATIONS = 200;
/** Folders read per search: the nearest ones first, so a crowded folder far above cannot hide them. */
const MAX_DIRS = 400;
const MAX_FILES = 2000;

type OpenText = (path: string) => string | undefined;

/** A file from its open buffer or the disk: a regular file inside the project only (a kustomization may name any path). */
function read(path: string, openText: OpenText, project: Project | undefined): string | undefined {
  const open = openText(path);
  if (open !== undefined) return open;
  if (project?.check(path)) return undefined;
  try {
    const r = readRegularFile(path, DEFAULT_MAX_FILE_SIZE);
    return isRefusal(r) ? undefined : r.text;
  } catch {
    return undefined;
  }
}

function isDir(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/** The folder kustomizations are searched under: a few levels up, never above a repository root. */
export function searchRoot(path: string): string {
  let dir = dirname(path);
  for (let i = 0; i < LEVELS_UP; i++) {
    if (isRepositoryRoot(dir)) break;
    const up = dirname(dir);
    if (up === dir) break;
    dir = up;
  }
  return dir;
}

/** The kustomizations under the file's folder and its ancestors up to `root`, nearest folders first, within a budget. */
function kustomizationsAround(file: string, root: string): string[] {
  const out: string[] = [];
  const visited = new Set<string>();
  let budget = MAX_DIRS;
  const walk = (dir: string, depth: number): void => {
    if (depth > MAX_DEPTH || budget <= 0 || out.length >= MAX_KUSTOMIZATIONS || visited.has(dir)) return;
    visited.add(dir);
    budget--;
    let entries: Dirent[];
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    const subdirs: string[] = [];
    for (const entry of entries) {
      const name = entry.name;
      if (isHidden(name) || isSkippedFolder(name)) continue;
      const p = join(dir, name);
      if (NAMES.includes(name)) out.push(p);
      // The listing tells a folder from a file; only a link needs a stat to tell where it leads.
      else if (entry.isDirectory() || (entry.isSymbolicLink() && isDir(p))) subdirs.push(p);
    }
    for (const d of subdirs) walk(d, depth + 1);
  };
  let dir = dirname(file);
  for (;;) {
    walk(dir, 0);
    if (dir === root) break;
    const up = dirname(dir);
    if (up === dir) break;
    dir = up;
  }
  return out;
}

/** The YAML and JSON files a kustomization reaches: its folder's files and those of the folders and files it names. */
function reach(kfile: string, openText: OpenText, seen: Set<string>, files: Set<string>, project: Project | undefined): void {
  const dir = dirname(kfile);
  if (seen.has(dir) || files.size >= MAX_FILES) return;
  seen.add(dir);
  files.add(kfile);
  const text = read(kfile, openText, project);
  if (text === undefined) return;
  // Resources not named (a flow list, a glob) are still read: every manifest of the folder.
  try {
    for (const name of readdirSync(dir)) if (langOf(name) && files.size < MAX_FILES) files.add(join(dir, name));
  } catch {
    // An unreadable folder adds nothing.
  }
  const refs = [...text.matchAll(/^[ \t-]*(?:path:[ \t]*)?["']?([\w.][^\s#:"']*)["']?[ \t]*(?:#.*)?$/gm)].map((m) => m[1]!);
  for (const m of text.matchAll(/\[([^\]\n]*)\]/g))
    refs.push(
      ...m[1]!
        .split(',')
        .map((r) => r.trim().replace(/^["']|["']$/g, ''))
        .filter((r) => r),
    );
  for (const ref of refs) {
    const target = join(dir, ref);
    if (isDir(target)) {
      const k = NAMES.map((n) => join(target, n)).find((p) => read(p, openText, project) !== undefined);
      if (k) reach(k, openText, seen, files, project);
    } else if (langOf(target)) files.add(target);
  }
}

/** Every file of the kustomizations that render or patch `file`; empty when it belongs to none. */
export function kustomizeFiles(file: SourceFile, openText: OpenText, project?: Project): SourceFile[] {
  if (file.language !== 'yaml' && file.language !== 'json') return [];
  const kustomizations = kustomizationsAround(file.path, searchRoot(file.path));
  const out = new Set<string>();
  for (const k of kustomizations) {
    const files = new Set<string>();
    reach(k, openText, new Set(), files, project);
    if (files.has(file.path)) for (const f of files) out.add(f);
  }
  out.delete(file.path);
  const result: SourceFile[] = [];
  for (const path of out) {
    const language = langOf(path);
    const text = language && read(path, openText, project);
    if (language && text !== undefined) result.push(new SourceFile(path, text, language));
  }
  return result;
}
