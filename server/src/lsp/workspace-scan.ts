/** Lints every Terraform and Kubernetes file of the workspace folders, not only open documents, and keeps the results per file. */
import { Project } from '../workspace/confine';
import { coveredBy, folderFiles, lintableFolders } from '../workspace/folders';
import { dirname } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Diagnostic } from 'vscode-languageserver';
import { lint } from '../lint/linter';
import type { Rule } from '../lint/rule';
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
    return coveredBy(roots, path);
  }

  /** The directories under `roots` holding files snclint reads, hidden folders and dependencies skipped. */
  directories(roots: readonly string[]): string[] {
    return lintableFolders(roots);
  }

  /**
   * Lints one directory's files (not its subdirectories) and replaces their results.
   * Returns the URIs whose result changed, including files that are gone.
   */
  scanDirectory(dir: string): string[] {
    const files = folderFiles(dir, this.host);
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
    const result = lint([...files, ...installed], {
      rules: this.host.rules(),
      settingsFor: (f) => this.host.settings(f.path) ?? DEFAULT_SETTINGS,
      callersKnown: false,
    });
    for (const file of files) {
      const uri = pathToFileURL(file.path).href;
      const { findings, diagnostics } = fileDiagnostics(file, uri, result, this.host.diagnosticOptions(), this.host.log);
      this.results.set(file.path, { uri, path: file.path, findings, diagnostics });
      touched.push(uri);
    }
    return touched;
  }
}
