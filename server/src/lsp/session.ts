/**
 * One language server session: what the client can do, its settings and locale, the workspace
 * folders, trust, the versions and result ids of diagnostics, and the services that lint
 * (documents, configuration, linter, workspace scan, status). Handlers read and change it;
 * they keep no state of their own.
 */
import {
  CodeActionKind,
  TextDocumentSyncKind,
  TextDocuments,
  type Connection,
  type InitializeParams,
  type InitializeResult,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { RULES } from '../../../rules';
import type { Rule } from '../lint/rule';
import { localeOf, type Locale } from '../i18n/catalogue';
import {
  DEFAULT_CLIENT_SETTINGS,
  FIX_ALL_KIND,
  SERVER_ID,
  STATUS_NOTIFICATION,
  parseClientSettings,
  type ClientSettings,
} from '../protocol';
import type { Log } from './boundary';
import { ConfigStore } from './config';
import { Debouncer, Throttle } from './debouncer';
import { ruleDocUri } from './doc-links';
import { DocumentLinter, type LintSnapshot } from './document-linter';
import { LintService } from './lint-service';
import { pathFromUri } from './documents';
import { ScanController } from './scan-controller';
import { StatusTracker } from './status';
import type { Checked } from './validate';
import type * as shapes from './validate';
import { WorkspaceScanner } from './workspace-scan';

// A change after idle is linted at once; later changes of a burst wait until this long after the last lint started, then give one lint (npm run bench, Editor).
const CHANGE_DELAY_MS = 30;
// Files on disk often change in bursts (a checkout, a formatter over the module).
const DISK_DELAY_MS = 200;

/** What the client told us it can do. */
export interface ClientCapabilities {
  /** Pulled diagnostics (`textDocument/diagnostic`) rather than pushed ones. */
  pull: boolean;
  /** `workspace/diagnostic/refresh`. */
  refresh: boolean;
  documentChanges: boolean;
  workspaceFolders: boolean;
}

/** The state of one client connection and the services that lint for it. */
export class Session {
  readonly rules: readonly Rule[] = RULES;
  readonly documents = new TextDocuments(TextDocument);
  readonly debouncer = new Debouncer(CHANGE_DELAY_MS);
  /** Typed changes: leading edge, then one trailing lint per delay. */
  readonly throttle = new Throttle(CHANGE_DELAY_MS);
  readonly diskDebouncer = new Debouncer(DISK_DELAY_MS);
  readonly configs: ConfigStore;
  readonly linter: DocumentLinter;
  /** Where documents are linted (a worker thread when it runs) and their last results. */
  readonly lints: LintService;
  /** Receives each result the worker delivers for a document's current version (set by the document handlers). */
  onLinted: (uri: string, snapshot: LintSnapshot | undefined) => void = () => undefined;
  readonly scanner: WorkspaceScanner;
  readonly status: StatusTracker;
  readonly scans: ScanController;
  readonly client: ClientCapabilities = { pull: false, refresh: false, documentChanges: false, workspaceFolders: false };
  private currentSettings: ClientSettings = DEFAULT_CLIENT_SETTINGS;
  private currentLocale: Locale = 'en';
  private currentFolders: string[] = [];
  /** The version of each document whose diagnostics were last pushed. */
  readonly pushed = new Map<string, number>();
  /** Bumped whenever results may change without the documents changing, so pulled result ids go stale. */
  private generation = 0;
  /** Bumped per document when a sibling file changes its result. */
  private readonly epochs = new Map<string, number>();

  constructor(
    readonly connection: Connection,
    readonly log: Log,
  ) {
    const openText = (path: string): string | undefined => this.openText(path);
    this.configs = new ConfigStore(openText);
    this.linter = new DocumentLinter(
      () => this.rules,
      (uri) => this.configs.settingsFor(uri),
      log,
      openText,
    );
    this.linter.workspaceFolders = () => this.currentFolders;
    this.lints = new LintService({
      linter: this.linter,
      documents: this.documents,
      settings: (uri) => this.configs.settingsFor(uri),
      folders: () => this.currentFolders,
      log,
      fresh: (uri, snapshot) => this.onLinted(uri, snapshot),
    });
    this.scanner = new WorkspaceScanner({
      rules: () => this.rules,
      settings: (path) => this.configs.settingsForPath(path),
      ignored: (path) => this.configs.isIgnoredPath(path),
      diagnosticOptions: () => this.linter.diagnosticOptions,
      openText,
      log,
    });
    this.status = new StatusTracker((s) => void connection.sendNotification(STATUS_NOTIFICATION, s));
    this.scans = new ScanController({
      scanner: this.scanner,
      status: this.status,
      folders: () => this.currentFolders,
      isOpen: (uri) => this.documents.get(uri) !== undefined,
      send: (uri, diagnostics) => void connection.sendDiagnostics({ uri, diagnostics }),
      progress: () => connection.window.createWorkDoneProgress(),
      statusChanged: () => this.scheduleStatus(),
      log,
    });
  }

  /** The client's settings (the `snclint` section). */
  get settings(): ClientSettings {
    return this.currentSettings;
  }

  /** The client's locale, for messages. */
  get locale(): Locale {
    return this.currentLocale;
  }

  /** The workspace folders, as paths. */
  get folders(): readonly string[] {
    return this.currentFolders;
  }

  /** The unsaved text of an open document, by file path. */
  openText(path: string): string | undefined {
    return this.documents
      .all()
      .find((d) => pathFromUri(d.uri) === path)
      ?.getText();
  }

  /** The documentation link of a rule, in the client's locale. */
  readonly docUri = (ruleId: string): string | undefined => ruleDocUri(this.currentLocale, ruleId);

  /** Sends the status once a burst of changes has settled. */
  scheduleStatus(): void {
    this.debouncer.schedule('\0status', () => this.status.flush());
  }

  /** Takes what `initialize` says (its shape checked) and answers with the server's capabilities. */
  initialize(params: InitializeParams, init: Checked<typeof shapes.initializeParams>['initializationOptions']): InitializeResult {
    // The capabilities are read with optional chaining, as any of them may be absent.
    const caps = params.capabilities;
    this.client.pull = caps.textDocument?.diagnostic !== undefined;
    this.client.refresh = caps.workspace?.diagnostics?.refreshSupport === true;
    this.client.documentChanges = caps.workspace?.workspaceEdit?.documentChanges === true;
    this.client.workspaceFolders = caps.workspace?.workspaceFolders === true;
    this.currentLocale = localeOf(params.locale);
    this.linter.diagnosticOptions = {
      relatedInformation: caps.textDocument?.publishDiagnostics?.relatedInformation !== false,
      locale: this.currentLocale,
      docUri: this.docUri,
    };
    this.currentSettings = parseClientSettings(init?.settings);
    // Restricted Mode: built-in defaults only, until the client says the workspace is trusted.
    this.configs.setTrusted(init?.trusted !== false);
    if (!this.configs.isTrusted) this.status.setConfig({ kind: 'restricted' });
    this.currentFolders = (params.workspaceFolders ?? []).map((f) => pathFromUri(f.uri));
    if (!this.currentFolders.length && params.rootUri) this.currentFolders = [pathFromUri(params.rootUri)];
    const result: InitializeResult = {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Full, save: { includeText: false } },
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND] },
        hoverProvider: true,
        workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
      },
      serverInfo: { name: SERVER_ID },
    };
    if (this.client.pull)
      result.capabilities.diagnosticProvider = { identifier: SERVER_ID, interFileDependencies: true, workspaceDiagnostics: false };
    return result;
  }

  /** Takes new settings; returns whether that started a scan. */
  applySettings(raw: unknown): boolean {
    const before = this.currentSettings;
    this.currentSettings = parseClientSettings(raw);
    if (this.currentSettings.scanWorkspace && !before.scanWorkspace && !this.scans.active && this.configs.isTrusted) {
      void this.scans.scan();
      return true;
    }
    if (!this.currentSettings.scanWorkspace && before.scanWorkspace) this.scans.stop();
    return false;
  }

  /** Applies a change of workspace folders (paths). */
  changeFolders(added: readonly string[], removed: readonly string[]): void {
    const gone = new Set(removed);
    this.currentFolders = [...this.currentFolders.filter((f) => !gone.has(f)), ...added];
  }

  /** Marks every result stale without the documents changing (settings, configuration). */
  invalidateAll(): void {
    this.generation++;
    this.lints.invalidateAll();
  }

  /** Marks one document's result stale because a file it depends on changed. */
  invalidate(uri: string): void {
    this.lints.invalidate(uri);
    this.epochs.set(uri, (this.epochs.get(uri) ?? 0) + 1);
  }

  /** The id of a document's pulled result: it changes whenever the result may. */
  resultId(uri: string, version: number): string {
    return `${this.generation}:${this.epochs.get(uri) ?? 0}:${version}`;
  }

  /** Forgets what is kept about a closed document. */
  forget(uri: string): void {
    this.debouncer.cancel(uri);
    this.throttle.cancel(uri);
    this.lints.forget(uri);
    this.pushed.delete(uri);
    this.epochs.delete(uri);
    this.status.removeFile(uri);
  }

  /** Stops pending work at shutdown. */
  dispose(): void {
    this.debouncer.dispose();
    this.throttle.dispose();
    this.diskDebouncer.dispose();
  }
}
