/** Lints every Terraform and Kubernetes file of the workspace folders, not only open documents, and keeps the results per file. */
import { lstatSync, readdirSync } from 'fs';
import { Project, isRefusal, readRegularFile } from '../workspace/confine';
import { dirname, isAbsolute, join, relative, sep } from 'path';
import { pathToFileURL } from 'url';
import type { Diagnostic } from 'vscode-languageserver';
import { lint } from '../lint/linter';
import type { Rule } from '../lint/rule';
import { SourceFile, languageOf } from '../engine/source';
import type { Finding } from '../engine/types';
import { DEFAULT_SETTINGS, type Settings } from '../config/settings';
import { fileDiagnostics, type DiagnosticOptions } from './diagnostics';
import { InstalledModuleReader } from '../workspace/installed-modules';

/** The lint result of one workspace file. */
export interface ScannedFile {
  readonly uri: string;
  readonly path: string;
  readonly findings: readonly Finding[];
  readonly diagnostics: readonly Diagnostic[];
}

/** Folders never scanned: dependencies, VCS data and Terraform's provider cache (as the CLI). */
const SKIPPED_DIRS = new Set(['node_modules', '.git', '.terraform']);
const MAX_FILE_BYTES = 5 * 1024 * 1024;
/** Installed modules read from disk, kept while unchanged. */
const INSTALLED = new InstalledModuleReader();

/** What a scan needs from the server. */
export interface ScanHost {
  readonly rules: () => readonly Rule[];
  /** The settings of a file, by path. */
  readonly settings: (path: string) => Settings | undefined;
  /** Whether the configuration ignores a file, by path. */
  readonly ignored?: (path: string) => boolean;
  readonly diagnosticOptions: () => DiagnosticOptions;
  /** The unsaved text of an open document, by path. */
  readonly openText: (path: string) => string | undefined;
  readonly log: (message: string) => void;
}

/** Lints folders directory by directory (a directory is a Terraform module) and remembers each file's result. */
export class WorkspaceScanner {
  private readonly results = new Map<string, ScannedFile>();

  constructor(private readonly host: ScanHost) {}

  /** Every scanned file's result. */
  all(): IterableIterator<ScannedFile> {
    return this.results.values();
  }

  /** The result of one file, by path. */
  get(path: string): ScannedFile | undefined {
    return this.results.get(path);
  }

  /** Forgets every result; returns the URIs that had one. */
  clear(): string[] {
    const uris = [...this.results.values()].map((r) => r.uri);
    this.results.clear();
    return uris;
  }

  /** Whether a scan of `roots` would read `path`: inside a root, in no hidden folder or dependency folder. */
  covers(roots: readonly string[], path: string): boolean {
    for (const root of roots) {
      const rel = relative(root, path);
      if (!rel || rel.startsWith('..') || isAbsolute(rel)) continue;
      const parts = rel.split(sep);
      if (parts.every((p) => !p.startsWith('.') && !SKIPPED_DIRS.has(p))) return true;
    }
    return false;
  }

  /** The directories under `roots` holding files snclint reads, hidden folders and dependencies skipped. */
  directories(roots: readonly string[]): string[] {
    const out: string[] = [];
    const seen = new Set<string>();
    const walk = (dir: string): void => {
      if (seen.has(dir)) return;
      seen.add(dir);
      let entries;
      try {
        entries = readdirSync(dir, { withFileTypes: true });
      } catch {
        return;
      }
      if (entries.some((e) => e.isFile() && !e.name.startsWith('.') && languageOf(e.name))) out.push(dir);
      for (const e of entries) {
        if (e.isDirectory() && !e.name.startsWith('.') && !SKIPPED_DIRS.has(e.name)) walk(join(dir, e.name));
      }
    };
    for (const r of roots) walk(r);
    return out;
  }

  /**
   * Lints one directory's files (not its subdirectories) and replaces their results.
   * Returns the URIs whose result changed, including files that are gone.
   */
  scanDirectory(dir: string): string[] {
    const files: SourceFile[] = [];
    let names: string[] = [];
    try {
      names = readdirSync(dir);
    } catch {
      names = [];
    }
    for (const name of names) {
      const path = join(dir, name);
      const language = languageOf(name);
      if (!language || name.startsWith('.') || this.host.ignored?.(path)) continue;
      let text = this.host.openText(path);
      if (text === undefined) {
        try {
          // A link may point anywhere: read it only when it stays in the folder's repository.
          if (lstatSync(path).isSymbolicLink() && Project.of([dir]).check(path)) continue;
          const read = readRegularFile(path, MAX_FILE_BYTES);
          if (isRefusal(read)) continue;
          text = read.text;
        } catch {
          continue;
        }
      }
      files.push(new SourceFile(path, text, language));
    }
    const touched: string[] = [];
    for (const [path, r] of this.results) {
      if (dirname(path) === dir && !files.some((f) => f.path === path)) {
        this.results.delete(path);
        touched.push(r.uri);
      }
    }
    if (!files.length) return touched;
    // What init installed for this folder's module, so its registry calls are judged as in the CLI.
    const installed = INSTALLED.read([dir], Project.of([dir])).files;
    const result = lint([...files, ...installed], { rules: this.host.rules(), settingsFor: (f) => this.host.settings(f.path) ?? DEFAULT_SETTINGS, callersKnown: false });
    for (const file of files) {
      const uri = pathToFileURL(file.path).href;
      const { findings, diagnostics } = fileDiagnostics(file, uri, result, this.host.diagnosticOptions(), this.host.log);
      this.results.set(file.path, { uri, path: file.path, findings, diagnostics });
      touched.push(uri);
    }
    return touched;
  }
}
