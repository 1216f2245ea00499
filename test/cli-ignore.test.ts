/** Paths named on the command line that an ignore rule hides are reported, `--no-ignore` lints them, and an empty run fails. */
import { strict as assert } from 'node:assert';
import { Temps, cli, ensureBuilt } from './harness/cli';
import type { JsonReport } from '../server/src/output/json';

const VOLUME = 'resource "aws_ebs_volume" "v" {\n  size = 10\n}\n';

function linted(stdout: string): string[] {
  return [...new Set((JSON.parse(stdout) as JsonReport).findings.filter((f) => f.ruleId === 'unencrypted-volume').map((f) => f.file))];
}

describe('cli ignored paths', function () {
  this.timeout(60000);
  const temps = new Temps();
  before(ensureBuilt);
  after(() => temps.cleanup());
  const repo = () =>
    temps.make({
      '.git/HEAD': 'ref: refs/heads/main\n',
      '.gitignore': '# generated\nbuild/\n',
      'infra/.gitignore': '*.local.tf\n!keep.local.tf\n',
      '.snclint.yml': 'ignore: ["vendor/**"]\n',
      'build/main.tf': VOLUME,
      'infra/main.tf': VOLUME,
      'infra/x.local.tf': VOLUME,
      'infra/keep.local.tf': VOLUME,
      'vendor/main.tf': VOLUME,
      'empty/README.md': '# nothing to lint\n',
    });

  it('a folder .gitignore hides gives a warning naming the file and pattern, then exit 2 as nothing was linted', () => {
    const r = cli(['build'], repo());
    assert.match(r.stderr, /warning: build is ignored by \.gitignore, skipped \(pattern 'build\/' in \.gitignore; --no-ignore lints it\)/);
    assert.match(r.stderr, /no Terraform, YAML or JSON file to lint in build/);
    assert.equal(r.status, 2);
  });

  it('a file a nested .gitignore hides is skipped with a warning naming that .gitignore; a file it unignores is linted', () => {
    const dir = repo();
    const r = cli(['--format', 'json', 'infra/x.local.tf', 'infra/keep.local.tf'], dir);
    assert.match(r.stderr, /infra\/x\.local\.tf is ignored by \.gitignore, skipped \(pattern '\*\.local\.tf' in infra\/\.gitignore;/);
    assert.deepEqual(linted(r.stdout), ['infra/keep.local.tf']);
  });

  it('a file named alone that is ignored gives a warning and exit 0: a hook passing staged files does not fail on it', () => {
    const r = cli(['build/main.tf'], repo());
    assert.match(r.stderr, /build\/main\.tf is ignored by \.gitignore/);
    assert.equal(r.status, 0);
    assert.equal(r.stdout, '');
  });

  it('a folder the configuration ignores names the configuration file and glob', () => {
    const r = cli(['vendor'], repo());
    assert.match(
      r.stderr,
      /vendor is ignored by the configuration, skipped \(pattern 'vendor\/\*\*' in \.snclint\.yml; --no-ignore lints it\)/,
    );
    assert.equal(r.status, 2);
  });

  it('--no-ignore lints what .gitignore and the configuration hide', () => {
    const dir = repo();
    const r = cli(['--no-ignore', '--format', 'json', 'build', 'vendor', 'infra/x.local.tf'], dir);
    assert.equal(r.stderr, '');
    assert.deepEqual(linted(r.stdout).sort(), ['build/main.tf', 'infra/x.local.tf', 'vendor/main.tf']);
    assert.deepEqual(linted(cli(['--no-ignore', '--format', 'json', '.'], dir).stdout).sort(), [
      'build/main.tf',
      'infra/keep.local.tf',
      'infra/main.tf',
      'infra/x.local.tf',
      'vendor/main.tf',
    ]);
  });

  it('a walk of the repository still skips ignored files in silence', () => {
    const r = cli(['--format', 'json', '.'], repo());
    assert.equal(r.stderr, '');
    assert.deepEqual(linted(r.stdout).sort(), ['infra/keep.local.tf', 'infra/main.tf']);
  });

  it('a run that finds no file to lint says so and exits 2', () => {
    const r = cli(['empty'], repo());
    assert.equal(r.status, 2);
    assert.match(r.stderr, /no Terraform, YAML or JSON file to lint in empty/);
  });

  it('control characters of a hostile pattern never reach the terminal', () => {
    const dir = temps.make({ '.git/HEAD': 'x\n', '.gitignore': 'ev\u001b*\n', 'ev\u001bil.tf': VOLUME });
    const r = cli(['ev\u001bil.tf'], dir);
    assert.doesNotMatch(r.stderr, /\u001b/);
    assert.match(r.stderr, /ev\\u001bil\.tf is ignored by \.gitignore, skipped \(pattern 'ev\\u001b\*'/);
  });
  it('applies .gitignore to a file named in a folder whose name starts with two dots, and reports it relative', () => {
    const dir = temps.make({
      '.git/HEAD': 'ref: refs/heads/main\n',
      '.gitignore': '*.local.tf\n',
      '..cache/x.local.tf': VOLUME,
      '..cache/main.tf': VOLUME,
    });
    const r = cli(['--format', 'json', '..cache/x.local.tf', '..cache/main.tf'], dir);
    assert.match(r.stderr, /\.\.cache\/x\.local\.tf is ignored by \.gitignore, skipped \(pattern '\*\.local\.tf' in \.gitignore;/);
    assert.deepEqual(linted(r.stdout), ['..cache/main.tf']);
  });
});
