/** Starts, stops and restarts the snclint language client. */
import * as vscode from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import {
  SERVER_ID,
  SERVER_NAME,
  STATUS_NOTIFICATION,
  WORKSPACE_TRUSTED_NOTIFICATION,
  type ClientSettings,
  type InitializationOptions,
  type StatusParams,
} from '../../server/src/protocol';

/** Files snclint reads, whatever language id another extension gives them. */
const DOCUMENT_SELECTOR: LanguageClientOptions['documentSelector'] = [
  { scheme: 'file', language: 'terraform' },
  { scheme: 'file', language: 'terraform-vars' },
  { scheme: 'file', language: 'yaml' },
  { scheme: 'file', language: 'json' },
  { scheme: 'file', pattern: '**/*.tf' },
  { scheme: 'file', pattern: '**/*.tfvars' },
  { scheme: 'file', pattern: '**/*.tf.json' },
  { scheme: 'file', pattern: '**/*.tofu' },
  { scheme: 'file', pattern: '**/*.tofu.json' },
];

/** The `snclint.*` settings the server needs. */
export function readSettings(): ClientSettings & { readonly enable: boolean } {
  const c = vscode.workspace.getConfiguration('snclint');
  return {
    enable: c.get<boolean>('enable', true),
    run: c.get<string>('run', 'onType') === 'onSave' ? 'onSave' : 'onType',
    scanWorkspace: c.get<boolean>('scanWorkspace', false),
  };
}

/** Owns the language client for the extension's lifetime. */
export class SnclintClient implements vscode.Disposable {
  private client: LanguageClient | undefined;

  constructor(
    private readonly context: vscode.ExtensionContext,
    private readonly output: vscode.LogOutputChannel,
    private readonly onStatus: (status: StatusParams) => void,
  ) {}

  /** The running client, if any. */
  get running(): LanguageClient | undefined {
    return this.client?.isRunning() ? this.client : undefined;
  }

  /** Starts the server bundled with the extension. */
  async start(): Promise<void> {
    const settings = readSettings();
    const module = this.context.asAbsolutePath('server/out/server.js');
    const serverOptions: ServerOptions = {
      run: { module, transport: TransportKind.ipc },
      debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6009'] } },
    };
    // In Restricted Mode the server reads nothing the repository configures until told the workspace is trusted.
    const initializationOptions: InitializationOptions = {
      settings: { run: settings.run, scanWorkspace: settings.scanWorkspace },
      trusted: vscode.workspace.isTrusted,
    };
    const clientOptions: LanguageClientOptions = {
      documentSelector: DOCUMENT_SELECTOR,
      outputChannel: this.output,
      initializationOptions,
      // Configuration files and the module files of closed editors: the server re-lints what depends on them.
      synchronize: {
        fileEvents: [
          vscode.workspace.createFileSystemWatcher('**/.snclint.{yml,yaml,json}'),
          vscode.workspace.createFileSystemWatcher('**/*.{tf,tfvars,tf.json,tfvars.json,tofu,tofu.json,yaml,yml}'),
          // `terraform init` / `tofu init` rewrites it when modules are installed or upgraded.
          vscode.workspace.createFileSystemWatcher('**/.terraform/modules/modules.json'),
        ],
      },
      diagnosticPullOptions: { onChange: settings.run === 'onType', onSave: true },
    };
    this.client = new LanguageClient(SERVER_ID, SERVER_NAME, serverOptions, clientOptions);
    this.client.onNotification(STATUS_NOTIFICATION, (s: StatusParams) => this.onStatus(s));
    await this.client.start();
  }

  /** Sends changed settings to the running server. */
  async sendSettings(): Promise<void> {
    const s = readSettings();
    await this.running?.sendNotification('workspace/didChangeConfiguration', {
      settings: { snclint: { run: s.run, scanWorkspace: s.scanWorkspace } },
    });
  }

  /** Tells the running server the workspace is now trusted, so the repository's configuration applies. */
  async sendTrusted(): Promise<void> {
    await this.running?.sendNotification(WORKSPACE_TRUSTED_NOTIFICATION);
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
