/** The CLI bundle, run as a user runs it: exit codes, report formats, paths, unreadable and broken files. */
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { run, type CliIo } from '../server/src/cli';
import { defineRule } from '../server/src/lint/rule';
import type { JsonReport } from '../server/src/output/json';
import { version } from '../package.json';
import { childEnv } from './harness/cli';

const ROOT = path.resolve(__dirname, '..');
const CLI = path.join(ROOT, 'server/out/cli.js');

const US_PROVIDER = 'provider "aws" {\n  region = "us-east-1"\n}\n';
const EU_PROVIDER = 'provider "aws" {\n  region = "eu-west-3"\n}\n';
const PLAIN_VOLUME = 'resource "aws_ebs_volume" "v" {\n  size = 10\n}\n';

interface Run {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs the bundled CLI without colour or language hints from the environment, unless `env` gives some. */
function cli(args: readonly string[], cwd: string, env: Record<string, string> = {}): Run {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd, env: childEnv(env), encoding: 'utf8', timeout: 30000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

function json(r: Run): JsonReport {
  return JSON.parse(r.stdout) as JsonReport;
}

/** Writes files (relative path → text) under a fresh temporary folder and returns it. */
function tree(files: Record<string, string>): string {
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'snclint-cli-')));
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), text);
  }
  return dir;
}

function assertUsageError(r: Run, pattern: RegExp): void {
  assert.equal(r.status, 2);
  assert.equal(r.stdout, '');
  assert.match(r.stderr, /^snclint: [^\n]+\n$/, 'one line on stderr');
  assert.match(r.stderr, pattern);
}

describe('cli', function () {
  this.timeout(60000);
  const temps: string[] = [];
  const temp = (files: Record<string, string>): string => {
    const dir = tree(files);
    temps.push(dir);
    return dir;
  };

  before(() => {
    // `npm test` builds first; this keeps `mocha test/cli.test.ts` working on its own.
    if (!fs.existsSync(CLI)) spawnSync(process.execPath, ['esbuild.mjs'], { cwd: ROOT, stdio: 'inherit' });
    assert.ok(fs.existsSync(CLI), `${CLI} is built`);
  });

  after(() => {
    for (const dir of temps) fs.rmSync(dir, { recursive: true, force: true });
  });

  describe('exit codes', () => {
    it('is 0 and silent on a clean folder', () => {
      const dir = temp({ 'main.tf': EU_PROVIDER });
      const r = cli(['.'], dir);
      assert.equal(r.status, 0);
      assert.equal(r.stdout, '');
      assert.equal(r.stderr, '');
    });

    it('lints the current folder when no path is given', () => {
      const dir = temp({ 'main.tf': US_PROVIDER });
      const r = cli(['--format', 'json'], dir);
      assert.equal(r.status, 1);
      assert.deepEqual(
        json(r).findings.map((f) => f.file),
        ['main.tf'],
      );
    });

    it('is 1 when a finding reaches the default level (error)', () => {
      const dir = temp({ 'main.tf': US_PROVIDER });
      assert.equal(cli(['main.tf'], dir).status, 1);
    });

    it('follows --fail-on', () => {
      const dir = temp({ 'main.tf': US_PROVIDER });
      assert.equal(cli(['--fail-on', 'none', 'main.tf'], dir).status, 0);
      assert.equal(cli(['--fail-on=warning', 'main.tf'], dir).status, 1);
      assert.equal(cli(['--fail-on', 'info', 'main.tf'], dir).status, 1);
      assert.equal(cli(['--fail-on', 'error', 'main.tf'], dir).status, 1);
    });

    it('is 2 with one line on stderr for an unknown option', () => {
      assertUsageError(cli(['--frobnicate'], os.tmpdir()), /unknown option '--frobnicate'/);
    });

    it('is 2 for a bad or missing option value', () => {
      assertUsageError(cli(['--format', 'xml', '.'], os.tmpdir()), /invalid value 'xml' for --format/);
      assertUsageError(cli(['--fail-on=sometimes'], os.tmpdir()), /--fail-on/);
      assertUsageError(cli(['--format'], os.tmpdir()), /--format needs a value/);
    });

    it('is 2 for a path that does not exist, and lints nothing', () => {
      const dir = temp({ 'main.tf': US_PROVIDER });
      assertUsageError(cli(['main.tf', 'missing.tf'], dir), /no such file or directory: missing\.tf/);
    });

    it('is 2 when a rule fails, with the failure recorded and the run completed', () => {
      const dir = temp({ 'main.tf': US_PROVIDER });
      const broken = defineRule({
        meta: {
          id: 'always-throws',
          title: 't',
          description: 'd',
          rationale: 'r',
          remediation: 'r',
          severity: 'error',
          requirements: [],
          fixable: false,
          covers: [],
          examples: { good: [], bad: [] },
          messages: {},
        },
        check() {
          throw new Error('boom');
        },
      });
      let stdout = '';
      let stderr = '';
      const io: CliIo = { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), env: {}, isTty: false };
      const cwd = process.cwd();
      process.chdir(dir);
      try {
        assert.equal(run(['--format', 'json', '--fail-on', 'none', '.'], io, [broken]), 2);
      } finally {
        process.chdir(cwd);
      }
      const report = JSON.parse(stdout) as JsonReport;
      assert.equal(report.errors.length, 1);
      assert.equal(report.errors[0]!.kind, 'internal');
      assert.match(report.errors[0]!.message, /always-throws/);
      assert.match(stderr, /^snclint: internal error in main\.tf: Rule always-throws failed[^\n]*\n$/);
    });

    it('prints --version and --help', () => {
      const v = cli(['--version'], os.tmpdir());
      assert.equal(v.status, 0);
      assert.equal(v.stdout, `${version}\n`);
      const h = cli(['--help'], os.tmpdir());
      assert.equal(h.status, 0);
      assert.match(h.stdout, /^Usage: snclint \[options\] \[paths\.\.\.\]/);
      assert.match(h.stdout, /--fail-on/);
    });
  });

  describe('--format json', () => {
    it('gives exactly the documented shape, 1-based and end-exclusive', () => {
      const dir = temp({ 'infra/main.tf': US_PROVIDER });
      const r = cli(['--format', 'json', 'infra'], dir);
      assert.equal(r.status, 1);
      const report = json(r);
      assert.deepEqual(Object.keys(report), ['version', 'findings', 'errors', 'summary']);
      assert.equal(report.version, 1);
      assert.deepEqual(report.errors, []);
      assert.deepEqual(report.summary, { files: 1, findings: 1, error: 1, warning: 0, info: 0 });
      const [f] = report.findings;
      assert.ok(f);
      assert.deepEqual(Object.keys(f), [
        'ruleId',
        'severity',
        'file',
        'line',
        'column',
        'endLine',
        'endColumn',
        'message',
        'requirements',
        'fixes',
      ]);
      assert.equal(f.ruleId, 'non-eu-region');
      assert.equal(f.severity, 'error');
      assert.equal(f.file, path.join('infra', 'main.tf'));
      // `  region = "us-east-1"`: the value, quotes included, is columns 12 to 22.
      assert.deepEqual([f.line, f.column, f.endLine, f.endColumn], [2, 12, 2, 23]);
      assert.match(f.message, /us-east-1/);
      assert.ok(f.requirements.includes('19.2.b'), 'cites SecNumCloud 19.2.b');
      for (const fix of f.fixes) {
        assert.deepEqual(Object.keys(fix), ['title', 'safety']);
        assert.ok(fix.safety === 'safe' || fix.safety === 'unsafe');
      }
    });

    it('reports a missing attribute on the block header', () => {
      const dir = temp({ 'main.tf': PLAIN_VOLUME });
      const report = json(cli(['--format', 'json', '.'], dir));
      const f = report.findings.find((x) => x.ruleId === 'unencrypted-volume');
      assert.ok(f, 'unencrypted-volume reported');
      assert.equal(f.file, 'main.tf');
      assert.equal(f.severity, 'error');
      assert.deepEqual([f.line, f.column, f.endLine], [1, 1, 1]);
      assert.ok(f.endColumn > f.column);
    });

    it('keeps paths as given: relative as walked, absolute when absolute', () => {
      const dir = temp({ 'a/main.tf': US_PROVIDER, 'b/main.tf': US_PROVIDER });
      const files = (args: string[], cwd = dir) => json(cli(['--format', 'json', ...args], cwd)).findings.map((f) => f.file);
      assert.deepEqual(files(['a']), [path.join('a', 'main.tf')]);
      assert.deepEqual(files(['./a/main.tf']), ['./a/main.tf']);
      assert.deepEqual(files(['.'], path.join(dir, 'a')), ['main.tf']);
      assert.deepEqual(files([path.join(dir, 'b')]), [path.join(dir, 'b', 'main.tf')]);
      assert.deepEqual(files([path.join(dir, 'a', 'main.tf')]), [path.join(dir, 'a', 'main.tf')]);
    });

    it('lints Kubernetes manifests', () => {
      const manifest = [
        'apiVersion: apps/v1',
        'kind: Deployment',
        'metadata:',
        '  name: web',
        'spec:',
        '  template:',
        '    spec:',
        '      nodeSelector:',
        '        topology.kubernetes.io/region: us-east-1',
        '      containers:',
        '        - name: web',
        '          image: nginx',
        '',
      ].join('\n');
      const dir = temp({ 'k8s/deploy.yaml': manifest });
      const report = json(cli(['--format', 'json', '.'], dir));
      const f = report.findings.find((x) => x.ruleId === 'non-eu-region');
      assert.ok(f);
      assert.equal(f.file, path.join('k8s', 'deploy.yaml'));
      assert.equal(f.line, 9);
    });
  });

  describe('files', () => {
    it('lints all files in one run, skipping node_modules, .terraform and hidden folders', () => {
      const dir = temp({
        'main.tf': US_PROVIDER,
        'modules/net/main.tf': US_PROVIDER,
        'node_modules/pkg/main.tf': US_PROVIDER,
        '.terraform/modules/m/main.tf': US_PROVIDER,
        '.hidden/main.tf': US_PROVIDER,
        'notes.txt': 'region = "us-east-1"',
      });
      const report = json(cli(['--format', 'json', '.'], dir));
      assert.deepEqual(report.findings.map((f) => f.file).sort(), ['main.tf', path.join('modules', 'net', 'main.tf')]);
      assert.equal(report.summary.files, 2);
    });

    it('does not loop on a symbolic link to a parent folder', () => {
      const dir = temp({ 'sub/main.tf': US_PROVIDER });
      fs.symlinkSync('..', path.join(dir, 'sub', 'up'));
      const r = cli(['--format', 'json', '.'], dir);
      assert.equal(r.status, 1);
      assert.deepEqual(
        json(r).findings.map((f) => f.file),
        [path.join('sub', 'main.tf')],
      );
    });

    it('reports a broken Terraform file as a syntax error with a line and lints the rest', () => {
      const dir = temp({
        'broken.tf': `${US_PROVIDER}resource "aws_s3_bucket" "b" {\n  bucket = \n}\n`,
        'other/main.tf': US_PROVIDER,
      });
      const r = cli(['--format', 'json', '.'], dir);
      assert.equal(r.status, 1, 'a syntax error fails the run but is not fatal');
      const report = json(r);
      const syntax = report.errors.filter((e) => e.file === 'broken.tf');
      assert.ok(syntax.length >= 1);
      for (const e of syntax) {
        assert.equal(e.kind, 'syntax');
        assert.equal(typeof e.line, 'number');
        assert.ok(e.line! >= 1);
      }
      assert.deepEqual(
        report.findings
          .filter((f) => f.ruleId === 'non-eu-region')
          .map((f) => f.file)
          .sort(),
        ['broken.tf', path.join('other', 'main.tf')],
      );
    });

    it('counts a syntax error for --fail-on, and --fail-on none ignores it', () => {
      const dir = temp({ 'broken.tf': 'resource "x" "y" {\n' });
      assert.equal(cli(['.'], dir).status, 1);
      assert.equal(cli(['--fail-on', 'none', '.'], dir).status, 0);
    });

    it('reports an unreadable file as an io error and goes on', () => {
      const dir = temp({ 'main.tf': US_PROVIDER });
      fs.symlinkSync(path.join(dir, 'nowhere.tf'), path.join(dir, 'dangling.tf'));
      const r = cli(['--format', 'json', '.'], dir);
      assert.equal(r.status, 1);
      const report = json(r);
      assert.deepEqual(
        report.errors.map((e) => [e.file, e.kind]),
        [['dangling.tf', 'io']],
      );
      assert.equal(report.errors[0]!.line, undefined);
      assert.deepEqual(
        report.findings.map((f) => f.file),
        ['main.tf'],
      );
    });

    it('walks a folder named like a file instead of reading it', () => {
      const dir = temp({ 'odd.tf/main.tf': US_PROVIDER });
      const report = json(cli(['--format', 'json', 'odd.tf'], dir));
      assert.deepEqual(report.errors, []);
      assert.deepEqual(
        report.findings.map((f) => f.file),
        [path.join('odd.tf', 'main.tf')],
      );
    });

    it('warns about an explicit file it does not read', () => {
      const dir = temp({ 'README.md': '# hi\n' });
      const r = cli(['README.md'], dir);
      assert.equal(r.status, 0);
      assert.match(r.stderr, /^snclint: warning: README\.md is not a Terraform, YAML or JSON file, skipped\n$/);
    });
  });

  describe('--format stylish', () => {
    it('lists problems per file, aligned, with a summary', () => {
      const dir = temp({ 'main.tf': US_PROVIDER, 'broken.tf': 'resource "x" "y" {\n' });
      const r = cli(['.'], dir);
      assert.equal(r.status, 1);
      assert.equal(r.stderr, '');
      assert.doesNotMatch(r.stdout, /\u001b\[/, 'no colour when stdout is not a terminal');
      const lines = r.stdout.split('\n');
      const header = lines.indexOf('main.tf');
      assert.ok(header > 0, 'a header line for main.tf');
      assert.match(lines[header + 1]!, /^ {2}2:12 {2}error {2}provider "aws" uses region us-east-1[^\n]* {2}non-eu-region$/);
      assert.ok(lines.includes('broken.tf'));
      assert.ok(
        lines.some((l) => /^ {2}\d+:\d+ +error {2}Syntax error: /.test(l)),
        'syntax error listed with its file',
      );
      assert.match(r.stdout, /\n\u2716 \d+ problems \(\d+ errors, 0 warnings, 0 infos\)\n$/);
    });

    it('counts in the summary line', () => {
      const dir = temp({ 'main.tf': US_PROVIDER });
      assert.match(cli(['.'], dir).stdout, /\n\u2716 1 problem \(1 error, 0 warnings, 0 infos\)\n$/);
    });

    it('colours when FORCE_COLOR is set, and not when FORCE_COLOR=0', () => {
      const dir = temp({ 'main.tf': US_PROVIDER });
      const forced = cli(['.'], dir, { FORCE_COLOR: '1' }).stdout;
      assert.match(forced, /\u001b\[4mmain\.tf\u001b\[24m/, 'underlined file name');
      assert.match(forced, /\u001b\[31merror/);
      assert.doesNotMatch(cli(['.'], dir, { FORCE_COLOR: '0' }).stdout, /\u001b\[/);
    });
  });
});
