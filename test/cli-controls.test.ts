/** CLI controls for teams and CI: configuration, fixes, baselines, standard input, ignores, thresholds. */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Temps, cli, ensureBuilt } from './harness/cli';
import type { JsonReport } from '../server/src/output/json';
import { RULES } from '../rules';
import { run, type CliIo } from '../server/src/cli';

const US_PROVIDER = 'provider "aws" {\n  region = "us-east-1"\n}\n';
const VOLUME = 'resource "aws_ebs_volume" "v" {\n  size = 10\n}\n';

/** The rules these tests exercise: findings of rules added later do not change what is checked here. */
const UNDER_TEST = new Set(['non-eu-region', 'unencrypted-volume', 'weak-tls', 'admin-without-mfa', 'invalid-suppression']);

/** The JSON report, keeping the findings of the rules under test. */
function json(stdout: string): JsonReport {
  const report = JSON.parse(stdout) as JsonReport;
  return { ...report, findings: report.findings.filter((f) => UNDER_TEST.has(f.ruleId)) };
}

describe('cli controls', function () {
  this.timeout(60000);
  const temps = new Temps();
  before(ensureBuilt);
  after(() => temps.cleanup());
  const read = (dir: string, name: string) => fs.readFileSync(path.join(dir, name), 'utf8');

  describe('configuration', () => {
    it('applies the nearest .snclint.yml and its overrides', () => {
      const dir = temps.make({
        '.snclint.yml': 'rules: { non-eu-region: warning }\noverrides:\n  - files: ["legacy/**"]\n    rules: { unencrypted-volume: off }\n',
        'main.tf': US_PROVIDER + VOLUME,
        'legacy/main.tf': VOLUME,
        'team/.snclint.json': '{ "root": true }',
        'team/main.tf': US_PROVIDER,
      });
      const r = cli(['--format', 'json', '.'], dir);
      const rows = json(r.stdout).findings.map((f) => `${f.file} ${f.ruleId} ${f.severity}`);
      assert.deepEqual(rows, ['main.tf non-eu-region warning', 'main.tf unencrypted-volume error', 'team/main.tf non-eu-region error']);
    });

    it('loads the Terraform variables files the configuration names, after the automatic ones, in the order named', () => {
      const dir = temps.make({
        '.git/HEAD': 'ref: refs/heads/main\n',
        'infra/.snclint.yml': 'terraform:\n  varFiles: [../env/base.tfvars, ../env/prod.tfvars]\n',
        'infra/main.tf': 'variable "region" {\n  default = "eu-west-3"\n}\n\nprovider "aws" {\n  region = var.region\n}\n',
        'infra/terraform.tfvars': 'region = "eu-central-1"\n',
        'env/base.tfvars': 'region = "eu-north-1"\n',
        'env/prod.tfvars': 'region = "us-east-2"\n',
      });
      const r = cli(['--format', 'json', 'infra'], dir);
      const rows = json(r.stdout)
        .findings.filter((f) => f.ruleId === 'non-eu-region')
        .map((f) => `${f.file}:${f.line} ${f.message.split(' (')[0]}`);
      assert.deepEqual(rows, ['infra/main.tf:6 provider "aws" uses region us-east-2']);
    });

    it('skips files over maxFileSize with a notice, and rejects a size that is not a positive whole number', () => {
      const dir = temps.make({
        '.snclint.yml': 'maxFileSize: 20\n',
        'big.tf': 'provider "aws" {\n  region = "us-east-1"\n}\n',
        'small.tf': '# ok\n',
      });
      const r = cli(['--format', 'json', '.'], dir);
      assert.deepEqual(
        json(r.stdout).errors.map((e) => [e.file, e.kind]),
        [['big.tf', 'skipped']],
      );
      const bad = temps.make({ '.snclint.yml': 'maxFileSize: -1\n', 'main.tf': '\n' });
      const rb = cli(['.'], bad);
      assert.equal(rb.status, 2);
      assert.match(rb.stderr, /\.snclint\.yml:1:14: "maxFileSize" must be a whole number of bytes/);
    });

    it('takes qualifiedEndpoints as hosts, and rejects a URL in their place', () => {
      const provider =
        'provider "aws" {\n  endpoints {\n    s3 = "https://s3.cloud.example.eu"\n  }\n}\n\nresource "aws_s3_bucket" "b" {\n  bucket = "b"\n}\n';
      const dir = temps.make({ '.snclint.yml': 'qualifiedEndpoints: [cloud.example.eu]\n', 'main.tf': provider });
      const r = cli(['--format', 'json', '.'], dir);
      assert.deepEqual(
        json(r.stdout).findings.filter((f) => f.ruleId === 'extraterritorial-provider'),
        [],
      );
      const bad = temps.make({ '.snclint.yml': 'qualifiedEndpoints: ["https://cloud.example.eu/"]\n', 'main.tf': provider });
      const rb = cli(['.'], bad);
      assert.equal(rb.status, 2);
      assert.match(rb.stderr, /"https:\/\/cloud\.example\.eu\/" in "qualifiedEndpoints" is not a host name/);
    });

    it('reports a named variables file that cannot be read', () => {
      const dir = temps.make({ '.snclint.yml': 'terraform:\n  varFiles: [missing.tfvars]\n', 'main.tf': 'provider "aws" {}\n' });
      const r = cli(['--format', 'json', '.'], dir);
      assert.equal(r.status, 1);
      assert.deepEqual(
        json(r.stdout).errors.map((e) => [e.file, e.kind]),
        [['missing.tfvars', 'io']],
      );
    });

    it('exits 2 on an invalid configuration, naming file, line and column', () => {
      const dir = temps.make({
        '.snclint.yml': 'extends: recommended\nrules:\n  weak-tsl: off\n  weak-tls: sometimes\n',
        'main.tf': VOLUME,
      });
      const r = cli(['.'], dir);
      assert.equal(r.status, 2);
      assert.equal(r.stdout, '');
      assert.deepEqual(r.stderr.trimEnd().split('\n'), [
        `snclint: .snclint.yml:3:3: Unknown rule "weak-tsl" (known rules: ${[...RULES.map((x) => x.meta.id), 'invalid-suppression'].join(', ')}). Did you mean "weak-tls"?`,
        'snclint: .snclint.yml:4:13: "sometimes" is not a valid level for rule weak-tls (expected error, warning, info, off).',
      ]);
    });

    it('exits 2 on a YAML syntax error in the configuration', () => {
      const dir = temps.make({ '.snclint.yml': 'rules: [\n', 'main.tf': VOLUME });
      const r = cli(['.'], dir);
      assert.equal(r.status, 2);
      assert.match(r.stderr, /^snclint: \.snclint\.yml:\d+:\d+: /);
    });

    it('skips files matched by ignore globs, and says so for a file named on the command line', () => {
      const dir = temps.make({
        '.git/HEAD': 'ref: refs/heads/main\n',
        '.snclint.yml': 'ignore: ["generated/**"]\n',
        'generated/main.tf': US_PROVIDER,
        'main.tf': VOLUME,
      });
      assert.deepEqual(
        json(cli(['--format', 'json', '.'], dir).stdout).findings.map((f) => f.file),
        ['main.tf'],
      );
      const r = cli(['generated/main.tf'], dir);
      assert.equal(r.status, 0);
      assert.match(r.stderr, /generated\/main\.tf is ignored by the configuration, skipped/);
    });

    it('respects .gitignore files of the repository', () => {
      const dir = temps.make({
        '.git/HEAD': 'ref: refs/heads/main\n',
        '.gitignore': 'build/\n*.local.tf\n',
        'infra/.gitignore': 'tmp.tf\n',
        'build/main.tf': US_PROVIDER,
        'infra/x.local.tf': US_PROVIDER,
        'infra/tmp.tf': US_PROVIDER,
        'infra/main.tf': VOLUME,
      });
      assert.deepEqual(
        json(cli(['--format', 'json', '.'], dir).stdout).findings.map((f) => f.file),
        ['infra/main.tf'],
      );
      assert.deepEqual(
        json(cli(['--format', 'json', 'infra'], dir).stdout).findings.map((f) => f.file),
        ['infra/main.tf'],
        'a .gitignore above the folder given applies',
      );
    });

    it('--print-config shows the settings of a file and the files they came from', () => {
      const dir = temps.make({
        '.git/HEAD': 'ref: refs/heads/main\n',
        '.snclint.yml': 'extends: strict\nregions: { policy: fr }\nterraform: { varFiles: [prod.tfvars] }\n',
      });
      const r = cli(['--print-config', 'sub/main.tf'], dir);
      assert.equal(r.status, 0);
      const printed = JSON.parse(r.stdout) as {
        configFiles: string[];
        regionPolicy: string;
        rules: Record<string, string>;
        varFiles: string[];
        ignored: boolean;
      };
      assert.deepEqual(printed.configFiles, [path.join(dir, '.snclint.yml')]);
      assert.equal(printed.regionPolicy, 'fr');
      assert.equal(printed.rules['invalid-suppression'], 'error');
      assert.deepEqual(printed.varFiles, [path.join(dir, 'prod.tfvars')]);
      assert.equal(printed.ignored, false);
    });

    it('--init writes a commented starter that is itself valid, and never overwrites', () => {
      const dir = temps.make({ 'main.tf': VOLUME });
      const r = cli(['--init'], dir);
      assert.equal(r.status, 0);
      const text = read(dir, '.snclint.yml');
      assert.match(text, /^# snclint configuration/);
      for (const rule of RULES) assert.ok(text.includes(`# ${rule.meta.id}:`), rule.meta.id);
      assert.equal(cli(['--print-config', 'main.tf'], dir).status, 0, 'the starter validates');
      assert.equal(cli(['.'], dir).status, 1);
      const again = cli(['--init'], dir);
      assert.equal(again.status, 2);
      assert.match(again.stderr, /\.snclint\.yml already exists/);
    });

    it('--list-rules lists every rule, as a table or as JSON', () => {
      const dir = temps.make({});
      const table = cli(['--list-rules'], dir);
      assert.equal(table.status, 0);
      for (const rule of RULES) assert.match(table.stdout, new RegExp(`^${rule.meta.id} `, 'm'));
      const rows = JSON.parse(cli(['--list-rules', '--format', 'json'], dir).stdout) as { id: string }[];
      assert.deepEqual(
        rows.map((x) => x.id),
        [...RULES.map((x) => x.meta.id), 'invalid-suppression'],
      );
    });
  });

  describe('thresholds', () => {
    it('--max-warnings fails the run above the count', () => {
      const dir = temps.make({
        '.snclint.yml': 'rules: { non-eu-region: warning, unencrypted-volume: warning }\n',
        'main.tf': US_PROVIDER + VOLUME,
      });
      assert.equal(cli(['.'], dir).status, 0);
      assert.equal(cli(['--max-warnings', '2', '.'], dir).status, 0);
      const r = cli(['--max-warnings', '1', '.'], dir);
      assert.equal(r.status, 1);
      assert.match(r.stderr, /2 warnings, more than --max-warnings 1/);
      assert.equal(cli(['--max-warnings', 'many', '.'], dir).status, 2);
    });
  });

  describe('--fix', () => {
    const CODE = `# snclint:ignore weak-tls -- not here\n${US_PROVIDER}${VOLUME}`;

    it('applies only safe fixes by default, and a second run changes nothing', () => {
      const dir = temps.make({ 'main.tf': CODE });
      const r = cli(['--fix', '--format', 'json', '.'], dir);
      assert.equal(r.status, 1);
      assert.equal(read(dir, 'main.tf'), US_PROVIDER + VOLUME, 'the unused suppression is removed; infrastructure is untouched');
      assert.deepEqual(
        json(r.stdout).findings.map((f) => f.ruleId),
        ['non-eu-region', 'unencrypted-volume'],
      );
      cli(['--fix', '.'], dir);
      assert.equal(read(dir, 'main.tf'), US_PROVIDER + VOLUME);
    });

    it('applies unsafe fixes with --unsafe until the file is clean, idempotently', () => {
      const dir = temps.make({ 'main.tf': CODE });
      const r = cli(['--fix', '--unsafe', '.'], dir);
      assert.equal(r.status, 0, r.stdout);
      const fixed = read(dir, 'main.tf');
      assert.equal(
        fixed,
        'provider "aws" {\n  region = "eu-west-3"\n}\nresource "aws_ebs_volume" "v" {\n  encrypted = true\n\n  size = 10\n}\n',
      );
      assert.equal(cli(['--fix', '--unsafe', '.'], dir).status, 0);
      assert.equal(read(dir, 'main.tf'), fixed);
      assert.equal(cli(['--unsafe', '.'], dir).status, 2, '--unsafe alone is a usage error');
    });
  });

  describe('--baseline', () => {
    it('round-trips: written once, later runs fail only on new findings, even after lines move', () => {
      const dir = temps.make({ 'infra/main.tf': US_PROVIDER + VOLUME });
      const w = cli(['--baseline', 'ci/baseline.json', '--write-baseline', 'infra'], dir);
      assert.equal(w.status, 0);
      assert.match(w.stderr, /wrote \d+ findings to ci\/baseline\.json/);
      const baseline = JSON.parse(read(dir, 'ci/baseline.json')) as {
        version: number;
        findings: { file: string; ruleId: string; fingerprint: string }[];
      };
      assert.equal(baseline.version, 1);
      assert.deepEqual(
        baseline.findings.filter((f) => UNDER_TEST.has(f.ruleId)).map((f) => `${f.file} ${f.ruleId}`),
        ['../infra/main.tf non-eu-region', '../infra/main.tf unencrypted-volume'],
      );
      assert.equal(cli(['--baseline', 'ci/baseline.json', 'infra'], dir).status, 0);

      fs.writeFileSync(path.join(dir, 'infra/main.tf'), `# comments push everything down\n\n${VOLUME}\n${US_PROVIDER}`);
      assert.equal(cli(['--baseline', 'ci/baseline.json', 'infra'], dir).status, 0, 'moved findings are still known');
      // From another folder, the same baseline still matches: its paths are relative to itself.
      assert.equal(cli(['--baseline', '../ci/baseline.json', '.'], path.join(dir, 'infra')).status, 0);

      fs.appendFileSync(path.join(dir, 'infra/main.tf'), 'resource "aws_ebs_volume" "w" {\n  size = 5\n}\n');
      const r = cli(['--baseline', 'ci/baseline.json', '--format', 'json', 'infra'], dir);
      assert.equal(r.status, 1);
      assert.deepEqual(
        json(r.stdout).findings.map((f) => f.message.split(' ')[0]),
        ['aws_ebs_volume.w'],
      );
    });

    it('exits 2 on a missing or foreign baseline file', () => {
      const dir = temps.make({ 'main.tf': VOLUME, 'other.json': '{"a":1}' });
      assert.match(cli(['--baseline', 'nope.json', '.'], dir).stderr, /cannot read baseline nope\.json/);
      const r = cli(['--baseline', 'other.json', '.'], dir);
      assert.equal(r.status, 2);
      assert.match(r.stderr, /other\.json is not a snclint baseline/);
    });
  });

  describe('--stdin', () => {
    it('lints standard input as the named file, with its module siblings from disk', () => {
      const dir = temps.make({ 'infra/variables.tf': 'variable "region" {\n  default = "us-east-1"\n}\n', 'infra/main.tf': VOLUME });
      const r = cli(['--stdin', '--stdin-filename', 'infra/main.tf', '--format', 'json'], dir, {
        input: 'provider "aws" {\n  region = var.region\n}\n',
      });
      assert.equal(r.status, 1);
      const report = json(r.stdout);
      assert.deepEqual(
        report.findings.map((f) => `${f.file}:${f.line} ${f.ruleId}`),
        ['infra/main.tf:2 non-eu-region'],
      );
      assert.equal(report.summary.files, 1);
      assert.equal(cli(['--stdin', '.'], dir).status, 2);
      assert.equal(cli(['--stdin-filename', 'x.tf'], dir).status, 2);
    });
  });

  describe('progress', () => {
    it('is shown on stderr only when it is a terminal, and erased before the report', () => {
      const dir = temps.make({ 'main.tf': VOLUME, 'b.tf': US_PROVIDER });
      const lintIn = (stderrIsTty: boolean): { stdout: string; stderr: string } => {
        let stdout = '';
        let stderr = '';
        const io: CliIo = { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), env: {}, isTty: false, stderrIsTty };
        const cwd = process.cwd();
        process.chdir(dir);
        try {
          assert.equal(run(['.'], io), 1);
        } finally {
          process.chdir(cwd);
        }
        return { stdout, stderr };
      };
      assert.equal(lintIn(false).stderr, '');
      const tty = lintIn(true);
      assert.equal(tty.stderr, '\r\u001b[Ksnclint: linting 2 files...\r\u001b[K');
      assert.match(tty.stdout, /unencrypted-volume/);
    });
  });

  describe('--report-suppressed', () => {
    it('lists suppressed findings and their reasons in stylish and JSON', () => {
      const dir = temps.make({
        'main.tf': `# snclint:ignore unencrypted-volume until=2999-01-01 -- scratch disk, wiped nightly\n${VOLUME}`,
      });
      assert.doesNotMatch(cli(['.'], dir).stdout, /unencrypted-volume/);
      const s = cli(['--report-suppressed', '.'], dir);
      assert.equal(s.status, 0);
      assert.match(
        s.stdout,
        /1 suppressed finding:\n {2}main\.tf:2:1 {2}error {2}aws_ebs_volume\.v is not encrypted[^\n]*unencrypted-volume\n {4}reason: scratch disk, wiped nightly \(until 2999-01-01\)/,
      );
      const j = json(cli(['--report-suppressed', '--format', 'json', '.'], dir).stdout);
      assert.deepEqual(
        j.suppressed?.map((x) => [x.ruleId, x.line, x.reason, x.until, x.suppressedBy]),
        [['unencrypted-volume', 2, 'scratch disk, wiped nightly', '2999-01-01', 'comment']],
      );
      assert.equal(json(cli(['--format', 'json', '.'], dir).stdout).suppressed, undefined);
    });
  });
});
