import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';

const WAIT_MS = 30000;

function snclintDiagnostics(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'snclint');
}

/** Resolves once `accept` holds for the file's snclint diagnostics. */
function waitForDiagnostics(uri: vscode.Uri, accept: (ds: vscode.Diagnostic[]) => boolean): Promise<vscode.Diagnostic[]> {
  const now = snclintDiagnostics(uri);
  if (accept(now)) return Promise.resolve(now);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      sub.dispose();
      reject(new Error(`Timed out; diagnostics: ${JSON.stringify(snclintDiagnostics(uri))}`));
    }, WAIT_MS);
    const sub = vscode.languages.onDidChangeDiagnostics((e) => {
      if (!e.uris.some((u) => u.toString() === uri.toString())) return;
      const ds = snclintDiagnostics(uri);
      if (!accept(ds)) return;
      clearTimeout(timer);
      sub.dispose();
      resolve(ds);
    });
  });
}

const codeOf = (d: vscode.Diagnostic): string => (typeof d.code === 'object' ? String(d.code.value) : String(d.code));

describe('snclint in VS Code', () => {
  it('reports a non-EU region in a .tf file and fixes it', async () => {
    const folder = vscode.workspace.workspaceFolders?.[0];
    assert.ok(folder, 'the fixture workspace is open');
    const uri = vscode.Uri.joinPath(folder.uri, 'main.tf');
    const doc = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(doc);

    const [region] = (await waitForDiagnostics(uri, (ds) => ds.some((d) => codeOf(d) === 'non-eu-region'))).filter(
      (d) => codeOf(d) === 'non-eu-region',
    );
    assert.ok(region);
    assert.equal(doc.getText(region.range), '"us-east-1"');

    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
      'vscode.executeCodeActionProvider',
      uri,
      region.range,
      vscode.CodeActionKind.QuickFix.value,
    );
    const fix = actions.find((a) => a.diagnostics?.some((d) => codeOf(d) === 'non-eu-region'));
    assert.ok(fix?.edit, 'a quick fix is offered');
    assert.ok(await vscode.workspace.applyEdit(fix.edit));
    await waitForDiagnostics(uri, (ds) => !ds.some((d) => codeOf(d) === 'non-eu-region'));
    assert.match(doc.getText(), /region = "eu-west-3"/);
    await vscode.commands.executeCommand('workbench.action.files.revert');
  });

  it('explains the finding on hover and offers a suppression', async () => {
    const folder = vscode.workspace.workspaceFolders![0]!;
    const uri = vscode.Uri.joinPath(folder.uri, 'main.tf');
    const doc = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(doc);
    const [region] = (await waitForDiagnostics(uri, (ds) => ds.some((d) => codeOf(d) === 'non-eu-region'))).filter(
      (d) => codeOf(d) === 'non-eu-region',
    );
    assert.ok(region);
    assert.match(String(typeof region.code === 'object' ? region.code.target : ''), /rules\/docs\/(fr\/)?non-eu-region\.md$/);
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, region.range.start);
    const text = hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : 'value' in c ? c.value : ''))).join('\n');
    assert.match(text, /19\.2\.b/);
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
      'vscode.executeCodeActionProvider',
      uri,
      region.range,
      vscode.CodeActionKind.QuickFix.value,
    );
    const suppress = actions.find((a) => a.command?.command === 'snclint.placeCursor');
    assert.ok(suppress?.edit);
    assert.ok(await vscode.workspace.applyEdit(suppress.edit));
    await vscode.commands.executeCommand(suppress.command!.command, ...(suppress.command!.arguments ?? []));
    const editor = vscode.window.activeTextEditor!;
    assert.equal(
      editor.document.lineAt(editor.selection.active.line).text.slice(0, editor.selection.active.character),
      '  # snclint:ignore non-eu-region -- ',
    );
    await vscode.commands.executeCommand('workbench.action.files.revert');
  });

  it('registers its commands', async () => {
    const commands = await vscode.commands.getCommands(true);
    for (const c of [
      'snclint.restartServer',
      'snclint.showOutput',
      'snclint.scanWorkspace',
      'snclint.showCoverage',
      'snclint.createConfig',
      'snclint.placeCursor',
    ]) {
      assert.ok(commands.includes(c), c);
    }
  });
});
