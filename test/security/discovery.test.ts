/** Configuration is found in the repository only: a .snclint.yml above its root never applies to it. */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Temps, cli, ensureBuilt } from '../harness/cli';
import { LspClient } from '../harness/lsp-client';

const VOLUME = 'resource "aws_ebs_volume" "v" {\n  size = 10\n}\n';
const SERVER = path.resolve(__dirname, '../../server/out/server.js');
const OFF = 'rules: { unencrypted-volume: off }\n';

function ruleIds(stdout: string): string[] {
  return (JSON.parse(stdout) as { findings: { ruleId: string }[] }).findings.map((f) => f.ruleId);
}

describe('security: configuration discovery', function () {
  this.timeout(60000);
  const temps = new Temps();
  before(ensureBuilt);
  after(() => temps.cleanup());

  it('stops at the repository root: a configuration above it is not read', () => {
    const dir = temps.make({ '.snclint.yml': OFF, 'repo/.git/HEAD': 'x\n', 'repo/infra/main.tf': VOLUME });
    const repo = path.join(dir, 'repo');
    assert.ok(ruleIds(cli(['--format', 'json', 'infra'], repo).stdout).includes('unencrypted-volume'));
    fs.writeFileSync(path.join(repo, '.snclint.yml'), OFF);
    assert.ok(
      !ruleIds(cli(['--format', 'json', 'infra'], repo).stdout).includes('unencrypted-volume'),
      'the repository root itself is searched',
    );
  });

  it('a .git file (worktree, submodule) marks a root too', () => {
    const dir = temps.make({ '.snclint.yml': OFF, 'sub/.git': 'gitdir: ../.git/modules/sub\n', 'sub/main.tf': VOLUME });
    assert.ok(ruleIds(cli(['--format', 'json', '.'], path.join(dir, 'sub')).stdout).includes('unencrypted-volume'));
  });

  it('outside a repository, stops at the path named', () => {
    const dir = temps.make({ '.snclint.yml': OFF, 'work/main.tf': VOLUME });
    assert.ok(ruleIds(cli(['--format', 'json', 'work'], dir).stdout).includes('unencrypted-volume'));
    assert.ok(!ruleIds(cli(['--format', 'json', '.'], dir).stdout).includes('unencrypted-volume'));
  });

  it('the editor stops at the repository root too', async () => {
    const dir = temps.make({ '.snclint.yml': OFF, 'repo/.git/HEAD': 'x\n' });
    const repo = path.join(dir, 'repo');
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
