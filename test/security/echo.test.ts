/** Nothing long from a file is echoed: syntax errors quote a short prefix at most, never a token that looks secret. */
import { strict as assert } from 'node:assert';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Temps, cli, ensureBuilt } from '../harness/cli';
import { LspClient } from '../harness/lsp-client';
import { looksSecret, quoteToken } from '../../server/src/engine/echo';

const TOKEN = 'ghp_Q8w3ZrT5yU7iO9pA1sD2fG4hJ6kL8zX0cV3b';
const RANDOM = 'k3J9x0Qp7LmZ2vB8nW4tY6rE1uI5oA0s';
const FORMATS = ['stylish', 'json', 'sarif', 'junit', 'github', 'gitlab'];
const SERVER = path.resolve(__dirname, '../../server/out/server.js');

describe('security: no secret echoed from a file', function () {
  this.timeout(60000);
  const temps = new Temps();
  before(ensureBuilt);
  after(() => temps.cleanup());

  it('tells tokens that look secret from names, and cuts long ones', () => {
    for (const s of [TOKEN, RANDOM, 'AKIAIOSFODNN7EXAMPLE', 'xoxb-123456789012-abcdefABCDEF']) assert.ok(looksSecret(s), s);
    for (const s of ['aws_security_group_rule', 'azurerm_kubernetes_cluster_node_pool', 'resource', 'eu-west-3'])
      assert.ok(!looksSecret(s), s);
    assert.equal(quoteToken('resource'), '"resource"');
    assert.equal(quoteToken(TOKEN), 'a 40-character token (not shown)');
    assert.match(quoteToken('a'.repeat(100)), /^"a{16}…" \(100 characters\)$/);
  });

  it('a token pasted into a .tf is never printed, in any format', () => {
    const dir = temps.make({ '.git/HEAD': 'x\n', 'main.tf': `provider "aws" {\n  region = "eu-west-3"\n}\n${TOKEN}\n${RANDOM} = 1 2\n` });
    for (const format of FORMATS) {
      const r = cli(['--format', format, '.'], dir);
      assert.equal(r.status, 1);
      const out = r.stdout + r.stderr;
      assert.ok(!out.includes(TOKEN.slice(4, 20)) && !out.includes(RANDOM.slice(0, 16)), `${format}: ${out}`);
    }
    const json = JSON.parse(cli(['--format', 'json', '.'], dir).stdout) as { errors: { message: string }[] };
    assert.ok(
      json.errors.some((e) => /token \(not shown\)/.test(e.message)),
      JSON.stringify(json.errors),
    );
  });

  it('nor a token written as a configuration key', () => {
    const dir = temps.make({ '.git/HEAD': 'x\n', '.snclint.yml': `${TOKEN}: 1\n`, 'main.tf': '\n' });
    const r = cli(['.'], dir);
    assert.equal(r.status, 2);
    assert.ok(!r.stderr.includes(TOKEN.slice(4, 20)), r.stderr);
    assert.match(r.stderr, /Unknown key a 40-character token \(not shown\)/);
  });

  it('nor in the editor', async () => {
    const dir = temps.make({ '.git/HEAD': 'x\n' });
    const client = LspClient.start(SERVER);
    try {
      await client.initialize({ textDocument: { publishDiagnostics: { versionSupport: true } } });
      const uri = pathToFileURL(path.join(dir, 'main.tf')).href;
      await client.open(uri, 'terraform', `${TOKEN}\n`);
      const d = await client.diagnostics(uri, 1, 10000);
      assert.ok(d.diagnostics.length > 0);
      assert.ok(
        d.diagnostics.every((x) => !JSON.stringify(x.message).includes(TOKEN.slice(4, 20))),
        JSON.stringify(d.diagnostics),
      );
    } finally {
      await client.stop();
    }
  });
});
