/** The VS Code extension's entry points. */
import * as vscode from 'vscode';
import { SnclintClient, readSettings } from './client';
import { registerCommands } from './commands';
import { StatusItem } from './status';

let client: SnclintClient | undefined;

/** Starts the language client (unless disabled), registers the commands and follows the settings. */
export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const output = vscode.window.createOutputChannel('snclint', { log: true });
  const status = new StatusItem();
  client = new SnclintClient(context, output, (s) => status.update(s));
  const c = client;
  let current = readSettings();

  const start = async (): Promise<void> => {
    if (!readSettings().enable) {
      status.stopped();
      return;
    }
    try {
      await c.start();
    } catch (e) {
      status.stopped();
      output.error(`The snclint language server could not start: ${(e as Error).stack ?? String(e)}`);
      void vscode.window.showErrorMessage(vscode.l10n.t('snclint: the language server could not start; see the snclint output.'));
    }
  };
  const restart = async (): Promise<void> => {
    output.info('Restarting the snclint language server');
    await c.stop();
    await start();
  };

  context.subscriptions.push(
    output,
    status,
    ...registerCommands(c, output, restart),
    vscode.workspace.onDidChangeConfiguration(async (e) => {
      if (!e.affectsConfiguration('snclint')) return;
      const next = readSettings();
      const before = current;
      current = next;
      // Enabling, disabling and the pull schedule take a new server; the rest is sent to the running one.
      if (next.enable !== before.enable || next.run !== before.run) await restart();
      else await c.sendSettings();
    }),
    // A server started later reads the trust itself (initialization options).
    vscode.workspace.onDidGrantWorkspaceTrust(() => void c.sendTrusted()),
  );
  await start();
}

/** Stops the language client. */
export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
