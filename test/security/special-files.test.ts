/** Only regular files are read: devices, FIFOs and oversized configuration files never hang or exhaust snclint. */
import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Temps, cli, ensureBuilt } from '../harness/cli';
import { LspClient } from '../harness/lsp-client';

const GIT = { '.git/HEAD': 'ref: refs/heads/main\n' };
const VOLUME = 'resource "aws_ebs_volume" "v" {\n  size = 10\n}\n';
const SERVER = path.resolve(__dirname, '../../server/out/server.js');

function mkfifo(p: string): void {
  execFileSync('mkfifo', [p]);
}

describe('security: special files', function () {
  this.timeout(60000);
  const temps = new Temps();
  before(ensureBuilt);
  after(() => temps.cleanup());

  it('skips a FIFO, a link to /dev/zero and a FIFO .gitignore at once, and lints the rest', () => {
    const repo = temps.make({ ...GIT, 'main.tf': VOLUME });
    mkfifo(path.join(repo, 'x.tf'));
    mkfifo(path.join(repo, '.gitignore'));
    fs.symlinkSync('/dev/zero', path.join(repo, 'zero.tf'));
    const r = cli(['--format', 'json', '.'], repo);
    assert.notEqual(r.status, null, 'the run ends');
    const json = JSON.parse(r.stdout) as { findings: { file: string }[]; errors: { file: string; kind: string }[] };
    assert.deepEqual(json.errors.map((e) => [e.file, e.kind]).sort(), [
      ['x.tf', 'skipped'],
      ['zero.tf', 'skipped'],
    ]);
    assert.ok(json.findings.some((f) => f.file === 'main.tf'));
  });

  it('refuses a FIFO or a device named on the command line without opening it', () => {
    const repo = temps.make({ ...GIT });
    mkfifo(path.join(repo, 'pipe.tf'));
    const r = cli(['--format', 'json', 'pipe.tf'], repo);
    const json = JSON.parse(r.stdout) as { errors: { kind: string; message: string }[] };
    assert.deepEqual(
      json.errors.map((e) => e.kind),
      ['skipped'],
    );
    assert.match(json.errors[0]!.message, /named pipe/);
  });

  it('reports a configuration file that is a device, a FIFO or too large, in the configuration itself', () => {
    const zero = temps.make({ ...GIT, 'main.tf': VOLUME });
    fs.symlinkSync('/dev/zero', path.join(zero, '.snclint.yml'));
    const a = cli(['.'], zero);
    assert.equal(a.status, 2);
    assert.match(a.stderr, /\.snclint\.yml:1:1: .*not read/);
    const fifo = temps.make({ ...GIT, 'main.tf': VOLUME });
    mkfifo(path.join(fifo, '.snclint.yml'));
    const b = cli(['.'], fifo);
    assert.equal(b.status, 2);
    assert.match(b.stderr, /named pipe/);
    const big = temps.make({ ...GIT, 'main.tf': VOLUME, '.snclint.yml': `# ${'x'.repeat(300 * 1024)}\n` });
    const c = cli(['.'], big);
    assert.equal(c.status, 2);
    assert.match(c.stderr, /larger than the 256 KB limit/);
  });

  it('the language server answers for a module whose sibling is a FIFO', async () => {
    const repo = temps.make({ ...GIT, 'main.tf': VOLUME });
    mkfifo(path.join(repo, 'other.tf'));
    const client = LspClient.start(SERVER);
    try {
      await client.initialize(
        { textDocument: { publishDiagnostics: { versionSupport: true } } },
        { workspaceFolders: [{ uri: pathToFileURL(repo).href, name: 'repo' }] },
      );
      const uri = pathToFileURL(path.join(repo, 'main.tf')).href;
      await client.open(uri, 'terraform', VOLUME);
      const d = await client.diagnostics(uri, 1, 10000);
      assert.ok(d.diagnostics.some((x) => x.code === 'unencrypted-volume'));
    } finally {
      await client.stop();
    }
  });
});
