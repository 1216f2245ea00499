/** End-to-end: the npm tarball installed globally into an empty prefix, offline, and run as `snclint` and through npx. */
import { strict as assert } from 'node:assert';
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const ROOT = resolve(__dirname, '../..');
const VOLUME = 'resource "aws_ebs_volume" "v" {\n  size = 10\n}\n';

function sh(cmd: string, args: readonly string[], cwd: string, env: NodeJS.ProcessEnv = process.env): SpawnSyncReturns<string> {
  return spawnSync(cmd, args, { cwd, env, encoding: 'utf8', timeout: 300000 });
}

describe('npm package installed from its tarball', function () {
  this.timeout(600000);
  let dir = '';
  let tarball = '';
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'snclint-pkg-'));
    const packed = sh('npm', ['pack', '--silent', '--pack-destination', dir], ROOT);
    assert.equal(packed.status, 0, packed.stderr);
    tarball = join(dir, readdirSync(dir).find((f) => f.endsWith('.tgz'))!);
    writeFileSync(join(dir, 'main.tf'), VOLUME);
  });
  after(() => {
    // The tests after this one run the development build that packing replaced.
    sh(process.execPath, ['esbuild.mjs'], ROOT);
    rmSync(dir, { recursive: true, force: true });
  });

  it('npm install -g into an empty prefix works offline and gives snclint and snclint-language-server', () => {
    const prefix = join(dir, 'prefix');
    const env = { ...process.env, npm_config_cache: join(dir, 'cache') };
    const installed = sh('npm', ['install', '--global', '--offline', '--no-audit', '--no-fund', '--prefix', prefix, tarball], dir, env);
    assert.equal(installed.status, 0, installed.stderr);
    assert.doesNotMatch(installed.stderr, /install-scripts/, 'no install script to allow');
    assert.deepEqual(readdirSync(join(prefix, 'bin')).sort(), ['snclint', 'snclint-language-server']);
    const version = sh(join(prefix, 'bin/snclint'), ['--version'], dir);
    assert.equal(version.status, 0, version.stderr);
    assert.match(version.stdout, /^\d+\.\d+\.\d+\n$/);
    const run = sh(join(prefix, 'bin/snclint'), ['--format', 'json', 'main.tf'], dir);
    assert.equal(run.status, 1, run.stderr);
    assert.ok((JSON.parse(run.stdout) as { findings: { ruleId: string }[] }).findings.some((f) => f.ruleId === 'unencrypted-volume'));
    assert.deepEqual(readdirSync(join(prefix, 'lib/node_modules')), ['snclint'], 'no dependency installed beside it');
  });

  it('npx runs it from the tarball offline', () => {
    const env = { ...process.env, npm_config_cache: join(dir, 'npx-cache') };
    const r = sh('npx', ['--yes', '--offline', '--package', tarball, 'snclint', '--version'], dir, env);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /^\d+\.\d+\.\d+\n$/);
  });
});
