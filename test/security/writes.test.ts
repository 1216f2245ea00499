/**
 * Writes against hostile repositories: `--fix`, reports, baselines and `--init` write only regular files
 * inside the project, never through a planted link, atomically, keeping bytes, mode and owner, and
 * report every file they could not write. Run against the built CLI, in temporary repositories.
 */
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { RULES } from '../../rules';
import { fixFiles } from '../../server/src/cli/fix';
import { lint } from '../../server/src/lint/linter';
import { SourceFile } from '../../server/src/engine/source';
import type { LintResult } from '../../server/src/engine/types';
import { Project } from '../../server/src/workspace/confine';
import { CLI, Temps, childEnv, cli, ensureBuilt, type Run } from '../harness/cli';

/** A file whose only safe fix removes an unused suppression (a change that cannot alter infrastructure). */
const FIXABLE = '# snclint:ignore weak-tls -- not here\nprovider "aws" {\n  region = "eu-west-3"\n}\n';
const FIXED = 'provider "aws" {\n  region = "eu-west-3"\n}\n';
/** A `.git` folder makes the temporary folder a repository root, hence the project. */
const GIT = { '.git/HEAD': 'ref: refs/heads/main\n' };

const IS_ROOT = typeof process.getuid === 'function' && process.getuid() === 0;
/** `nobody`: as root, permissions are not enforced, so read-only cases run the CLI as this user. */
const NOBODY = 65534;

/** Runs the CLI as an unprivileged user: the test's own, or `nobody` when the tests run as root. */
function cliUnprivileged(args: readonly string[], cwd: string): Run {
  const r = spawnSync(process.execPath, [CLI, ...args], {
    cwd,
    env: childEnv(),
    encoding: 'utf8',
    timeout: 30000,
    ...(IS_ROOT ? { uid: NOBODY, gid: NOBODY } : {}),
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Gives a folder and everything in it to `nobody` when running as root, so that mode bits bind. */
function giveAway(dir: string): void {
  if (!IS_ROOT) return;
  const walk = (p: string): void => {
    fs.lchownSync(p, NOBODY, NOBODY);
    if (fs.lstatSync(p).isDirectory()) for (const e of fs.readdirSync(p)) walk(path.join(p, e));
  };
  walk(dir);
}

/** The temporary files a write may have left behind. */
function leftovers(dir: string): string[] {
  return fs.readdirSync(dir).filter((n) => n.includes('snclint-tmp'));
}

describe('security: writes', function () {
  this.timeout(60000);
  const temps = new Temps();
  const readOnly: string[] = [];
  before(ensureBuilt);
  afterEach(() => {
    for (const p of readOnly.splice(0)) fs.chmodSync(p, fs.statSync(p).isDirectory() ? 0o755 : 0o644);
  });
  after(() => temps.cleanup());
  const read = (dir: string, name: string) => fs.readFileSync(path.join(dir, name), 'utf8');

  describe('--fix', () => {
    it('never writes through a symbolic link or a hard link to a file outside the project', () => {
      const outside = temps.make({ 'x.tf': FIXABLE, 'y.tf': FIXABLE, 'z.tf': FIXABLE });
      const repo = temps.make({ ...GIT, 'main.tf': FIXABLE });
      fs.symlinkSync(path.join(outside, 'x.tf'), path.join(repo, 'link.tf'));
      fs.symlinkSync(path.join(outside, 'y.tf'), path.join(repo, 'named.tf'));
      fs.linkSync(path.join(outside, 'z.tf'), path.join(repo, 'hard.tf'));
      fs.symlinkSync('main.tf', path.join(repo, 'second-name.tf'));
      const r = cli(['--fix', '--format', 'json', '.'], repo);
      assert.equal(read(outside, 'x.tf'), FIXABLE, 'the target of the link is untouched');
      assert.equal(read(outside, 'z.tf'), FIXABLE, 'the file sharing the hard-linked content is untouched');
      assert.equal(read(repo, 'hard.tf'), FIXED, 'the name inside the project is fixed, as a file of its own');
      assert.equal(read(repo, 'main.tf'), FIXED, 'the other files are fixed');
      assert.ok(fs.lstatSync(path.join(repo, 'link.tf')).isSymbolicLink());
      // A link inside the project is fixed once, through its real path, and stays a link.
      assert.ok(fs.lstatSync(path.join(repo, 'second-name.tf')).isSymbolicLink());
      assert.doesNotMatch(r.stderr, /second-name\.tf|main\.tf/);
      const findings = (JSON.parse(r.stdout) as { findings: { file: string; ruleId: string }[] }).findings;
      assert.deepEqual(
        findings.filter((f) => f.ruleId === 'invalid-suppression' && !/^(link|named)\.tf$/.test(f.file)).map((f) => f.file),
        [],
      );
      // Walking, the link is either refused unread (a skipped file) or read and left unfixed with a warning.
      const skipped = (JSON.parse(r.stdout) as { errors: { file: string }[] }).errors.some((e) => e.file === 'link.tf');
      assert.ok(
        skipped || /^snclint: warning: link\.tf: a symbolic link to .*x\.tf, outside the project \(.*\): not fixed$/m.test(r.stderr),
        r.stderr,
      );

      // Named on the command line, the link is read (the user named it) but still never written through.
      const n = cli(['--fix', 'named.tf'], repo);
      assert.equal(read(outside, 'y.tf'), FIXABLE);
      assert.match(n.stderr, /^snclint: warning: named\.tf: a symbolic link to .*y\.tf, outside the project \(.*\): not fixed$/m);
    });

    it('never writes a variables file the configuration names outside the project, nor a file of a folder linked outside it', () => {
      const outside = temps.make({ 'x.tfvars': '# snclint:ignore weak-tls -- not here\nregion = "eu-west-3"\n', 'sys/s.tf': FIXABLE });
      const repo = temps.make({
        ...GIT,
        '.snclint.yml': `terraform:\n  varFiles: [${JSON.stringify(path.join(outside, 'x.tfvars'))}]\n`,
        'main.tf': 'variable "region" {}\n\nprovider "aws" {\n  region = var.region\n}\n',
      });
      fs.symlinkSync(path.join(outside, 'sys'), path.join(repo, 'mod'));
      cli(['--fix', '.'], repo);
      assert.equal(read(outside, 'x.tfvars'), '# snclint:ignore weak-tls -- not here\nregion = "eu-west-3"\n');
      assert.equal(read(outside, 'sys/s.tf'), FIXABLE);
    });

    it('keeps a UTF-8 byte-order mark', () => {
      const dir = temps.make({ ...GIT });
      fs.writeFileSync(path.join(dir, 'bom.tf'), `\ufeff${FIXABLE}`);
      assert.equal(cli(['--fix', '.'], dir).status, 0);
      const bytes = fs.readFileSync(path.join(dir, 'bom.tf'));
      assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf]);
      assert.equal(bytes.subarray(3).toString('utf8'), FIXED);
    });

    it('never rewrites a file that is not valid UTF-8, and says so', () => {
      const dir = temps.make({ ...GIT, 'ok.tf': FIXABLE });
      const latin1 = Buffer.concat([Buffer.from('# caf'), Buffer.from([0xe9]), Buffer.from(`\n${FIXABLE}`)]);
      fs.writeFileSync(path.join(dir, 'latin.tf'), latin1);
      const r = cli(['--fix', '.'], dir);
      assert.ok(fs.readFileSync(path.join(dir, 'latin.tf')).equals(latin1), 'the bytes are kept');
      assert.match(r.stderr, /^snclint: warning: latin\.tf: not valid UTF-8: linted as decoded, not fixed$/m);
      assert.equal(read(dir, 'ok.tf'), FIXED);
    });

    it('replaces a file atomically, keeping its mode and, as root, its owner', () => {
      const dir = temps.make({ ...GIT, 'main.tf': FIXABLE });
      const file = path.join(dir, 'main.tf');
      fs.chmodSync(file, 0o640);
      if (IS_ROOT) fs.chownSync(file, NOBODY, NOBODY);
      const before = fs.statSync(file);
      assert.equal(cli(['--fix', '.'], dir).status, 0);
      const after = fs.statSync(file);
      assert.equal(read(dir, 'main.tf'), FIXED);
      assert.notEqual(after.ino, before.ino, 'a new file renamed over the old one, not the old one rewritten in place');
      assert.equal(after.mode & 0o7777, 0o640);
      assert.deepEqual([after.uid, after.gid], [before.uid, before.gid]);
      assert.deepEqual(leftovers(dir), []);
    });

    it('reports each file a read-only file or folder keeps from being written, writes the others, and exits 2', () => {
      const dir = temps.make({ ...GIT, 'a.tf': FIXABLE, 'locked.tf': FIXABLE, 'ro/b.tf': FIXABLE });
      fs.chmodSync(dir, 0o755);
      giveAway(dir);
      fs.chmodSync(path.join(dir, 'locked.tf'), 0o444);
      fs.chmodSync(path.join(dir, 'ro'), 0o555);
      readOnly.push(path.join(dir, 'locked.tf'), path.join(dir, 'ro'));
      const r = cliUnprivileged(['--fix', '.'], dir);
      assert.equal(r.status, 2, r.stderr);
      assert.equal(read(dir, 'a.tf'), FIXED);
      assert.equal(read(dir, 'locked.tf'), FIXABLE);
      assert.equal(read(dir, 'ro/b.tf'), FIXABLE);
      assert.match(r.stderr, /^snclint: locked\.tf: it is not writable \(permission denied\); it is left unchanged$/m);
      assert.match(r.stderr, /^snclint: ro\/b\.tf: cannot write in its folder \(permission denied\); it is left unchanged$/m);
      assert.match(r.stderr, /^snclint: --fix fixed a\.tf; left unchanged after a failed write: locked\.tf, ro\/b\.tf$/m);
      assert.match(r.stdout, /locked\.tf[\s\S]*invalid-suppression/, 'the report describes the files as they are on disk');
      assert.deepEqual([...leftovers(dir), ...leftovers(path.join(dir, 'ro'))], []);
    });

    it('leaves a file whole when its write fails half-way, and removes the temporary file', () => {
      // Past the first kilobyte, writes fail with EFBIG (the file size limit of the process), as on a full disk.
      const padding = `# ${'x'.repeat(76)}\n`.repeat(100);
      const big = `${FIXABLE}${padding}`;
      const dir = temps.make({ ...GIT, 'big.tf': big, 'small.tf': FIXABLE });
      const r = spawnSync('/bin/sh', ['-c', 'ulimit -f 1 && exec "$0" "$@"', process.execPath, CLI, '--fix', '.'], {
        cwd: dir,
        env: childEnv(),
        encoding: 'utf8',
        timeout: 30000,
      });
      assert.equal(r.status, 2, r.stderr);
      assert.equal(read(dir, 'big.tf'), big, 'the original is whole');
      assert.equal(read(dir, 'small.tf'), FIXED);
      assert.match(r.stderr, /^snclint: big\.tf: cannot write it \(file too large for the system\); it is left unchanged$/m);
      assert.match(r.stderr, /^snclint: --fix fixed small\.tf; left unchanged after a failed write: big\.tf$/m);
      assert.deepEqual(leftovers(dir), []);
    });

    it('skips a file changed or deleted between the read and the write, and never recreates it', () => {
      const dir = temps.make({ ...GIT, 'edited.tf': FIXABLE, 'deleted.tf': FIXABLE, 'early.tf': FIXABLE, 'ok.tf': FIXABLE });
      const files = ['edited.tf', 'deleted.tf', 'early.tf', 'ok.tf'].map((n) => new SourceFile(path.join(dir, n), FIXABLE, 'terraform'));
      // Edited after it was linted, before --fix began: the text on disk is not the text linted.
      fs.appendFileSync(path.join(dir, 'early.tf'), '# edited\n');
      let passes = 0;
      // Someone else edits and deletes files while the fixes are computed.
      const lintAll = (fs_: readonly SourceFile[]): LintResult => {
        if (passes++ === 0) {
          fs.writeFileSync(path.join(dir, 'edited.tf'), `${FIXABLE}# theirs\n`);
          fs.unlinkSync(path.join(dir, 'deleted.tf'));
        }
        return lint(fs_, { rules: RULES, absolutePath: (p) => path.resolve(p) });
      };
      const out = fixFiles(files, lintAll, 'safe', Project.of([dir]));
      assert.equal(read(dir, 'edited.tf'), `${FIXABLE}# theirs\n`);
      assert.equal(fs.existsSync(path.join(dir, 'deleted.tf')), false);
      assert.equal(read(dir, 'early.tf'), `${FIXABLE}# edited\n`);
      assert.equal(read(dir, 'ok.tf'), FIXED);
      assert.deepEqual(
        out.written.map((f) => path.basename(f)),
        ['ok.tf'],
      );
      assert.deepEqual(out.failed, []);
      assert.deepEqual(out.skipped.map((s) => `${path.basename(s.file)}: ${s.reason}`).sort(), [
        'deleted.tf: deleted since it was read: not fixed',
        'early.tf: changed on disk since it was read: not fixed',
        'edited.tf: changed on disk since it was read: not fixed',
      ]);
      assert.deepEqual(
        out.files.map((f) => f.text),
        [FIXABLE, FIXABLE, FIXABLE, FIXED],
        'files not written keep the text that was linted',
      );
    });
  });

  describe('reports, baselines and --init', () => {
    it('refuses a report planted as a symbolic link, existing or dangling, and leaves its target untouched', () => {
      const outside = temps.make({ victim: 'precious\n' });
      const repo = temps.make({ ...GIT, 'main.tf': FIXED });
      fs.symlinkSync(path.join(outside, 'victim'), path.join(repo, 'snclint.sarif'));
      fs.symlinkSync(path.join(outside, 'created'), path.join(repo, 'report.json'));
      const r = cli(['--format', 'sarif=snclint.sarif', '.'], repo);
      assert.equal(r.status, 2);
      assert.match(
        r.stderr,
        /^snclint: refusing to write snclint\.sarif: it is a symbolic link \(to .*victim\); snclint never writes through one/m,
      );
      const o = cli(['--format', 'json', '-o', 'report.json', '.'], repo);
      assert.equal(o.status, 2);
      assert.match(o.stderr, /^snclint: refusing to write report\.json: it is a symbolic link/m);
      assert.equal(read(outside, 'victim'), 'precious\n');
      assert.equal(fs.existsSync(path.join(outside, 'created')), false);
    });

    it('refuses a report planted as a named pipe at once, instead of blocking on it', function () {
      if (process.platform === 'win32') this.skip();
      const repo = temps.make({ ...GIT, 'main.tf': FIXED });
      assert.equal(spawnSync('mkfifo', [path.join(repo, 'snclint.sarif')]).status, 0);
      const started = Date.now();
      const r = cli(['--format', 'sarif=snclint.sarif', '.'], repo);
      assert.equal(r.status, 2);
      assert.match(r.stderr, /^snclint: refusing to write snclint\.sarif: it exists and is not a regular file$/m);
      assert.ok(fs.lstatSync(path.join(repo, 'snclint.sarif')).isFIFO());
      assert.ok(Date.now() - started < 20000);
    });

    it('refuses a baseline planted as a symbolic link', () => {
      const outside = temps.make({ victim: 'precious\n' });
      const repo = temps.make({ ...GIT, 'main.tf': FIXED });
      fs.symlinkSync(path.join(outside, 'victim'), path.join(repo, '.snclint-baseline.json'));
      const r = cli(['--baseline', '.snclint-baseline.json', '--write-baseline', '.'], repo);
      assert.equal(r.status, 2);
      assert.match(r.stderr, /^snclint: refusing to write \.snclint-baseline\.json: it is a symbolic link/m);
      assert.equal(read(outside, 'victim'), 'precious\n');
    });

    it('refuses a report whose folder in the project is a link leading outside it, creating nothing there', () => {
      const outside = temps.make({});
      const repo = temps.make({ ...GIT, 'main.tf': FIXED });
      fs.symlinkSync(outside, path.join(repo, 'reports'));
      const r = cli(['--format', 'json=reports/ci/out.json', '.'], repo);
      assert.equal(r.status, 2);
      assert.match(
        r.stderr,
        /^snclint: refusing to write reports\/ci\/out\.json: its folder is a symbolic link that leads outside the project/m,
      );
      assert.deepEqual(fs.readdirSync(outside), []);
    });

    it('replaces a report atomically: a planted hard link keeps its content, the mode of the report is kept', () => {
      const outside = temps.make({ victim: 'precious\n' });
      const repo = temps.make({ ...GIT, 'main.tf': FIXED, 'old.json': '{}\n' });
      fs.linkSync(path.join(outside, 'victim'), path.join(repo, 'snclint.sarif'));
      fs.chmodSync(path.join(repo, 'old.json'), 0o600);
      const r = cli(['--format', 'sarif=snclint.sarif', '--format', 'json=old.json', '.'], repo);
      assert.equal(r.status, 0, r.stderr);
      assert.equal(read(outside, 'victim'), 'precious\n');
      assert.equal((JSON.parse(read(repo, 'snclint.sarif')) as { version: string }).version, '2.1.0');
      assert.equal(fs.statSync(path.join(repo, 'old.json')).mode & 0o777, 0o600);
      assert.deepEqual(leftovers(repo), []);
    });

    it('reports a report it cannot write, writes the others, and exits 2', () => {
      const dir = temps.make({ ...GIT, 'main.tf': FIXED, 'ro/keep': '' });
      fs.chmodSync(dir, 0o755);
      giveAway(dir);
      fs.chmodSync(path.join(dir, 'ro'), 0o555);
      readOnly.push(path.join(dir, 'ro'));
      const r = cliUnprivileged(['--format', 'json=ro/out.json', '--format', 'sarif=out.sarif', '.'], dir);
      assert.equal(r.status, 2);
      assert.match(r.stderr, /^snclint: cannot write ro\/out\.json: permission denied; it is left as it was$/m);
      assert.equal(fs.existsSync(path.join(dir, 'out.sarif')), true);
      assert.equal(fs.existsSync(path.join(dir, 'ro/out.json')), false);
    });

    it('--init refuses a .snclint.yml planted as a dangling link, creating nothing', () => {
      const outside = temps.make({});
      const repo = temps.make({ ...GIT });
      fs.symlinkSync(path.join(outside, 'planted'), path.join(repo, '.snclint.yml'));
      const r = cli(['--init'], repo);
      assert.equal(r.status, 2);
      assert.match(r.stderr, /^snclint: \.snclint\.yml already exists here \(a symbolic link\); not overwriting it$/m);
      assert.deepEqual(fs.readdirSync(outside), []);
    });
  });
});
