/** The VS Code extension's entry points. */
import * as vscode from 'vscode';
import { SnclintClient } from './client';

let client: SnclintClient | undefined;

/** Starts the language client and registers the commands. */
export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const output = vscode.window.createOutputChannel('snclint', { log: true });
  client = new SnclintClient(context, output);
  const c = client;
  context.subscriptions.push(
    output,
    vscode.commands.registerCommand('snclint.restartServer', async () => {
      output.info('Restarting the snclint language server');
      try {
        await c.restart();
      } catch (e) {
        output.error(`Restart failed: ${(e as Error).stack ?? String(e)}`);
        void vscode.window.showErrorMessage('snclint: the language server could not be restarted; see the snclint output.');
      }
    }),
    vscode.commands.registerCommand('snclint.showOutput', () => output.show(true)),
  );
  try {
    await c.start();
  } catch (e) {
    output.error(`The snclint language server could not start: ${(e as Error).stack ?? String(e)}`);
    void vscode.window.showErrorMessage('snclint: the language server could not start; see the snclint output.');
  }
}

/** Stops the language client. */
export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
