/** The language server and .snclint.yml: settings per document, diagnostics on the configuration, last good config kept. */
import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Diagnostic, PublishDiagnosticsParams } from 'vscode-languageserver-protocol';
import { LspClient, delay } from '../harness/lsp-client';

const ROOT = path.resolve(__dirname, '../..');
const SERVER = path.join(ROOT, 'server/out/server.js');
const TERRAFORM = 'provider "aws" {\n  region = "us-east-1"\n}\n\nresource "aws_ebs_volume" "v" {\n  size = 10\n}\n';

describe('language server and configuration files', function () {
  this.timeout(60000);
  let client: LspClient;
  let dir: string;
  let main: string;
  let config: string;

  /** The first diagnostics of `uri` published after `from` that satisfy `ok`. */
  async function next(
    uri: string,
    from: number,
    ok: (ds: readonly Diagnostic[]) => boolean = () => true,
  ): Promise<PublishDiagnosticsParams> {
    for (let waited = 0; waited < 10000; waited += 20) {
      const p = client.published.slice(from).find((x) => x.uri === uri && ok(x.diagnostics));
      if (p) return p;
      await delay(20);
    }
    throw new Error(`no matching diagnostics for ${uri}: ${JSON.stringify(client.published.slice(from).filter((x) => x.uri === uri))}`);
  }

  // Only the two rules these tests switch on and off: rules added later do not change what is checked.
  const codes = (p: PublishDiagnosticsParams) =>
    p.diagnostics
      .map((d) => String(d.code))
      .filter((c) => c === 'non-eu-region' || c === 'unencrypted-volume')
      .sort();

  before(async () => {
    if (!fs.existsSync(SERVER)) execFileSync(process.execPath, ['esbuild.mjs'], { cwd: ROOT });
    dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'snclint-lsp-config-')));
    fs.writeFileSync(path.join(dir, 'main.tf'), TERRAFORM);
    fs.writeFileSync(path.join(dir, '.snclint.yml'), 'rules:\n  unencrypted-volume: off\n');
    main = pathToFileURL(path.join(dir, 'main.tf')).href;
    config = pathToFileURL(path.join(dir, '.snclint.yml')).href;
    client = LspClient.start(SERVER);
    await client.initialize({
      textDocument: { publishDiagnostics: { versionSupport: true } },
      workspace: { didChangeWatchedFiles: { dynamicRegistration: true } },
    });
  });

  after(async () => {
    await client?.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('lints a document with the settings of the nearest configuration on disk', async () => {
    const from = client.published.length;
    await client.open(main, 'terraform', TERRAFORM);
    assert.deepEqual(codes(await next(main, from)), ['non-eu-region']);
  });

  it('reports the configuration in force to the status item', async () => {
    let last: { config: { kind: string; file?: string } } | undefined;
    for (let waited = 0; waited < 5000 && last?.config.kind !== 'file'; waited += 20) {
      await delay(20);
      last = client.statuses[client.statuses.length - 1] as typeof last;
    }
    assert.deepEqual(last?.config, { kind: 'file', file: path.join(dir, '.snclint.yml') });
  });

  it('shows configuration problems on the configuration file and keeps the last good configuration', async () => {
    let from = client.published.length;
    await client.open(config, 'yaml', 'rules:\n  unencrypted-volume: off\n');
    assert.deepEqual((await next(config, from)).diagnostics, []);
    from = client.published.length;
    await client.change(config, 'rules:\n  unencrypted-volume: of\n');
    const bad = await next(config, from, (ds) => ds.length > 0);
    assert.equal(bad.diagnostics.length, 1);
    const d = bad.diagnostics[0]!;
    assert.equal(d.code, 'config');
    assert.equal(d.source, 'snclint');
    assert.deepEqual(d.range, { start: { line: 1, character: 22 }, end: { line: 1, character: 24 } });
    assert.match(String(d.message), /"of" is not a valid level for rule unencrypted-volume/);
    assert.deepEqual(codes(await next(main, from)), ['non-eu-region'], 'the last good configuration stays in force');
    let status: { config: { kind: string; message?: string } } | undefined;
    for (let waited = 0; waited < 5000 && status?.config.kind !== 'error'; waited += 20) {
      await delay(20);
      status = client.statuses[client.statuses.length - 1] as typeof status;
    }
    assert.equal(status?.config.kind, 'error');
    assert.match(status?.config.message ?? '', /^2:23 "of" is not a valid level/);
  });

  it('re-lints open documents with the unsaved configuration as it changes', async () => {
    let from = client.published.length;
    await client.change(config, 'rules:\n  non-eu-region: off\n');
    assert.deepEqual(codes(await next(main, from, (ds) => ds.some((x) => x.code === 'unencrypted-volume'))), ['unencrypted-volume']);
    assert.deepEqual((await next(config, from)).diagnostics, []);
    from = client.published.length;
    await client.change(config, 'ignore: [main.tf]\n');
    assert.deepEqual((await next(main, from, (ds) => ds.length === 0)).diagnostics, [], 'an ignored file has no diagnostics');
  });

  it('goes back to the file on disk when the buffer is closed, and follows changes on disk', async () => {
    let from = client.published.length;
    await client.close(config);
    assert.deepEqual(codes(await next(main, from, (ds) => ds.some((x) => x.code === 'non-eu-region'))), ['non-eu-region']);
    fs.writeFileSync(path.join(dir, '.snclint.yml'), 'rules:\n  weak-tls: off\n');
    from = client.published.length;
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: config, type: 2 }] });
    assert.deepEqual(
      codes(await next(main, from, (ds) => ds.filter((x) => x.code === 'non-eu-region' || x.code === 'unencrypted-volume').length === 2)),
      ['non-eu-region', 'unencrypted-volume'],
    );
  });

  it('shows the problems of a configuration broken on disk while it is not open, and clears them once fixed', async () => {
    fs.writeFileSync(path.join(dir, '.snclint.yml'), 'rulez:\n  weak-tls: off\n');
    let from = client.published.length;
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: config, type: 2 }] });
    const bad = await next(config, from, (ds) => ds.length > 0);
    assert.match(String(bad.diagnostics[0]!.message), /Unknown key "rulez"/);
    assert.deepEqual(codes(await next(main, from)), ['non-eu-region', 'unencrypted-volume'], 'the last good configuration stays in force');
    fs.writeFileSync(path.join(dir, '.snclint.yml'), 'rules:\n  weak-tls: off\n');
    from = client.published.length;
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: config, type: 2 }] });
    assert.deepEqual((await next(config, from)).diagnostics, []);
  });
});
