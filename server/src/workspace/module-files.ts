/**
 * Which Terraform files belong with a file, for both hosts: the other files of its module (same folder),
 * the local modules it calls, what init installed for it and the variables files named for it, read from
 * open buffers or the disk, only inside the project.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { resolvePath } from '../engine/paths';
import { SourceFile, languageOf } from '../engine/source';
import { DEFAULT_MAX_FILE_SIZE } from '../engine/limits';
import { localSourcesInText } from '../terraform/project';
import { isAutoVarFile } from '../terraform/model';
import { Project, isRefusal, readRegularFile } from './confine';
import { InstalledModuleReader } from './installed-modules';

/** An open buffer's unsaved text, by path; undefined when the file is read from the disk. */
export type OpenText = (path: string) => string | undefined;

const MAX_SIBLINGS = 500;
/** Nested local modules deeper than this are not read (the engine follows no deeper either). */
const MAX_CALL_DEPTH = 4;
const MAX_MODULE_FILES = 2000;

/** Whether Terraform loads a file of this name with the others of its folder. */
export function isModuleFile(name: string): boolean {
  const language = languageOf(name);
  return language === 'terraform' || language === 'terraform-json' || isAutoVarFile(name.toLowerCase());
}

/** Installed modules read from disk, kept while their files' modification times do not change. */
const INSTALLED = new InstalledModuleReader();

/**
 * The Terraform files beside `file` that Terraform loads with it, so the editor evaluates
 * variables, locals and tfvars as the CLI does, and the modules init installed for it (read only
 * inside `project`: the workspace folders; the file's repository when not given). `openText` gives an
 * open buffer's unsaved text.
 */
export function moduleSiblings(file: SourceFile, openText: OpenText, varFiles: readonly string[] = [], project?: Project): SourceFile[] {
  if (file.language !== 'terraform' && file.language !== 'terraform-json') return [];
  const read = (p: string): SourceFile[] => readFile(p, openText, project);
  const siblings = directoryFiles(path.dirname(file.path), file.path, openText, project);
  const named = varFiles.filter((p) => !siblings.some((s) => s.path === p)).flatMap(read);
  const installed = INSTALLED.read([path.dirname(file.path)], project ?? Project.of([path.dirname(file.path)])).files;
  return [...siblings, ...named, ...calledModules([file, ...siblings], openText, project), ...installed];
}

/**
 * The files of the modules of Terraform files named one by one (as a pre-commit hook passes staged
 * files), read for context only: a named file is judged with its module's variables and locals, and
 * only its own findings are reported. `named` holds the absolute paths named; files already in the
 * run are not read again.
 */
export function moduleContext(named: ReadonlySet<string>, files: readonly SourceFile[], project: Project): SourceFile[] {
  const have = new Set(files.map((f) => resolvePath(f.path)));
  const out: SourceFile[] = [];
  for (const f of files) {
    if (!named.has(resolvePath(f.path))) continue;
    for (const s of moduleSiblings(f, () => undefined, [], project)) {
      const abs = resolvePath(s.path);
      if (have.has(abs)) continue;
      have.add(abs);
      out.push(s);
    }
  }
  return out;
}

/**
 * One file from its open buffer or the disk; nothing when it cannot be read, is too large, is not a
 * regular file, or resolves outside the project (a module source or var file may name any path).
 * `listedRegular`: the folder's listing shows a regular file, and the folder was checked in the project.
 */
function readFile(p: string, openText: OpenText, project: Project | undefined, listedRegular = false): SourceFile[] {
  const language = languageOf(p);
  if (!language) return [];
  let text = openText(p);
  if (text === undefined) {
    if (!listedRegular && project?.check(p)) return [];
    try {
      const read = readRegularFile(p, DEFAULT_MAX_FILE_SIZE, { listedRegular });
      if (isRefusal(read)) return [];
      text = read.text;
    } catch {
      return [];
    }
  }
  return [new SourceFile(p, text, language)];
}

/**
 * The files of the local modules (`source = "./…"`) that a module's files call, and of those they
 * call, so that a finding caused by an input shows at the call in the editor as in the CLI.
 */
function calledModules(files: readonly SourceFile[], openText: OpenText, project: Project | undefined): SourceFile[] {
  const out: SourceFile[] = [];
  const seen = new Set(files.map((f) => path.dirname(f.path)));
  let frontier = [...files];
  for (let depth = 0; depth < MAX_CALL_DEPTH && frontier.length && out.length < MAX_MODULE_FILES; depth++) {
    const next: SourceFile[] = [];
    for (const f of frontier) {
      for (const source of localSourcesInText(f.text)) {
        const dir = path.join(path.dirname(f.path), source);
        if (seen.has(dir)) continue;
        seen.add(dir);
        const found = directoryFiles(dir, undefined, openText, project);
        out.push(...found);
        next.push(...found);
      }
    }
    frontier = next;
  }
  return out.slice(0, MAX_MODULE_FILES);
}

/**
 * The module files of a folder but `except`. A regular file's real path is its folder's real path and
 * its name, so the folder is checked against the project once; a link is checked on its own.
 */
function directoryFiles(dir: string, except: string | undefined, openText: OpenText, project: Project | undefined): SourceFile[] {
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch {
    return [];
  }
  let folderInside: boolean | undefined;
  const out: SourceFile[] = [];
  for (const entry of entries) {
    if (out.length >= MAX_SIBLINGS) break;
    const p = path.join(dir, entry.name);
    if (p === except || !isModuleFile(entry.name)) continue;
    const regular = entry.isFile();
    if (regular && project && openText(p) === undefined) {
      folderInside ??= project.check(dir) === undefined;
      if (!folderInside) continue;
    }
    out.push(...readFile(p, openText, project, regular));
  }
  return out;
}
