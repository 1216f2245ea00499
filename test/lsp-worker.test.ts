import { strict as assert } from 'node:assert';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { DiagnosticSeverity, type MarkupContent } from 'vscode-languageserver-protocol';
import { SourceFile } from '../server/src/engine/source';
import type { Finding, Severity } from '../server/src/engine/types';
import { findingDiagnostic, syntaxDiagnostic } from '../server/src/lsp/diagnostics';
import { LspClient, SERVER, delay, ensureBuilt } from './harness/lsp-client';
import { manyVolumes } from './harness/fixtures';

const capabilities = {
  textDocument: {
    publishDiagnostics: { relatedInformation: true, versionSupport: true },
    codeAction: { dynamicRegistration: false },
    hover: {},
  },
  workspace: { workspaceEdit: { documentChanges: true } },
};

const SMALL = 'provider "aws" {\n  region = "us-east-1"\n}\n';

describe('language server: linting off the main thread', function () {
  this.timeout(120000);
  let client: LspClient;
  let dir: string;

  before(async () => {
    ensureBuilt();
    dir = mkdtempSync(join(tmpdir(), 'snclint-lsp-worker-'));
    client = LspClient.start(SERVER);
    await client.initialize(capabilities);
  });

  after(async () => {
    await client?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it("gives diagnostics the protocol's severities, and its worker bundle does without the language server library, so it starts sooner", () => {
    const file = new SourceFile('main.tf', 'x = 1\n', 'terraform');
    const finding = (severity: Severity): Finding => ({
      ruleId: 'r',
      severity,
      file,
      range: { start: 0, end: 1 },
      message: 'm',
      requirements: [],
      fixes: [],
      related: [],
    });
    const options = { relatedInformation: false, locale: 'en' as const, docUri: () => undefined };
    assert.deepEqual(
      (['error', 'warning', 'info'] as const).map((s) => findingDiagnostic(file, 'file:///main.tf', finding(s), 0, options).severity),
      [DiagnosticSeverity.Error, DiagnosticSeverity.Warning, DiagnosticSeverity.Information],
    );
    assert.equal(syntaxDiagnostic(file, { file: 'main.tf', kind: 'syntax', message: 'm' }).severity, DiagnosticSeverity.Error);
    const worker = readFileSync(join(dirname(SERVER), 'lint-worker.js'), 'utf8');
    assert.ok(worker.length > 100_000 && !worker.includes('createConnection'));
  });

  it('answers a hover and code actions on a small file while a big file is being linted', async () => {
    const small = pathToFileURL(join(dir, 'small', 'main.tf')).href;
    const big = pathToFileURL(join(dir, 'big', 'main.tf')).href;
    await client.open(small, 'terraform', SMALL);
    const diagnostics = (await client.diagnostics(small, 1)).diagnostics.filter((d) => d.code === 'non-eu-region');
    assert.equal(diagnostics.length, 1);
    // Let the worker start: the first lints of a new server may run on the main thread.
    await delay(500);
    await client.open(big, 'terraform', manyVolumes(3000));
    const bigDone = client.diagnostics(big, 1, 110000);
    const hover = await client.hover(small, 1, 13);
    const actions = await client.codeActions(small, diagnostics[0]!.range, diagnostics);
    const answeredBefore = !client.published.some((p) => p.uri === big);
    const bigDiagnostics = (await bigDone).diagnostics;
    assert.ok(answeredBefore, 'the hover and code actions were answered before the big file had its diagnostics');
    assert.match((hover!.contents as MarkupContent).value, /non-eu-region|region/i);
    assert.ok(actions.length > 0);
    assert.ok(bigDiagnostics.length >= 3000);
  });

  it('keeps a big file opened while the worker starts for the worker, and answers requests meanwhile', async () => {
    // A new server: its worker is still loading when the files below are opened.
    const small = pathToFileURL(join(dir, 'early-small', 'main.tf')).href;
    const big = pathToFileURL(join(dir, 'early-big', 'main.tf')).href;
    const text = manyVolumes(3000);
    const fresh = LspClient.start(SERVER);
    try {
      await fresh.initialize(capabilities);
      await fresh.open(big, 'terraform', text);
      await fresh.open(small, 'terraform', SMALL);
      const bigDone = fresh.diagnostics(big, 1, 110000);
      const hover = await fresh.hover(small, 1, 13);
      const answeredBefore = !fresh.published.some((p) => p.uri === big);
      const bigDiagnostics = (await bigDone).diagnostics;
      assert.ok(answeredBefore, 'the hover was answered before the big file had its diagnostics');
      assert.match((hover!.contents as MarkupContent).value, /non-eu-region|region/i);
      assert.ok(bigDiagnostics.length >= 3000);
      assert.ok(!fresh.logs.some((m) => /Linting on the main thread/.test(m)), fresh.logs.join('\n'));
    } finally {
      await fresh.stop();
    }
  });

  it('never publishes a version after a later version of the same document', async () => {
    const uri = pathToFileURL(join(dir, 'edited', 'main.tf')).href;
    const text = manyVolumes(300);
    await client.open(uri, 'terraform', text);
    await client.diagnostics(uri, 1, 60000);
    // Changes arrive while earlier versions are being linted.
    let last = 1;
    for (let i = 0; i < 12; i++) {
      last = await client.change(uri, i % 2 ? text : text.replace('us-east-1a', 'eu-west-3a'));
      await delay(15 + (i % 3) * 20);
    }
    const final = await client.diagnostics(uri, last, 60000);
    // Bursts of keystrokes: the last change of each has its diagnostics, whichever lint was in flight.
    for (let b = 0; b < 8; b++) {
      for (let k = 0; k < 5; k++) {
        if (k) await delay(10);
        last = await client.change(uri, (b + k) % 2 ? text : text.replace('us-east-1a', 'eu-west-3a'));
      }
      await client.diagnostics(uri, last, 60000);
    }
    await delay(1000);
    const versions = client.published.filter((p) => p.uri === uri).map((p) => p.version!);
    assert.deepEqual(
      versions,
      [...versions].sort((a, b) => a - b),
      `published in order: ${versions.join(', ')}`,
    );
    assert.equal(new Set(versions).size, versions.length, `each version once: ${versions.join(', ')}`);
    assert.equal(versions.at(-1), last);
    assert.ok(versions.length < last, `a burst gives fewer lints than changes: ${versions.join(', ')}`);
    assert.ok(final.diagnostics.length > 0);
  });

  it('reads a sibling again when the watcher says it changed on disk', async () => {
    const folder = join(dir, 'module');
    const variables = join(folder, 'variables.tf');
    const main = pathToFileURL(join(folder, 'main.tf')).href;
    mkdirSync(folder, { recursive: true });
    writeFileSync(variables, 'variable "region" {\n  default = "eu-west-3"\n}\n');
    await client.open(main, 'terraform', 'provider "aws" {\n  region = var.region\n}\n');
    assert.deepEqual(
      (await client.diagnostics(main, 1)).diagnostics.filter((d) => d.code === 'non-eu-region'),
      [],
    );
    // The same size and modification time: only the watcher's word tells the file changed.
    const before = statSync(variables);
    writeFileSync(variables, 'variable "region" {\n  default = "us-east-1"\n}\n');
    utimesSync(variables, before.atime, before.mtime);
    await client.filesChanged([{ uri: pathToFileURL(variables).href, type: 2 }]);
    const after = await client.latest(main, (p) => p.diagnostics.some((d) => d.code === 'non-eu-region'), 20000);
    assert.equal(after.version, 1);
  });
});
