/** The other files of a Terraform module (same directory) and of the local modules it calls, from open buffers or the disk. */
import { readdirSync } from 'fs';
import { dirname, join } from 'path';
import { SourceFile, languageOf } from '../engine/source';
import { localSourcesInText } from '../terraform/project';
import { isAutoVarFile } from '../terraform/model';
import { Project, isRefusal, readRegularFile } from '../workspace/confine';
import { InstalledModuleReader } from '../workspace/installed-modules';

/** Files of a directory larger than this are not read as module siblings. */
const MAX_SIBLING_BYTES = 5 * 1024 * 1024;
const MAX_SIBLINGS = 500;

function isModuleFile(name: string): boolean {
  const n = name.toLowerCase();
  return n.endsWith('.tf') || n.endsWith('.tf.json') || n.endsWith('.tofu') || n.endsWith('.tofu.json') || isAutoVarFile(n);
}

/** Installed modules read from disk, kept while their files' modification times do not change. */
const INSTALLED = new InstalledModuleReader();

/**
 * The Terraform files beside `file` that Terraform loads with it, so the editor evaluates
 * variables, locals and tfvars as the CLI does, and the modules init installed for it (read only
 * inside `project`: the workspace folders; the file's repository when not given). `openText` gives an
 * open buffer's unsaved text.
 */
export function moduleSiblings(file: SourceFile, openText: (path: string) => string | undefined, varFiles: readonly string[] = [], project?: Project): SourceFile[] {
  if (file.language !== 'terraform' && file.language !== 'terraform-json') return [];
  const read = (path: string): SourceFile[] => readFile(path, openText, project);
  const siblings = directoryFiles(dirname(file.path), file.path, read);
  const named = varFiles.filter((p) => !siblings.some((s) => s.path === p)).flatMap(read);
  const installed = INSTALLED.read([dirname(file.path)], project ?? Project.of([dirname(file.path)])).files;
  return [...siblings, ...named, ...calledModules([file, ...siblings], read), ...installed];
}

/**
 * One file from its open buffer or the disk; nothing when it cannot be read, is too large, is not a
 * regular file, or resolves outside the project (a module source or var file may name any path).
 */
function readFile(path: string, openText: (path: string) => string | undefined, project: Project | undefined): SourceFile[] {
  const language = languageOf(path);
  if (!language) return [];
  let text = openText(path);
  if (text === undefined) {
    if (project?.check(path)) return [];
    try {
      const read = readRegularFile(path, MAX_SIBLING_BYTES);
      if (isRefusal(read)) return [];
      text = read.text;
    } catch {
      return [];
    }
  }
  return [new SourceFile(path, text, language)];
}

/** Nested local modules deeper than this are not read (the engine follows no deeper either). */
const MAX_CALL_DEPTH = 4;
const MAX_MODULE_FILES = 2000;

/**
 * The files of the local modules (`source = "./…"`) that a module's files call, and of those they
 * call, so that a finding caused by an input shows at the call in the editor as in the CLI.
 */
function calledModules(files: readonly SourceFile[], read: (path: string) => SourceFile[]): SourceFile[] {
  const out: SourceFile[] = [];
  const seen = new Set(files.map((f) => dirname(f.path)));
  let frontier = [...files];
  for (let depth = 0; depth < MAX_CALL_DEPTH && frontier.length && out.length < MAX_MODULE_FILES; depth++) {
    const next: SourceFile[] = [];
    for (const f of frontier) {
      for (const source of localSourcesInText(f.text)) {
        const dir = join(dirname(f.path), source);
        if (seen.has(dir)) continue;
        seen.add(dir);
        const found = directoryFiles(dir, undefined, read);
        out.push(...found);
        next.push(...found);
      }
    }
    frontier = next;
  }
  return out.slice(0, MAX_MODULE_FILES);
}

function directoryFiles(dir: string, except: string | undefined, read: (path: string) => SourceFile[]): SourceFile[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  const out: SourceFile[] = [];
  for (const name of names) {
    if (out.length >= MAX_SIBLINGS) break;
    const path = join(dir, name);
    if (path === except || !isModuleFile(name)) continue;
    out.push(...read(path));
  }
  return out;
}
