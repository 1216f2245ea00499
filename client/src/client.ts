/** Starts, stops and restarts the snclint language client. */
import * as vscode from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { SERVER_ID, SERVER_NAME } from '../../server/src/protocol';

/** Files snclint reads, whatever language id another extension gives them. */
const DOCUMENT_SELECTOR: LanguageClientOptions['documentSelector'] = [
  { scheme: 'file', language: 'terraform' },
  { scheme: 'file', language: 'terraform-vars' },
  { scheme: 'file', language: 'yaml' },
  { scheme: 'file', language: 'json' },
  { scheme: 'file', pattern: '**/*.tf' },
  { scheme: 'file', pattern: '**/*.tfvars' },
  { scheme: 'file', pattern: '**/*.tf.json' },
];

/** Owns the language client for the extension's lifetime. */
export class SnclintClient implements vscode.Disposable {
  private client: LanguageClient | undefined;

  constructor(
    private readonly context: vscode.ExtensionContext,
    private readonly output: vscode.LogOutputChannel,
  ) {}

  /** Starts the server bundled with the extension. */
  async start(): Promise<void> {
    const module = this.context.asAbsolutePath('server/out/server.js');
    const serverOptions: ServerOptions = {
      run: { module, transport: TransportKind.ipc },
      debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6009'] } },
    };
    const clientOptions: LanguageClientOptions = {
      documentSelector: DOCUMENT_SELECTOR,
      outputChannel: this.output,
      synchronize: { fileEvents: vscode.workspace.createFileSystemWatcher('**/.snclint.{yml,yaml}') },
    };
    this.client = new LanguageClient(SERVER_ID, SERVER_NAME, serverOptions, clientOptions);
    await this.client.start();
  }

  /** Stops the server, if running. */
  async stop(): Promise<void> {
    const c = this.client;
    this.client = undefined;
    if (c?.isRunning()) await c.stop();
    else await c?.dispose();
  }

  /** Stops then starts the server. */
  async restart(): Promise<void> {
    await this.stop();
    await this.start();
  }

  /** Stops the server when the extension goes away. */
  dispose(): void {
    void this.stop();
  }
}
