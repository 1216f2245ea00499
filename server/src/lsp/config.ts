/** Configuration files in the language server: settings per document, diagnostics on the files themselves. */
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver';
import type { Settings } from '../config/settings';
import { ConfigLoader, readConfigFile } from '../config/loader';
import { CONFIG_FILE_NAMES } from '../config/schema';
import type { ConfigVocabulary } from '../config/vocabulary';
import { CONFIG_VOCABULARY } from '../../../rules/vocabulary';
import { DIAGNOSTIC_SOURCE, type ConfigStatus } from '../protocol';
import { pathFromUri } from './documents';

/** The code of diagnostics about a configuration file. */
export const CONFIG_DIAGNOSTIC_CODE = 'config';

/**
 * Reads `.snclint.yml` files (open buffers first, then the disk) for the documents being
 * linted. A configuration that becomes invalid keeps its last good version in force, and its
 * problems are shown as diagnostics on the configuration file.
 */
export class ConfigStore {
  private readonly repository: ConfigLoader;
  // Reads nothing: every file gets the built-in defaults.
  private readonly builtIn: ConfigLoader;
  private trusted = true;

  constructor(openText: (file: string) => string | undefined, vocabulary: ConfigVocabulary = CONFIG_VOCABULARY) {
    this.repository = new ConfigLoader((f) => openText(f) ?? readConfigFile(f), vocabulary);
    this.builtIn = new ConfigLoader(() => undefined, vocabulary);
  }

  /** The loader in force: the repository's configuration files only in a trusted workspace. */
  private get loader(): ConfigLoader {
    return this.trusted ? this.repository : this.builtIn;
  }

  /** Whether the repository's configuration is read (false in an untrusted workspace). */
  get isTrusted(): boolean {
    return this.trusted;
  }

  /** Trusts the workspace, or not; what was read before is forgotten either way. */
  setTrusted(trusted: boolean): void {
    this.trusted = trusted;
    this.repository.invalidate();
  }

  /** Whether a document is a configuration file. */
  isConfigFile(uri: string): boolean {
    return (CONFIG_FILE_NAMES as readonly string[]).includes(path.basename(pathFromUri(uri)));
  }

  /** The settings of a document. */
  settingsFor(uri: string): Settings {
    return this.settingsForPath(pathFromUri(uri));
  }

  /** The configuration in force for a document, for the status item: its nearest file, or the first problem on the way. */
  statusFor(uri: string): ConfigStatus {
    if (!this.trusted) return { kind: 'restricted' };
    const loaded = this.loader.load(pathFromUri(uri));
    const problem = loaded.problems[0];
    if (problem) return { kind: 'error', file: problem.file, message: `${problem.line}:${problem.column} ${problem.message}` };
    const nearest = loaded.sources[loaded.sources.length - 1];
    return nearest ? { kind: 'file', file: nearest } : { kind: 'defaults' };
  }

  /** Whether the configuration's `ignore` globs exclude a document. */
  isIgnored(uri: string): boolean {
    return this.isIgnoredPath(pathFromUri(uri));
  }

  /** The settings of a file by path (for files linted without being open). */
  settingsForPath(file: string): Settings {
    return this.loader.load(file).settings;
  }

  /** The configuration files that apply to a file (absolute path), root-most first. */
  sourcesForPath(file: string): readonly string[] {
    return this.loader.load(file).sources;
  }

  /** Whether the configuration's `ignore` globs exclude a file, by path. */
  isIgnoredPath(file: string): boolean {
    return this.loader.load(file).ignored;
  }

  /**
   * Diagnostics for configuration files that are not open (changed on disk, by a checkout):
   * those with problems, and those whose problems were reported before and are now gone.
   */
  closedFileDiagnostics(openUris: readonly string[]): { uri: string; diagnostics: Diagnostic[] }[] {
    const out: { uri: string; diagnostics: Diagnostic[] }[] = [];
    // Reading the settings of the open documents reads every configuration that applies to them.
    for (const uri of openUris) this.loader.load(pathFromUri(uri));
    const open = new Set(openUris.map((u) => pathToFileURL(pathFromUri(u)).href));
    const isOpen = (uri: string) => open.has(uri);
    const now = new Set<string>();
    for (const { file, problems } of this.loader.configFiles()) {
      const uri = pathToFileURL(file).href;
      if (isOpen(uri) || !problems.length) continue;
      now.add(uri);
      out.push({ uri, diagnostics: this.diagnosticsFor(uri) });
    }
    // An open configuration file gets its diagnostics with the other open documents.
    for (const uri of this.reported) if (!now.has(uri) && !isOpen(uri)) out.push({ uri, diagnostics: [] });
    this.reported = now;
    return out;
  }

  private reported = new Set<string>();

  /** The problems of a configuration file, as diagnostics. */
  diagnosticsFor(uri: string): Diagnostic[] {
    // Untrusted: the file is not read at all, so it has nothing to say.
    if (!this.trusted) return [];
    const parsed = this.loader.parse(pathFromUri(uri));
    return (parsed?.problems ?? []).map((p) => ({
      range: {
        start: { line: p.line - 1, character: p.column - 1 },
        end: { line: p.endLine - 1, character: Math.max(p.endColumn - 1, p.line === p.endLine ? p.column : 0) },
      },
      severity: DiagnosticSeverity.Error,
      code: CONFIG_DIAGNOSTIC_CODE,
      source: DIAGNOSTIC_SOURCE,
      message: `${p.message} The last valid configuration stays in force until this is fixed.`,
    }));
  }

  /** Forgets a configuration file that changed (by URI), or everything. */
  changed(uri?: string): void {
    this.loader.invalidate(uri === undefined ? undefined : pathFromUri(uri));
  }
}
