/** The snclint language server: LSP wiring around the engine (run with --stdio, --node-ipc or --socket). */
import {
  CodeActionKind,
  ErrorCodes,
  LSPErrorCodes,
  ResponseError,
  DidChangeWorkspaceFoldersNotification,
  DocumentDiagnosticReportKind,
  FileChangeType,
  ProposedFeatures,
  SetTraceNotification,
  Trace,
  TextDocumentSyncKind,
  TextDocuments,
  createConnection,
  type Diagnostic,
  type DocumentDiagnosticReport,
  type InitializeError,
  type InitializeResult,
  type WorkspaceFolder,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { dirname } from 'path';
import { format } from 'util';
import { RULES } from '../../rules';
import { languageOf } from './engine/source';
import { isInstalledPath } from './terraform/installed';
import type { Finding } from './engine/types';
import { localeOf, type Locale } from './i18n/catalogue';
import { ruleDocUri } from './lsp/doc-links';
import { DocumentLinter } from './lsp/document-linter';
import { searchRoot } from './lsp/kustomize-files';
import { pathFromUri } from './lsp/documents';
import { Debouncer } from './lsp/debouncer';
import { ConfigStore } from './lsp/config';
import { fixAll, quickFixes } from './lsp/code-actions';
import { findingHover } from './lsp/hover';
import { coverageReport, htmlReport } from './lsp/coverage';
import { version } from '../../package.json';
import { StatusTracker } from './lsp/status';
import { WorkspaceScanner } from './lsp/workspace-scan';
import { ScanController } from './lsp/scan-controller';
import { FrameFilter } from './lsp/frames';
import { checkedDocumentEvents, checkedNotification, checkedRequest } from './lsp/boundary';
import * as shapes from './lsp/validate';
import {
  COVERAGE_REQUEST,
  HTML_REPORT_REQUEST,
  DEFAULT_CLIENT_SETTINGS,
  FIX_ALL_KIND,
  SCAN_WORKSPACE_REQUEST,
  SERVER_ID,
  STATUS_NOTIFICATION,
  WORKSPACE_TRUSTED_NOTIFICATION,
  parseClientSettings,
  type ClientSettings,
  type ScanResult,
} from './protocol';

// Long enough to coalesce a burst of keystrokes, short enough to stay under the 50 ms editor budget (npm run bench).
const CHANGE_DELAY_MS = 30;
// Files on disk often change in bursts (a checkout, a formatter over the module).
const DISK_DELAY_MS = 200;

// Over stdio, broken message framing is dropped before the JSON-RPC reader, which would otherwise stall on it.
const stdio = process.argv.includes('--stdio');
const connection = stdio ? createConnection(ProposedFeatures.all, process.stdin.pipe(new FrameFilter(log)), process.stdout) : createConnection(ProposedFeatures.all);
// stdout carries the protocol: anything a dependency prints goes to the log instead.
if (stdio) for (const level of ['log', 'info', 'warn', 'error', 'debug'] as const) console[level] = (...args: unknown[]) => log(format(...args));
/** Logs to the client's output (window/logMessage). */
function log(message: string): void {
  connection.console.error(message);
}
const documents = new TextDocuments(TextDocument);
const debouncer = new Debouncer(CHANGE_DELAY_MS);
const diskDebouncer = new Debouncer(DISK_DELAY_MS);
const openText = (path: string): string | undefined => documents.all().find((d) => pathFromUri(d.uri) === path)?.getText();
const configs = new ConfigStore(openText);
const linter = new DocumentLinter(() => RULES, (uri) => configs.settingsFor(uri), log, openText);
linter.workspaceFolders = () => folders;
const scanner = new WorkspaceScanner({
  rules: () => RULES,
  settings: (path) => configs.settingsForPath(path),
  ignored: (path) => configs.isIgnoredPath(path),
  diagnosticOptions: () => linter.diagnosticOptions,
  openText,
  log,
});
const status = new StatusTracker((s) => void connection.sendNotification(STATUS_NOTIFICATION, s));
const scheduleStatus = (): void => debouncer.schedule('\0status', () => status.flush());
const scans = new ScanController({
  scanner,
  status,
  folders: () => folders,
  isOpen: (uri) => documents.get(uri) !== undefined,
  send: (uri, diagnostics) => void connection.sendDiagnostics({ uri, diagnostics }),
  progress: () => connection.window.createWorkDoneProgress(),
  statusChanged: scheduleStatus,
  log,
});

/** What the client told us it can do. */
const client = { pull: false, refresh: false, documentChanges: false, workspaceFolders: false };
let settings: ClientSettings = DEFAULT_CLIENT_SETTINGS;
let locale: Locale = 'en';
let folders: string[] = [];
/** The version of each document whose diagnostics were last pushed. */
const pushed = new Map<string, number>();
/** Bumped whenever results may change without the documents changing, so pulled result ids go stale. */
let generation = 0;
/** Bumped per document when a sibling file changes its result. */
const epochs = new Map<string, number>();

const docUri = (ruleId: string): string | undefined => ruleDocUri(locale, ruleId);

function guard<T>(what: string, fallback: T, f: () => T): T {
  try {
    return f();
  } catch (e) {
    log(`${what} failed: ${(e as Error).stack ?? String(e)}`);
    return fallback;
  }
}

const severities = (findings: readonly Finding[]): Finding['severity'][] => findings.map((f) => f.severity);

function publish(uri: string): void {
  guard(`Publishing diagnostics for ${uri}`, undefined, () => {
    const doc = documents.get(uri);
    if (!doc) return;
    const snapshot = lintable(doc) ? linter.lint(doc) : undefined;
    pushed.set(uri, doc.version);
    status.setFile(uri, snapshot ? severities(snapshot.findings) : []);
    status.setConfig(configs.statusFor(uri));
    scheduleStatus();
    void connection.sendDiagnostics({ uri, version: doc.version, diagnostics: diagnosticsOf(doc, snapshot) });
  });
}

/** Whether a document is linted: not a configuration file, not ignored by the configuration. */
function lintable(doc: TextDocument): boolean {
  return !configs.isConfigFile(doc.uri) && !configs.isIgnored(doc.uri);
}

/** A document's diagnostics: a configuration file's problems, nothing for an ignored file, else the findings. */
function diagnosticsOf(doc: TextDocument, snapshot: ReturnType<DocumentLinter['lint']>): Diagnostic[] {
  if (configs.isConfigFile(doc.uri)) return configs.diagnosticsFor(doc.uri);
  return snapshot ? [...snapshot.diagnostics] : [];
}

/** A configuration file changed (typed, saved, closed, changed on disk): its settings apply to every document. */
function configChanged(uri?: string): void {
  configs.changed(uri);
  relintAll();
}

/** Re-lints open documents whose results depend on `uri`'s module: the Terraform files of its directory. */
function relintSiblings(path: string, except?: string): void {
  if (isManifestPath(path)) relintKustomize(path, except);
  if (!isModulePath(path)) return;
  const dir = dirname(path);
  let any = false;
  for (const doc of documents.all()) {
    const p = pathFromUri(doc.uri);
    if (doc.uri === except || dirname(p) !== dir || !isModulePath(p)) continue;
    any = true;
    linter.invalidate(doc.uri);
    epochs.set(doc.uri, (epochs.get(doc.uri) ?? 0) + 1);
    if (!client.pull) debouncer.schedule(doc.uri, () => publish(doc.uri));
  }
  if (any && client.pull && client.refresh) debouncer.schedule('\0refresh', () => void connection.languages.diagnostics.refresh());
  if (scans.active && scans.covers(path)) diskDebouncer.schedule(dir, () => scans.rescan(dir));
}

/** Re-lints open manifests that a change to `path` may affect through a kustomization (an overlay, a patch, a base). */
function relintKustomize(path: string, except?: string): void {
  const root = searchRoot(path);
  let any = false;
  for (const doc of documents.all()) {
    const p = pathFromUri(doc.uri);
    if (doc.uri === except || !isManifestPath(p) || !p.startsWith(root)) continue;
    any = true;
    linter.invalidate(doc.uri);
    epochs.set(doc.uri, (epochs.get(doc.uri) ?? 0) + 1);
    if (!client.pull) debouncer.schedule(doc.uri, () => publish(doc.uri));
  }
  if (any && client.pull && client.refresh) debouncer.schedule('\0refresh', () => void connection.languages.diagnostics.refresh());
}

function isManifestPath(path: string): boolean {
  const l = languageOf(path);
  return l === 'yaml' || l === 'json' || path.endsWith('Kustomization');
}

function isModulePath(path: string): boolean {
  const l = languageOf(path);
  return l === 'terraform' || l === 'terraform-json' || l === 'terraform-vars' || path.toLowerCase().endsWith('.tfvars.json');
}

/** Makes every result current again, after something other than the files changed (settings, configuration). */
function relintAll(rescan = true): void {
  generation++;
  linter.clear();
  if (client.pull) {
    if (client.refresh) void connection.languages.diagnostics.refresh();
  } else {
    for (const doc of documents.all()) publish(doc.uri);
  }
  for (const d of configs.closedFileDiagnostics(documents.all().map((doc) => doc.uri))) void connection.sendDiagnostics(d);
  if (scans.active && rescan) void scans.scan();
}

/** Takes new settings; returns whether that started a scan. */
function applySettings(raw: unknown): boolean {
  const before = settings;
  settings = parseClientSettings(raw);
  if (settings.scanWorkspace && !before.scanWorkspace && !scans.active && configs.isTrusted) {
    void scans.scan();
    return true;
  }
  if (!settings.scanWorkspace && before.scanWorkspace) scans.stop();
  return false;
}

connection.onInitialize((raw): InitializeResult | ResponseError<InitializeError> => {
  const checked = shapes.validate(shapes.initializeParams, raw);
  if (!checked.ok) {
    log(`Rejected the initialize request: ${checked.problem}`);
    return new ResponseError<InitializeError>(ErrorCodes.InvalidParams, `Invalid initialize parameters: ${checked.problem}`, { retry: false });
  }
  // The shape is checked; the capabilities are read with optional chaining, as any of them may be absent.
  const params = raw;
  const caps = params.capabilities;
  client.pull = caps.textDocument?.diagnostic !== undefined;
  client.refresh = caps.workspace?.diagnostics?.refreshSupport === true;
  client.documentChanges = caps.workspace?.workspaceEdit?.documentChanges === true;
  client.workspaceFolders = caps.workspace?.workspaceFolders === true;
  locale = localeOf(params.locale);
  linter.diagnosticOptions = { relatedInformation: caps.textDocument?.publishDiagnostics?.relatedInformation !== false, locale, docUri };
  const init = checked.value.initializationOptions;
  settings = parseClientSettings(init?.settings);
  // Restricted Mode: built-in defaults only, until the client says the workspace is trusted.
  configs.setTrusted(init?.trusted !== false);
  if (!configs.isTrusted) status.setConfig({ kind: 'restricted' });
  folders = (params.workspaceFolders ?? []).map((f) => pathFromUri(f.uri));
  if (!folders.length && params.rootUri) folders = [pathFromUri(params.rootUri)];
  const result: InitializeResult = {
    capabilities: {
      textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Full, save: { includeText: false } },
      codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND] },
      hoverProvider: true,
      workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
    },
    serverInfo: { name: SERVER_ID },
  };
  if (client.pull) result.capabilities.diagnosticProvider = { identifier: SERVER_ID, interFileDependencies: true, workspaceDiagnostics: false };
  return result;
});

connection.onInitialized(() => {
  connection.console.info(`snclint language server ready: ${RULES.length} rules, ${client.pull ? 'pull' : 'push'} diagnostics, locale ${locale}`);
  if (client.workspaceFolders) {
    void connection.client.register(DidChangeWorkspaceFoldersNotification.type);
    connection.workspace.onDidChangeWorkspaceFolders(
      checkedNotification('workspace/didChangeWorkspaceFolders', shapes.workspaceFoldersEvent, log, (e) => {
        const removed = new Set(e.removed.map((f: WorkspaceFolder) => pathFromUri(f.uri)));
        folders = [...folders.filter((f) => !removed.has(f)), ...e.added.map((f: WorkspaceFolder) => pathFromUri(f.uri))];
        if (scans.active) void scans.scan();
      }),
    );
  }
  if (settings.scanWorkspace && configs.isTrusted) void scans.scan();
  else status.flush();
});

documents.onDidOpen((e) => {
  const uri = e.document.uri;
  // An open configuration buffer overrides the file on disk for every document.
  if (configs.isConfigFile(uri)) configChanged(uri);
  else if (!client.pull) publish(uri);
  // Pulled diagnostics take over from the scan's: two copies of each problem otherwise.
  else if (scanner.get(pathFromUri(uri))) void connection.sendDiagnostics({ uri, diagnostics: [] });
});

documents.onDidChangeContent((e) => {
  const uri = e.document.uri;
  // Opening also reports a content change; that version is already published.
  const opening = pushed.get(uri) === e.document.version;
  if (configs.isConfigFile(uri)) {
    if (!opening) debouncer.schedule(uri, () => configChanged(uri));
    return;
  }
  if (!client.pull && !opening && settings.run === 'onType') debouncer.schedule(uri, () => publish(uri));
  if (!opening && settings.run === 'onType') relintSiblings(pathFromUri(uri), uri);
});

documents.onDidSave((e) => {
  if (settings.run !== 'onSave') return;
  const uri = e.document.uri;
  if (!client.pull) publish(uri);
  relintSiblings(pathFromUri(uri), uri);
});

documents.onDidClose((e) => {
  const uri = e.document.uri;
  const path = pathFromUri(uri);
  debouncer.cancel(uri);
  linter.forget(uri);
  pushed.delete(uri);
  epochs.delete(uri);
  status.removeFile(uri);
  // Unsaved edits are dropped on close: the module's other files go back to the disk's version.
  relintSiblings(path);
  if (scans.active && scans.covers(path)) scans.rescan(dirname(path));
  else if (!client.pull) void connection.sendDiagnostics({ uri, diagnostics: [] });
  scheduleStatus();
  // The file on disk applies again, whatever the closed buffer held.
  if (configs.isConfigFile(uri)) configChanged(uri);
});

// Requests: a handler that throws is logged and answered with an error by the boundary.
connection.languages.diagnostics.on(
  checkedRequest('textDocument/diagnostic', shapes.documentDiagnosticParams, log, (params): DocumentDiagnosticReport => {
    const uri = params.textDocument.uri;
    const doc = documents.get(uri);
    if (doc && configs.isConfigFile(uri)) return { kind: DocumentDiagnosticReportKind.Full, items: configs.diagnosticsFor(uri) };
    const snapshot = doc && lintable(doc) ? linter.lint(doc) : undefined;
    if (!doc || !snapshot) return { kind: DocumentDiagnosticReportKind.Full, items: [] };
    status.setFile(uri, severities(snapshot.findings));
    status.setConfig(configs.statusFor(uri));
    scheduleStatus();
    const resultId = `${generation}:${epochs.get(uri) ?? 0}:${doc.version}`;
    if (params.previousResultId === resultId) return { kind: DocumentDiagnosticReportKind.Unchanged, resultId };
    return { kind: DocumentDiagnosticReportKind.Full, resultId, items: [...snapshot.diagnostics] };
  }),
);

connection.onCodeAction(
  checkedRequest('textDocument/codeAction', shapes.codeActionParams, log, (params) => {
    const doc = documents.get(params.textDocument.uri);
    // Lints the version the client has now if the debounced lint has not run yet: fixes are never stale.
    const snapshot = doc && linter.lint(doc);
    if (!snapshot) return [];
    const options = { documentChanges: client.documentChanges, locale };
    return [...quickFixes(snapshot, params.context, options), ...fixAll(snapshot, params.context, options)];
  }),
);

connection.onHover(
  checkedRequest('textDocument/hover', shapes.hoverParams, log, (params) => {
    const doc = documents.get(params.textDocument.uri);
    const snapshot = doc && linter.lint(doc);
    return snapshot ? findingHover(snapshot, params.position, RULES, locale, docUri) : null;
  }),
);

connection.onRequest<ScanResult, void>(
  SCAN_WORKSPACE_REQUEST,
  checkedRequest(SCAN_WORKSPACE_REQUEST, shapes.noParams, log, () => {
    if (!configs.isTrusted) throw new ResponseError(LSPErrorCodes.RequestFailed, 'Restricted Mode: the workspace is not scanned until it is trusted.');
    return scans.scan();
  }),
);

connection.onRequest(COVERAGE_REQUEST, checkedRequest(COVERAGE_REQUEST, shapes.noParams, log, () => {
  const findings: Finding[] = [];
  const files = new Set<string>();
  for (const r of scanner.all()) {
    if (documents.get(r.uri)) continue;
    files.add(r.uri);
    findings.push(...r.findings);
  }
  for (const doc of documents.all()) {
    const snapshot = linter.lint(doc);
    if (!snapshot) continue;
    files.add(doc.uri);
    findings.push(...snapshot.findings);
  }
  return coverageReport({ rules: RULES, findings, files: files.size, locale });
}));

connection.onRequest(HTML_REPORT_REQUEST, () => {
  const findings: Finding[] = [];
  const files = new Map<string, string>();
  for (const r of scanner.all()) {
    if (documents.get(r.uri)) continue;
    files.set(r.uri, pathFromUri(r.uri));
    findings.push(...r.findings);
  }
  for (const doc of documents.all()) {
    const snapshot = linter.lint(doc);
    if (!snapshot) continue;
    files.set(doc.uri, pathFromUri(doc.uri));
    findings.push(...snapshot.findings);
  }
  const linted = [...files.values()].map((p) => ({ path: p, sources: configs.sourcesForPath(p), settings: configs.settingsForPath(p) }));
  return htmlReport({ rules: RULES, findings, files: linted, locale, root: folders[0] ?? process.cwd(), version });
});

connection.onDidChangeConfiguration(checkedNotification('workspace/didChangeConfiguration', shapes.didChangeConfigurationParams, log, (params) => {
  const section = (params.settings as { snclint?: unknown } | null | undefined)?.snclint;
  const started = section !== undefined && applySettings(section);
  relintAll(!started);
}));

// Trust is granted once and never taken back while the window lives: the repository's configuration applies from now on.
connection.onNotification(WORKSPACE_TRUSTED_NOTIFICATION, checkedNotification(WORKSPACE_TRUSTED_NOTIFICATION, shapes.noParams, log, () => {
  if (configs.isTrusted) return;
  configs.setTrusted(true);
  connection.console.info('The workspace is trusted: the repository configuration applies');
  relintAll(false);
  if (settings.scanWorkspace && !scans.active) void scans.scan();
  else scheduleStatus();
}));

connection.onDidChangeWatchedFiles(checkedNotification('workspace/didChangeWatchedFiles', shapes.didChangeWatchedFilesParams, log, (params) => {
  let other = false;
  for (const change of params.changes) {
    const path = pathFromUri(change.uri);
    if (configs.isConfigFile(change.uri)) {
      configs.changed(change.uri);
      other = true;
      continue;
    }
    // What init installed is read by the root modules of open documents, not by its own folder's.
    if (!languageOf(path) || isInstalledPath(path)) {
      other = true;
      continue;
    }
    const open = documents.get(change.uri);
    // An open document's buffer, not the disk, is what the editor shows.
    if (!open) relintSiblings(path);
    if (scans.active && !isModulePath(path) && scans.covers(path)) diskDebouncer.schedule(dirname(path), () => scans.rescan(dirname(path)));
    if (change.type === FileChangeType.Deleted && !open) status.removeFile(change.uri);
  }
  // Anything else the client watches is configuration.
  if (other) relintAll();
}));

// Replaces the library's own handler, which reads `params.value` unchecked.
connection.onNotification(
  SetTraceNotification.type,
  checkedNotification(SetTraceNotification.type.method, shapes.setTraceParams, log, (p) => {
    (connection.tracer as unknown as { trace: Trace }).trace = Trace.fromString(p.value);
  }),
);

connection.onShutdown(() => {
  debouncer.dispose();
  diskDebouncer.dispose();
});

process.on('uncaughtException', (e) => log(`Uncaught exception: ${e.stack ?? String(e)}`));
process.on('unhandledRejection', (e) => log(`Unhandled rejection: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`));

documents.listen(checkedDocumentEvents(connection, log));
connection.listen();
