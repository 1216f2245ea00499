/**
 * Reads what `terraform init` / `tofu init` installed for root modules: their
 * `.terraform/modules/modules.json` and the Terraform files of each installed folder it lists, for
 * both hosts (the CLI's run, the editor's open module). Nothing is ever fetched; every path the
 * manifest names must resolve inside the project, or it is refused unread.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { SourceFile, languageOf } from '../engine/source';
import type { FileError } from '../engine/types';
import { DEFAULT_MAX_FILE_SIZE } from '../engine/limits';
import { isInstalledPath, isLocalSource, parseModulesManifest, shown } from '../terraform/installed';
import { type Project, isRefusal, readRegularFile } from './confine';
import type { FolderListings } from './listings';

/** A manifest larger than this is refused: init writes a few hundred bytes per installed call. */
export const MAX_MANIFEST_BYTES = 1024 * 1024;
/** Installed folders read per root module, and files read per folder. */
const MAX_INSTALLED_DIRS = 500;
const MAX_FILES_PER_DIR = 500;

/** Installed module files and manifests to add to a lint run, and what could not be read. */
export interface InstalledFiles {
  readonly files: readonly SourceFile[];
  readonly errors: readonly FileError[];
}

/** What a reader needs besides the project. */
export interface InstalledOptions {
  /** Files larger than this are not read (the configuration's maxFileSize). */
  readonly maxFileSize?: number;
  /** The folders a walk listed: a root module whose listing holds no `.terraform` has no manifest to look for. */
  readonly listings?: FolderListings;
}

interface Cached {
  readonly mtimeMs: number;
  readonly size: number;
  readonly file: SourceFile;
}

function isModuleFileName(name: string): boolean {
  const language = languageOf(name);
  return language === 'terraform' || language === 'terraform-json';
}

/**
 * Reads installed modules, keeping each file read until its modification time or size changes (the
 * editor asks again at every keystroke; the CLI makes one reader per run).
 */
export class InstalledModuleReader {
  private readonly cache = new Map<string, Cached>();

  /** The manifests and installed module files of the root modules in `rootDirs`, each path checked against `project`. */
  read(rootDirs: readonly string[], project: Project, options: InstalledOptions = {}): InstalledFiles {
    const files: SourceFile[] = [];
    const errors: FileError[] = [];
    const seen = new Set<string>();
    const maxFileSize = options.maxFileSize ?? DEFAULT_MAX_FILE_SIZE;
    for (const root of rootDirs) {
      // A folder that is itself installed is reached through its root module's manifest.
      if (isInstalledPath(`${root}/`) || seen.has(path.resolve(root))) continue;
      seen.add(path.resolve(root));
      if (options.listings?.has(path.resolve(root), '.terraform') === false) continue;
      this.readRoot(root, project, maxFileSize, files, errors);
    }
    return { files, errors };
  }

  private readRoot(root: string, project: Project, maxFileSize: number, files: SourceFile[], errors: FileError[]): void {
    const manifestPath = path.join(root, '.terraform', 'modules', 'modules.json');
    if (!exists(manifestPath)) return;
    const refused = project.check(manifestPath);
    if (refused) {
      errors.push({ file: manifestPath, kind: 'skipped', message: `${manifestPath} was not read: ${refused.refused}` });
      return;
    }
    const manifestFile = this.readFile(manifestPath, 'json', MAX_MANIFEST_BYTES, errors);
    if (!manifestFile) return;
    files.push(manifestFile);
    const manifest = parseModulesManifest(manifestFile);
    // Not the shape init writes: the engine reports it on the manifest.
    if (typeof manifest === 'string') return;
    let dirs = 0;
    const read = new Set<string>();
    for (const entry of manifest.entries.values()) {
      // Local calls of the user's own modules are read by the host's walk; installed folders here.
      if (isLocalSource(entry.source) && !isInstalledPath(`${entry.dir}/`)) continue;
      if (read.has(entry.dir) || ++dirs > MAX_INSTALLED_DIRS) continue;
      read.add(entry.dir);
      const refusal = project.check(entry.dir);
      if (refusal) {
        errors.push({
          file: manifestPath,
          kind: 'skipped',
          message: `The folder of module ${shown(entry.key)} (${shown(entry.source)}), ${shown(entry.dir)}, was not read: ${refusal.refused}`,
        });
        continue;
      }
      let names: string[];
      try {
        names = fs.readdirSync(entry.dir).filter(isModuleFileName).sort().slice(0, MAX_FILES_PER_DIR);
      } catch {
        // A folder listed but missing: the call is reported as not installed.
        continue;
      }
      for (const name of names) {
        const file = path.join(entry.dir, name);
        const outside = project.check(file);
        if (outside) errors.push({ file, kind: 'skipped', message: `${file} was not read: ${outside.refused}` });
        else {
          const f = this.readFile(file, languageOf(name)!, maxFileSize, errors);
          if (f) files.push(f);
        }
      }
    }
  }

  private readFile(
    file: string,
    language: NonNullable<ReturnType<typeof languageOf>>,
    maxBytes: number,
    errors: FileError[],
  ): SourceFile | undefined {
    let st: fs.Stats;
    try {
      st = fs.statSync(file);
    } catch {
      return undefined;
    }
    const hit = this.cache.get(file);
    if (hit && hit.mtimeMs === st.mtimeMs && hit.size === st.size) return hit.file;
    try {
      const r = readRegularFile(file, maxBytes);
      if (isRefusal(r)) {
        errors.push({ file, kind: 'skipped', message: `${file} was not read: ${r.refused}` });
        return undefined;
      }
      const source = new SourceFile(file, r.text, language);
      this.cache.set(file, { mtimeMs: r.mtimeMs, size: r.size, file: source });
      return source;
    } catch (e) {
      errors.push({ file, kind: 'io', message: `${file} cannot be read: ${(e as Error).message}` });
      return undefined;
    }
  }
}

function exists(p: string): boolean {
  try {
    // Most folders have no manifest: asked without an exception, the answer costs a system call only.
    return fs.lstatSync(p, { throwIfNoEntry: false }) !== undefined;
  } catch {
    return false;
  }
}

/** The folders holding the Terraform files of a run: the root modules whose installed modules may be read. */
export function terraformFolders(files: readonly SourceFile[]): string[] {
  const dirs = new Set<string>();
  for (const f of files)
    if ((f.language === 'terraform' || f.language === 'terraform-json') && !isInstalledPath(f.path)) dirs.add(path.dirname(f.path));
  return [...dirs];
}
