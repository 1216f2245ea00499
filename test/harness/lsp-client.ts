/** A JSON-RPC client that drives the real language server bundle over stdio, for protocol tests. */
import { execFileSync, spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import {
  StreamMessageReader,
  StreamMessageWriter,
  createProtocolConnection,
  type ClientCapabilities,
  type CodeAction,
  type Command,
  type Diagnostic,
  type Hover,
  type DocumentDiagnosticReport,
  type InitializeResult,
  type ProtocolConnection,
  type PublishDiagnosticsParams,
  type Range,
  type TextEdit,
  type WorkspaceEdit,
} from 'vscode-languageserver-protocol/node';
import { TextDocument } from 'vscode-languageserver-textdocument';

interface Waiter {
  readonly accept: (p: PublishDiagnosticsParams) => boolean;
  readonly resolve: (p: PublishDiagnosticsParams) => void;
}

interface OpenDocument {
  languageId: string;
  version: number;
  text: string;
}

/** One language server process and the client side of its connection. */
export class LspClient {
  /** Every publishDiagnostics notification received, in order. */
  readonly published: PublishDiagnosticsParams[] = [];
  /** Messages the server logged (window/logMessage). */
  readonly logs: string[] = [];
  /** Every snclint/status notification received, in order. */
  readonly statuses: unknown[] = [];
  /** How many times the server asked the client to pull diagnostics again. */
  refreshRequests = 0;
  private readonly waiters: Waiter[] = [];
  private readonly docs = new Map<string, OpenDocument>();
  private stderr = '';
  private readonly exited: Promise<number | null>;

  private constructor(
    private readonly child: ChildProcessWithoutNullStreams,
    readonly connection: ProtocolConnection,
  ) {
    child.stderr.on('data', (chunk: Buffer) => (this.stderr += chunk.toString()));
    this.exited = new Promise((resolve) => child.on('exit', (code) => resolve(code)));
    connection.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => {
      this.published.push(p);
      for (const w of [...this.waiters]) {
        if (w.accept(p)) {
          this.waiters.splice(this.waiters.indexOf(w), 1);
          w.resolve(p);
        }
      }
    });
    connection.onNotification('snclint/status', (p: unknown) => {
      this.statuses.push(p);
    });
    connection.onNotification('window/logMessage', (p: { message: string }) => {
      this.logs.push(p.message);
    });
    connection.onRequest('workspace/diagnostic/refresh', () => {
      this.refreshRequests++;
      return null;
    });
    connection.onRequest('client/registerCapability', () => null);
    connection.onRequest('window/workDoneProgress/create', () => null);
    connection.onRequest('workspace/configuration', (p: { items: unknown[] }) => p.items.map(() => null));
    connection.listen();
  }

  /** Starts `node <serverPath> --stdio`. */
  static start(serverPath: string): LspClient {
    const child = spawn(process.execPath, [serverPath, '--stdio'], { stdio: 'pipe' });
    const connection = createProtocolConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
    return new LspClient(child, connection);
  }

  /** Sends initialize then initialized; `extra` adds parameters such as `locale`, `workspaceFolders` or `initializationOptions`. */
  async initialize(capabilities: ClientCapabilities, extra: Readonly<Record<string, unknown>> = {}): Promise<InitializeResult> {
    const result: InitializeResult = await this.connection.sendRequest('initialize', {
      processId: process.pid,
      rootUri: null,
      capabilities,
      workspaceFolders: null,
      ...extra,
    });
    await this.connection.sendNotification('initialized', {});
    return result;
  }

  /** Opens a document at version 1. */
  async open(uri: string, languageId: string, text: string): Promise<void> {
    this.docs.set(uri, { languageId, version: 1, text });
    await this.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId, version: 1, text } });
  }

  /** Replaces a document's whole text; returns the new version. */
  async change(uri: string, text: string): Promise<number> {
    const doc = this.document(uri);
    doc.version++;
    doc.text = text;
    await this.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri, version: doc.version },
      contentChanges: [{ text }],
    });
    return doc.version;
  }

  /** Closes a document. */
  async close(uri: string): Promise<void> {
    this.docs.delete(uri);
    await this.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
  }

  /** The client's copy of an open document. */
  document(uri: string): OpenDocument {
    const d = this.docs.get(uri);
    if (!d) throw new Error(`${uri} is not open`);
    return d;
  }

  /** The next (or already received) diagnostics of `uri` for `version`. */
  diagnostics(uri: string, version: number, timeoutMs = 5000): Promise<PublishDiagnosticsParams> {
    const accept = (p: PublishDiagnosticsParams): boolean => p.uri === uri && p.version === version;
    const done = this.published.find(accept);
    if (done) return Promise.resolve(done);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        const i = this.waiters.indexOf(waiter);
        if (i >= 0) this.waiters.splice(i, 1);
        reject(
          new Error(
            `No diagnostics for ${uri} version ${version} within ${timeoutMs} ms; got ${JSON.stringify(this.published.map((p) => [p.uri, p.version]))}; server stderr: ${this.stderr}`,
          ),
        );
      }, timeoutMs);
      const waiter: Waiter = {
        accept,
        resolve: (p) => {
          clearTimeout(timer);
          resolve(p);
        },
      };
      this.waiters.push(waiter);
    });
  }

  /** Asks for the code actions of the given diagnostics. */
  async codeActions(uri: string, range: Range, diagnostics: Diagnostic[], only?: string[]): Promise<(CodeAction | Command)[]> {
    const result: (CodeAction | Command)[] | null = await this.connection.sendRequest('textDocument/codeAction', {
      textDocument: { uri },
      range,
      context: only ? { diagnostics, only } : { diagnostics },
    });
    return result ?? [];
  }

  /** The latest diagnostics published for `uri` that satisfy `accept`, waiting for them if needed. */
  async latest(uri: string, accept: (p: PublishDiagnosticsParams) => boolean, timeoutMs = 5000): Promise<PublishDiagnosticsParams> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const last = [...this.published].reverse().find((p) => p.uri === uri);
      if (last && accept(last)) return last;
      if (Date.now() > deadline)
        throw new Error(`Diagnostics of ${uri} never matched; last: ${JSON.stringify(last)}; server stderr: ${this.stderr}`);
      await delay(20);
    }
  }

  /** Asks for the hover at a position. */
  hover(uri: string, line: number, character: number): Promise<Hover | null> {
    return this.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line, character } });
  }

  /** Tells the server files changed on disk (workspace/didChangeWatchedFiles); type 1 created, 2 changed, 3 deleted. */
  async filesChanged(changes: { uri: string; type: 1 | 2 | 3 }[]): Promise<void> {
    await this.connection.sendNotification('workspace/didChangeWatchedFiles', { changes });
  }

  /** Tells the server a document was saved. */
  async save(uri: string): Promise<void> {
    await this.connection.sendNotification('textDocument/didSave', { textDocument: { uri } });
  }

  /** Pulls a document's diagnostics (textDocument/diagnostic). */
  pull(uri: string, previousResultId?: string): Promise<DocumentDiagnosticReport> {
    return this.connection.sendRequest('textDocument/diagnostic', { textDocument: { uri }, previousResultId });
  }

  /** Sends workspace/didChangeConfiguration. */
  async changeConfiguration(settings: Readonly<Record<string, unknown>> = {}): Promise<void> {
    await this.connection.sendNotification('workspace/didChangeConfiguration', { settings });
  }

  /** Shuts the server down politely, then makes sure the process is gone; returns its exit code. */
  async stop(): Promise<number | null> {
    try {
      await Promise.race([this.connection.sendRequest('shutdown'), delay(2000)]);
      await this.connection.sendNotification('exit');
    } catch {
      // The process may already be gone; killing it below is enough.
    }
    const code = await Promise.race([this.exited, delay(2000).then(() => undefined)]);
    if (code === undefined) this.child.kill();
    this.connection.dispose();
    return code ?? null;
  }

  /** Writes bytes to the server's input as they are: broken headers, invalid JSON, messages no client library would send. */
  writeRaw(data: string | Buffer): Promise<void> {
    return new Promise((resolve, reject) => this.child.stdin.write(data, (e) => (e ? reject(e) : resolve())));
  }

  /** Writes one JSON-RPC message with a correct header, whatever its content. */
  writeMessage(message: unknown): Promise<void> {
    const body = Buffer.from(typeof message === 'string' ? message : JSON.stringify(message), 'utf8');
    return this.writeRaw(Buffer.concat([Buffer.from(`Content-Length: ${body.length}\r\n\r\n`, 'ascii'), body]));
  }

  /** Whether the server process is still running. */
  get alive(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  /** What the server wrote on stderr. */
  get errorOutput(): string {
    return this.stderr;
  }
}

/** Resolves after `ms` milliseconds. */
export function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** The text of `uri` after applying a workspace edit (`changes` or `documentChanges`), checking a versioned edit targets `version`. */
export function applyWorkspaceEdit(uri: string, text: string, version: number, edit: WorkspaceEdit): string {
  const edits: TextEdit[] = [];
  for (const change of edit.documentChanges ?? []) {
    if (!('textDocument' in change) || change.textDocument.uri !== uri) continue;
    if (change.textDocument.version !== null && change.textDocument.version !== version) {
      throw new Error(`Edit targets version ${change.textDocument.version}, the document is at ${version}`);
    }
    for (const e of change.edits) {
      if (!('newText' in e)) throw new Error('Snippet edits are not expected from snclint');
      edits.push(e);
    }
  }
  edits.push(...(edit.changes?.[uri] ?? []));
  return TextDocument.applyEdits(TextDocument.create(uri, 'plaintext', version, text), edits);
}

const ROOT = resolve(__dirname, '../..');
/** The server bundle the protocol tests start. */
export const SERVER = join(ROOT, 'server/out/server.js');

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestMtime(p));
    else if (entry.name.endsWith('.ts') || entry.name.endsWith('.json')) newest = Math.max(newest, statSync(p).mtimeMs);
  }
  return newest;
}

/** Builds the bundles when missing or older than the sources, so `npx mocha` alone tests the current code. */
export function ensureBuilt(): void {
  const sources = Math.max(newestMtime(join(ROOT, 'server/src')), newestMtime(join(ROOT, 'rules')));
  if (existsSync(SERVER) && statSync(SERVER).mtimeMs >= sources) return;
  try {
    execFileSync(process.execPath, ['esbuild.mjs'], { cwd: ROOT, stdio: 'pipe' });
  } catch (e) {
    // `npm test` builds first and fails on a broken build; a direct mocha run keeps the last good bundle.
    if (!existsSync(SERVER)) throw e;
    process.stderr.write(
      `Rebuilding the server failed; testing the existing bundle.\n${String((e as { stderr?: unknown }).stderr ?? e)}\n`,
    );
  }
}
