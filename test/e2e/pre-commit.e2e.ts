/**
 * End-to-end: the pre-commit hook installed as pre-commit installs it (from a clone of this
 * repository's HEAD, where the bundles are not committed, so it builds at npm pack) and run by
 * Debian's `pre-commit try-repo` on staged files. Needs pre-commit and the npm registry.
 */
import { strict as assert } from 'node:assert';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const ROOT = resolve(__dirname, '../..');

function has(tool: string): boolean {
  return spawnSync(tool, ['--version'], { stdio: 'ignore' }).status === 0;
}

describe('pre-commit hook', function () {
  this.timeout(1200000);
  let dir = '';
  let hookRepo = '';
  let user = '';
  let rev = '';
  const git = (cwd: string, ...args: string[]) => execFileSync('git', args, { cwd, encoding: 'utf8' });
  const tryRepo = () => {
    const r = spawnSync('pre-commit', ['try-repo', hookRepo, 'snclint', '--ref', rev], {
      cwd: user,
      encoding: 'utf8',
      env: { ...process.env, PRE_COMMIT_HOME: join(dir, 'cache'), LANG: 'C.UTF-8', LC_ALL: '' },
      timeout: 1100000,
    });
    return { status: r.status, out: `${r.stdout}${r.stderr}` };
  };

  before(function () {
    if (!has('pre-commit')) {
      if (process.env.CI) throw new Error('pre-commit is not installed: .ci/run installs it');
      console.log('    skipped: pre-commit is not installed (apt-get install pre-commit; .ci/run installs it)');
      this.skip();
    }
    dir = mkdtempSync(join(tmpdir(), 'snclint-pre-commit-'));
    hookRepo = join(dir, 'hook');
    rev = git(ROOT, 'rev-parse', 'HEAD').trim();
    git(dir, 'clone', '--quiet', ROOT, hookRepo);
    git(hookRepo, 'checkout', '--quiet', rev);
    user = join(dir, 'user');
    mkdirSync(join(user, 'infra'), { recursive: true });
    git(user, 'init', '--quiet');
    git(user, 'config', 'user.email', 'ci@example.eu');
    git(user, 'config', 'user.name', 'CI');
    // Committed, not staged: read as the staged file's module, never reported.
    writeFileSync(
      join(user, 'infra/variables.tf'),
      'variable "region" {\n  default = "us-east-1"\n}\n\nresource "aws_ebs_volume" "old" {\n  size = 1\n}\n',
    );
    git(user, 'add', 'infra/variables.tf');
    git(user, 'commit', '--quiet', '-m', 'init');
  });
  after(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('fails on a staged file whose finding comes from its module, naming only that file', () => {
    writeFileSync(join(user, 'infra/main.tf'), 'provider "aws" {\n  region = var.region\n}\n');
    writeFileSync(join(user, 'README.md'), '# not linted\n');
    git(user, 'add', 'infra/main.tf', 'README.md');
    const r = tryRepo();
    assert.equal(r.status, 1, r.out);
    assert.match(r.out, /snclint \(SecNumCloud 3\.2\)\.+Failed/);
    assert.match(r.out, /^infra\/main\.tf$/m);
    assert.match(
      r.out,
      /^\s+2:12\s+error\s+provider "aws" uses region us-east-1 .*evaluated from var\.region/m,
      'the region comes from variables.tf, read for context',
    );
    assert.doesNotMatch(r.out, /infra\/variables\.tf|unencrypted-volume|README/, 'files not staged are context only');
  });

  it('passes once the staged file is fixed', () => {
    writeFileSync(join(user, 'infra/main.tf'), 'provider "aws" {\n  region = "eu-west-3"\n}\n');
    git(user, 'add', 'infra/main.tf');
    const r = tryRepo();
    assert.equal(r.status, 0, r.out);
    assert.match(r.out, /snclint \(SecNumCloud 3\.2\)\.+Passed/);
  });
});
