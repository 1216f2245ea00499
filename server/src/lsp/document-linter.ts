/** Lints open documents and keeps the last result of each, keyed by URI and version. */
import type { Diagnostic } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Rule } from '../lint/rule';
import type { SourceFile } from '../engine/source';
import type { Finding } from '../engine/types';
import type { Settings } from '../config/settings';
import { lint } from '../lint/linter';
import { sourceFileOf } from './documents';
import { moduleSiblings } from './module-files';
import { kustomizeFiles } from './kustomize-files';
import { fileDiagnostics, internalDiagnostic, type DiagnosticOptions } from './diagnostics';
import { Project, isWithin } from '../workspace/confine';
import { ParseCache } from '../lint/parse-cache';
import { FileTexts } from './file-texts';

/** The outcome of linting one version of one document. */
export interface LintSnapshot {
  readonly uri: string;
  readonly version: number;
  readonly file: SourceFile;
  /** Findings in this document, indexed by their diagnostics' `data.finding`. */
  readonly findings: readonly Finding[];
  readonly diagnostics: readonly Diagnostic[];
}

/** Where the linter sends what people should not see as diagnostics. */
export type Logger = (message: string) => void;

const MAX_LOGGED = 200;

/** Lints documents on demand, never throws, and caches one snapshot per document. */
export class DocumentLinter {
  private readonly cache = new Map<string, LintSnapshot>();
  private readonly logged = new Set<string>();
  private readonly projects = new Map<string, Project>();
  /** Parsed Terraform files, so that only the changed document is parsed again. */
  readonly parses = new ParseCache();
  /** Texts of the files read from disk beside the documents, while unchanged on disk. */
  readonly texts = new FileTexts();
  /** The workspace folders: with the repository holding a document, what its module files may be read from. */
  workspaceFolders: () => readonly string[] = () => [];

  constructor(
    private readonly rules: () => readonly Rule[],
    private readonly settings: (uri: string) => Settings | undefined,
    private readonly log: Logger,
    /** The unsaved text of an open document, by file path. */
    private readonly openText: (path: string) => string | undefined = () => undefined,
    public diagnosticOptions: DiagnosticOptions = { relatedInformation: true },
  ) {}

  /** The snapshot of the document's current version, linting it if needed; undefined for files snclint does not read. */
  lint(doc: TextDocument): LintSnapshot | undefined {
    const cached = this.cache.get(doc.uri);
    if (cached && cached.version === doc.version) return cached;
    let file: SourceFile | undefined;
    try {
      file = sourceFileOf(doc);
      if (!file) {
        this.cache.delete(doc.uri);
        return undefined;
      }
      const snapshot = this.run(doc.uri, file);
      this.cache.set(doc.uri, snapshot);
      return snapshot;
    } catch (e) {
      const message = `Linting ${doc.uri} failed: ${(e as Error).stack ?? String(e)}`;
      this.logOnce(message);
      if (!file) return undefined;
      // Not cached: the next request tries again.
      return { uri: doc.uri, version: doc.version, file, findings: [], diagnostics: [internalDiagnostic(file, [message])] };
    }
  }

  /** The cached snapshot of a document, whatever its version. */
  cached(uri: string): LintSnapshot | undefined {
    return this.cache.get(uri);
  }

  /** Drops a closed document. */
  forget(uri: string): void {
    this.cache.delete(uri);
  }

  /** Drops one document's snapshot, so the next request lints it again (a sibling file changed). */
  invalidate(uri: string): void {
    this.cache.delete(uri);
  }

  /** Drops every snapshot, e.g. when the settings change. */
  clear(): void {
    this.cache.clear();
  }

  /** Forgets what was read or parsed of a file that changed on disk. */
  fileChanged(path: string): void {
    this.texts.forget(path);
    this.parses.forget(path);
  }

  private run(uri: string, file: SourceFile): LintSnapshot {
    // The module's other files make variables, locals and tfvars known, as in the CLI; the
    // kustomizations a manifest belongs to are rendered with it, so overlays show where they are written.
    const settings = this.settings(uri);
    // The module's callers are not read: whether it is a root module is not known here.
    const { project, key } = this.projectOf(file.path);
    // Files unchanged on disk since the last run are not read again.
    const text = (path: string): string | undefined => this.openText(path) ?? this.texts.get(path, key);
    const others = [...moduleSiblings(file, text, settings?.varFiles, project), ...kustomizeFiles(file, text, project)];
    this.texts.remember(others, key, (path) => this.openText(path) !== undefined);
    const result = lint([file, ...others], { rules: this.rules(), settings, callersKnown: false, parseCache: this.parses });
    const { findings, diagnostics } = fileDiagnostics(file, uri, result, this.diagnosticOptions, (m) => this.logOnce(m));
    return { uri, version: file.version, file, findings, diagnostics };
  }

  /** The folders a document's module may read: its repository (or folder) and the workspace folders holding it. */
  private projectOf(path: string): { project: Project; key: string } {
    const roots = [path, ...this.workspaceFolders().filter((f) => isWithin(f, path))];
    const key = roots.join('\0');
    let p = this.projects.get(key);
    if (!p) {
      if (this.projects.size > 100) this.projects.clear();
      this.projects.set(key, (p = Project.of(roots)));
    }
    return { project: p, key };
  }

  // The same failure at every keystroke would flood the output channel.
  private logOnce(message: string): void {
    if (this.logged.has(message)) return;
    if (this.logged.size >= MAX_LOGGED) this.logged.clear();
    this.logged.add(message);
    this.log(message);
  }
}
