/** The real server bundle keeps answering after every fuzz crasher, and a skipped file is said so. */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import { join, resolve } from 'node:path';
import { LspClient, ensureBuilt } from './harness/lsp-client';

const ROOT = resolve(__dirname, '..');
const SERVER = join(ROOT, 'server/out/server.js');
const FIXTURES = join(ROOT, 'test/fixtures/fuzz');
const LANGUAGE: Readonly<Record<string, string>> = { '.tf': 'terraform', '.json': 'json', '.yaml': 'yaml' };
const TERRAFORM = 'provider "aws" {\n  region = "us-east-1"\n}\n';

describe('language server under fuzz crashers', () => {
  let client: LspClient;

  before(async function () {
    this.timeout(60000);
    ensureBuilt();
    client = LspClient.start(SERVER);
    await client.initialize({ textDocument: { publishDiagnostics: { versionSupport: true } } });
  });

  after(async () => {
    await client?.stop();
  });

  it('answers every crasher with diagnostics, then still lints a normal file', async () => {
    const names = fs.readdirSync(FIXTURES).filter((n) => LANGUAGE[n.slice(n.lastIndexOf('.'))]);
    assert.ok(names.length >= 5);
    for (const name of names) {
      // Not under a real folder: the server reads no sibling files.
      const uri = `file:///snclint-fuzz-test/${name}`;
      await client.open(uri, LANGUAGE[name.slice(name.lastIndexOf('.'))]!, fs.readFileSync(join(FIXTURES, name), 'utf8'));
      const p = await client.diagnostics(uri, 1, 15000);
      assert.deepEqual(
        p.diagnostics.filter((d) => d.code === 'internal'),
        [],
        name,
      );
      assert.ok(client.alive, `server exited on ${name}: ${client.errorOutput}`);
      await client.close(uri);
    }
    const uri = 'file:///snclint-fuzz-test/main.tf';
    await client.open(uri, 'terraform', TERRAFORM);
    const p = await client.diagnostics(uri, 1);
    assert.deepEqual(
      p.diagnostics.map((d) => d.code),
      ['non-eu-region'],
    );
  });

  it('says a binary file was not checked', async () => {
    const uri = 'file:///snclint-fuzz-test/blob.tf';
    await client.open(uri, 'terraform', `${TERRAFORM}\u0000`);
    const p = await client.diagnostics(uri, 1);
    assert.equal(p.diagnostics.length, 1);
    assert.match(String(p.diagnostics[0]!.message), /File holds NUL bytes: it looks binary and was not checked/);
  });
});
