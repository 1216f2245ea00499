/** The extension's commands. */
import { promises as fs } from 'node:fs';
import * as vscode from 'vscode';
import {
  COVERAGE_REQUEST,
  HTML_REPORT_REQUEST,
  PLACE_CURSOR_COMMAND,
  SCAN_WORKSPACE_REQUEST,
  type ScanResult,
} from '../../server/src/protocol';
import type { SnclintClient } from './client';
import { CONFIG_FILE, STARTER_CONFIG } from './starter-config';

function notRunning(): void {
  void vscode.window.showWarningMessage(vscode.l10n.t('snclint: the language server is not running (see the setting snclint.enable).'));
}

async function scanWorkspace(client: SnclintClient): Promise<void> {
  const c = client.running;
  if (!c) return notRunning();
  if (!vscode.workspace.isTrusted) {
    void vscode.window.showInformationMessage(vscode.l10n.t('snclint: the workspace is scanned once it is trusted (Restricted Mode).'));
    return;
  }
  const result = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('snclint: scanning the workspace') },
    () => c.sendRequest<ScanResult>(SCAN_WORKSPACE_REQUEST),
  );
  void vscode.window.showInformationMessage(vscode.l10n.t('snclint: {0} files scanned, {1} findings.', result.files, result.findings));
}

async function showCoverage(client: SnclintClient): Promise<void> {
  const c = client.running;
  if (!c) return notRunning();
  const markdown = await c.sendRequest<string>(COVERAGE_REQUEST);
  const doc = await vscode.workspace.openTextDocument({ language: 'markdown', content: markdown });
  try {
    await vscode.commands.executeCommand('markdown.showPreview', doc.uri);
  } catch {
    // No Markdown preview in this editor: the text itself is readable.
    await vscode.window.showTextDocument(doc);
  }
  const open = vscode.l10n.t('Open');
  if ((await vscode.window.showInformationMessage(vscode.l10n.t('snclint: open the evidence report (HTML) as well?'), open)) === open)
    await showHtmlReport(c);
}

/** The same report as `snclint --format html`, in a webview: no script runs, and the report's own policy loads nothing. */
async function showHtmlReport(c: NonNullable<SnclintClient['running']>): Promise<void> {
  const html = await c.sendRequest<string>(HTML_REPORT_REQUEST);
  const panel = vscode.window.createWebviewPanel('snclint.report', vscode.l10n.t('SecNumCloud evidence report'), vscode.ViewColumn.Active, {
    enableScripts: false,
    enableCommandUris: false,
    localResourceRoots: [],
  });
  panel.webview.html = html;
}

/**
 * Creates a file that does not exist yet; false when something is already there. On disk the
 * creation is exclusive (O_EXCL), so a name planted as a symbolic link, even a dangling one, is
 * never written through.
 */
async function createExclusive(uri: vscode.Uri, text: string): Promise<boolean> {
  if (uri.scheme === 'file') {
    try {
      await fs.writeFile(uri.fsPath, text, { flag: 'wx' });
      return true;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'EEXIST') return false;
      throw e;
    }
  }
  try {
    await vscode.workspace.fs.stat(uri);
    return false;
  } catch {
    await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
    return true;
  }
}

async function createConfig(): Promise<void> {
  const folders = vscode.workspace.workspaceFolders ?? [];
  const folder =
    folders.length > 1
      ? await vscode.window.showWorkspaceFolderPick({ placeHolder: vscode.l10n.t('Where should {0} go?', CONFIG_FILE) })
      : folders[0];
  if (!folder) {
    if (!folders.length) void vscode.window.showWarningMessage(vscode.l10n.t('snclint: open a folder first.'));
    return;
  }
  const uri = vscode.Uri.joinPath(folder.uri, CONFIG_FILE);
  if (!(await createExclusive(uri, STARTER_CONFIG)))
    void vscode.window.showInformationMessage(vscode.l10n.t('snclint: {0} already exists; opening it.', CONFIG_FILE));
  await vscode.window.showTextDocument(uri);
}

/** Puts the cursor at a place once a code action's edit is applied (the reason of a suppression comment). */
async function placeCursor(uri: string, line: number, character: number): Promise<void> {
  const editor =
    vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === uri) ??
    (await vscode.window.showTextDocument(vscode.Uri.parse(uri)));
  const at = new vscode.Position(line, character);
  editor.selection = new vscode.Selection(at, at);
  editor.revealRange(new vscode.Range(at, at));
}

/** Registers every command; returns their disposables. */
export function registerCommands(
  client: SnclintClient,
  output: vscode.LogOutputChannel,
  restart: () => Promise<void>,
): vscode.Disposable[] {
  const guarded =
    (name: string, f: (...args: never[]) => Promise<void> | void) =>
    async (...args: never[]): Promise<void> => {
      try {
        await f(...args);
      } catch (e) {
        output.error(`${name} failed: ${(e as Error).stack ?? String(e)}`);
        void vscode.window.showErrorMessage(vscode.l10n.t('snclint: {0} failed; see the snclint output.', name));
      }
    };
  return [
    vscode.commands.registerCommand('snclint.restartServer', guarded('restart', restart)),
    vscode.commands.registerCommand('snclint.showOutput', () => output.show(true)),
    vscode.commands.registerCommand(
      'snclint.scanWorkspace',
      guarded('scan', () => scanWorkspace(client)),
    ),
    vscode.commands.registerCommand(
      'snclint.showCoverage',
      guarded('coverage', () => showCoverage(client)),
    ),
    vscode.commands.registerCommand('snclint.createConfig', guarded('create config', createConfig)),
    vscode.commands.registerCommand(PLACE_CURSOR_COMMAND, guarded('place cursor', placeCursor)),
  ];
}
