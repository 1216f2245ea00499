/** The snclint language server: LSP wiring around the engine (run with --stdio, --node-ipc or --socket). */
import {
  CodeActionKind,
  DidChangeWatchedFilesNotification,
  DocumentDiagnosticReportKind,
  ProposedFeatures,
  TextDocumentSyncKind,
  TextDocuments,
  createConnection,
  type Diagnostic,
  type DocumentDiagnosticReport,
  type InitializeResult,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { RULES } from '../../rules';
import { DocumentLinter } from './lsp/document-linter';
import { pathFromUri } from './lsp/documents';
import { Debouncer } from './lsp/debouncer';
import { quickFixes } from './lsp/code-actions';
import { CONFIG_GLOB, ConfigStore } from './lsp/config';
import { SERVER_ID } from './protocol';

// Long enough to coalesce a burst of keystrokes, short enough to stay under the 50 ms editor budget (npm run bench).
const CHANGE_DELAY_MS = 30;

const connection = createConnection(ProposedFeatures.all);
const documents = new TextDocuments(TextDocument);
const debouncer = new Debouncer(CHANGE_DELAY_MS);
const openText = (path: string): string | undefined => documents.all().find((d) => pathFromUri(d.uri) === path)?.getText();
const configs = new ConfigStore(openText);
const linter = new DocumentLinter(
  () => RULES,
  (uri) => configs.settingsFor(uri),
  (message) => connection.console.error(message),
  openText,
);

/** What the client told us it can do. */
const client = { pull: false, refresh: false, documentChanges: false, watch: false };
/** The version of each document whose diagnostics were last pushed. */
const pushed = new Map<string, number>();
/** Bumped whenever results may change without the documents changing, so pulled result ids go stale. */
let generation = 0;

function guard<T>(what: string, fallback: T, f: () => T): T {
  try {
    return f();
  } catch (e) {
    connection.console.error(`${what} failed: ${(e as Error).stack ?? String(e)}`);
    return fallback;
  }
}

function publish(uri: string): void {
  guard(`Publishing diagnostics for ${uri}`, undefined, () => {
    const doc = documents.get(uri);
    if (!doc) return;
    pushed.set(uri, doc.version);
    void connection.sendDiagnostics({ uri, version: doc.version, diagnostics: diagnosticsOf(doc) });
  });
}

/** A document's diagnostics: a configuration file's problems, nothing for an ignored file, else the findings. */
function diagnosticsOf(doc: TextDocument): Diagnostic[] {
  if (configs.isConfigFile(doc.uri)) return configs.diagnosticsFor(doc.uri);
  if (configs.isIgnored(doc.uri)) return [];
  const snapshot = linter.lint(doc);
  return snapshot ? [...snapshot.diagnostics] : [];
}

/** A configuration file changed: its settings apply to every open document. */
function configChanged(uri?: string): void {
  configs.changed(uri);
  relintAll();
}

/** Makes every open document's diagnostics current again, after something other than its text changed. */
function relintAll(): void {
  generation++;
  linter.clear();
  if (client.pull) {
    if (client.refresh) void connection.languages.diagnostics.refresh();
  } else {
    for (const doc of documents.all()) publish(doc.uri);
  }
  for (const d of configs.closedFileDiagnostics(documents.all().map((doc) => doc.uri))) void connection.sendDiagnostics(d);
}

connection.onInitialize((params): InitializeResult => {
  const caps = params.capabilities;
  client.pull = caps.textDocument?.diagnostic !== undefined;
  client.refresh = caps.workspace?.diagnostics?.refreshSupport === true;
  client.documentChanges = caps.workspace?.workspaceEdit?.documentChanges === true;
  client.watch = caps.workspace?.didChangeWatchedFiles?.dynamicRegistration === true;
  linter.diagnosticOptions = { relatedInformation: caps.textDocument?.publishDiagnostics?.relatedInformation !== false };
  const result: InitializeResult = {
    capabilities: {
      textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Full },
      codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix] },
    },
    serverInfo: { name: SERVER_ID },
  };
  if (client.pull) result.capabilities.diagnosticProvider = { identifier: SERVER_ID, interFileDependencies: false, workspaceDiagnostics: false };
  return result;
});

connection.onInitialized(() => {
  // Configuration files change outside the editor too (git checkout, another tool).
  if (client.watch) void connection.client.register(DidChangeWatchedFilesNotification.type, { watchers: [{ globPattern: CONFIG_GLOB }] });
  connection.console.info(`snclint language server ready: ${RULES.length} rules, ${client.pull ? 'pull' : 'push'} diagnostics`);
});

documents.onDidOpen((e) => {
  // An open configuration buffer overrides the file on disk for every document.
  if (configs.isConfigFile(e.document.uri)) configChanged(e.document.uri);
  else if (!client.pull) publish(e.document.uri);
});

documents.onDidChangeContent((e) => {
  const uri = e.document.uri;
  if (configs.isConfigFile(uri)) {
    if (pushed.get(uri) !== e.document.version) debouncer.schedule(uri, () => configChanged(uri));
    return;
  }
  if (client.pull) return;
  // Opening also reports a content change; that version is already published.
  if (pushed.get(uri) === e.document.version) return;
  debouncer.schedule(uri, () => publish(uri));
});

documents.onDidClose((e) => {
  const uri = e.document.uri;
  debouncer.cancel(uri);
  linter.forget(uri);
  pushed.delete(uri);
  if (!client.pull) void connection.sendDiagnostics({ uri, diagnostics: [] });
  // The file on disk applies again, whatever the closed buffer held.
  if (configs.isConfigFile(uri)) configChanged(uri);
});

connection.languages.diagnostics.on((params): DocumentDiagnosticReport => {
  const uri = params.textDocument.uri;
  return guard(`Pulling diagnostics for ${uri}`, { kind: DocumentDiagnosticReportKind.Full, items: [] }, () => {
    const doc = documents.get(uri);
    if (!doc) return { kind: DocumentDiagnosticReportKind.Full, items: [] };
    const resultId = `${generation}:${doc.version}`;
    if (params.previousResultId === resultId) return { kind: DocumentDiagnosticReportKind.Unchanged, resultId };
    return { kind: DocumentDiagnosticReportKind.Full, resultId, items: diagnosticsOf(doc) };
  });
});

connection.onCodeAction((params) =>
  guard(`Code actions for ${params.textDocument.uri}`, [], () => {
    const doc = documents.get(params.textDocument.uri);
    // Lints the version the client has now if the debounced lint has not run yet: fixes are never stale.
    const snapshot = doc && linter.lint(doc);
    return snapshot ? quickFixes(snapshot, params.context, { documentChanges: client.documentChanges }) : [];
  }),
);

connection.onDidChangeConfiguration(() => relintAll());
connection.onDidChangeWatchedFiles((e) => {
  for (const change of e.changes) configs.changed(change.uri);
  relintAll();
});

connection.onShutdown(() => debouncer.dispose());

process.on('uncaughtException', (e) => connection.console.error(`Uncaught exception: ${e.stack ?? String(e)}`));
process.on('unhandledRejection', (e) => connection.console.error(`Unhandled rejection: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`));

documents.listen(connection);
connection.listen();
