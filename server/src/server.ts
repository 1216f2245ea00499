/** The snclint language server: LSP wiring around the engine (run with --stdio, --node-ipc or --socket). */
import { ProposedFeatures, createConnection } from 'vscode-languageserver/node';
import { format } from 'node:util';
import { FrameFilter } from './lsp/frames';
import { checkedDocumentEvents } from './lsp/boundary';
import { Session } from './lsp/session';
import { registerDocumentHandlers } from './lsp/handlers/documents';
import { registerDiagnosticHandlers } from './lsp/handlers/diagnostics';
import { registerActionHandlers } from './lsp/handlers/actions';
import { registerWorkspaceHandlers } from './lsp/handlers/workspace';
import { registerCustomHandlers } from './lsp/handlers/custom';

// Over stdio, broken message framing is dropped before the JSON-RPC reader, which would otherwise stall on it.
const stdio = process.argv.includes('--stdio');
const connection = stdio
  ? createConnection(ProposedFeatures.all, process.stdin.pipe(new FrameFilter(log)), process.stdout)
  : createConnection(ProposedFeatures.all);
// stdout carries the protocol: anything a dependency prints goes to the log instead.
if (stdio)
  for (const level of ['log', 'info', 'warn', 'error', 'debug'] as const) console[level] = (...args: unknown[]) => log(format(...args));
/** Logs to the client's output (window/logMessage). */
function log(message: string): void {
  connection.console.error(message);
}

const session = new Session(connection, log);
// Requests: a handler that throws is logged and answered with an error by the boundary.
registerWorkspaceHandlers(session);
registerDocumentHandlers(session);
registerDiagnosticHandlers(session);
registerActionHandlers(session);
registerCustomHandlers(session);

process.on('uncaughtException', (e) => log(`Uncaught exception: ${e.stack ?? String(e)}`));
process.on('unhandledRejection', (e) => log(`Unhandled rejection: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`));

// Linting runs in a worker thread when one can start, so requests never wait for a big file's lint.
session.lints.start();
session.documents.listen(checkedDocumentEvents(connection, log));
connection.listen();
