/** Report formats written by the CLI: SARIF checked by the official schema, JUnit, GitHub, GitLab, several at once. */
import { strict as assert } from 'node:assert';
import Ajv from 'ajv';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { Temps, cli, ensureBuilt, ROOT } from './harness/cli';
import { sarifErrors } from './harness/sarif-validator';
import { RULES } from '../rules';

const US_PROVIDER = 'provider "aws" {\n  region = "us-east-1"\n}\n';
const VOLUME = 'resource "aws_ebs_volume" "v" {\n  size = 10\n}\n';
const BROKEN = 'resource "aws_s3_bucket" "b" {\n';
/** The rules these tests exercise: findings of rules added later do not change what is checked here. */
const UNDER_TEST = new Set(['non-eu-region', 'unencrypted-volume', 'weak-tls', 'admin-without-mfa', 'invalid-suppression']);

interface SarifLog {
  runs: {
    tool: {
      driver: {
        rules: { id: string; help: { text: string; markdown: string }; properties: { tags: string[]; 'security-severity': string } }[];
      };
    };
    results: {
      ruleId: string;
      ruleIndex: number;
      level: string;
      message: { text: string };
      locations: {
        physicalLocation: { artifactLocation: { uri: string; uriBaseId?: string }; region: { startLine: number; startColumn: number } };
      }[];
      partialFingerprints: Record<string, string>;
      fixes?: { description: { text: string }; artifactChanges: { replacements: { insertedContent: { text: string } }[] }[] }[];
      suppressions?: { kind: string; justification: string }[];
    }[];
    invocations: { toolExecutionNotifications: { message: { text: string } }[] }[];
  }[];
}

describe('cli reports', function () {
  this.timeout(60000);
  const temps = new Temps();
  before(ensureBuilt);
  after(() => temps.cleanup());

  describe('sarif', () => {
    it('is valid SARIF 2.1.0 with rule metadata, locations, fingerprints and fixes', () => {
      const dir = temps.make({ 'infra/main.tf': US_PROVIDER + VOLUME, 'infra/broken.tf': BROKEN });
      const r = cli(['--format', 'sarif', 'infra'], dir);
      assert.equal(r.status, 1);
      const log = JSON.parse(r.stdout) as SarifLog;
      assert.deepEqual(sarifErrors(log), []);
      const run = log.runs[0]!;
      assert.deepEqual(
        run.tool.driver.rules.map((x) => x.id),
        [...RULES.map((x) => x.meta.id), 'invalid-suppression'],
      );
      const rule = run.tool.driver.rules[0]!;
      assert.match(rule.help.markdown, /\*\*How to fix:\*\*/);
      assert.ok(rule.properties.tags.includes('secnumcloud'));
      assert.ok(rule.properties.tags.includes('SecNumCloud-3.2/19.2.b'));
      assert.equal(rule.properties['security-severity'], '7.5');
      const suppression = run.tool.driver.rules.find((x) => x.id === 'invalid-suppression')!;
      assert.deepEqual(
        [suppression.properties.tags, suppression.properties['security-severity']],
        [['secnumcloud', 'suppression'], undefined],
      );
      const region = run.results.find((x) => x.ruleId === 'non-eu-region')!;
      assert.equal(region.level, 'error');
      assert.deepEqual(region.locations[0]!.physicalLocation.artifactLocation, { uri: 'infra/main.tf', uriBaseId: '%SRCROOT%' });
      assert.deepEqual(
        [region.locations[0]!.physicalLocation.region.startLine, region.locations[0]!.physicalLocation.region.startColumn],
        [2, 12],
      );
      assert.equal(run.tool.driver.rules[region.ruleIndex]!.id, 'non-eu-region');
      assert.match(region.partialFingerprints['snclintFingerprint/v1']!, /^[0-9a-f]{32}:1$/);
      assert.equal(region.fixes![0]!.artifactChanges[0]!.replacements[0]!.insertedContent.text, 'eu-west-3');
      assert.match(region.fixes![0]!.description.text, /\(unsafe\)$/);
      assert.match(run.invocations[0]!.toolExecutionNotifications[0]!.message.text, /^Syntax error: /);
    });

    it('never copies the text under a finding (it may be a secret) into the report', () => {
      const dir = temps.make({ 'main.tf': `variable "password" {\n  default = "Zq8#kLm2!vR7"\n}\n${US_PROVIDER}` });
      const r = cli(['--format', 'sarif', '.'], dir);
      assert.deepEqual(sarifErrors(JSON.parse(r.stdout)), []);
      assert.ok(
        (JSON.parse(r.stdout) as SarifLog).runs[0]!.results.some((x) => x.ruleId === 'hardcoded-secret'),
        'the secret is found',
      );
      assert.ok(!r.stdout.includes('Zq8#kLm2!vR7'));
    });

    it('keeps partial fingerprints when lines move', () => {
      const dir = temps.make({ 'main.tf': US_PROVIDER });
      const before = (JSON.parse(cli(['--format', 'sarif', '.'], dir).stdout) as SarifLog).runs[0]!.results.find(
        (x) => x.ruleId === 'non-eu-region',
      )!.partialFingerprints;
      fs.writeFileSync(path.join(dir, 'main.tf'), `# moved down\n\n${VOLUME}\n${US_PROVIDER}`);
      const after = (JSON.parse(cli(['--format', 'sarif', '.'], dir).stdout) as SarifLog).runs[0]!.results.find(
        (x) => x.ruleId === 'non-eu-region',
      )!;
      assert.equal(after.locations[0]!.physicalLocation.region.startLine, 8);
      assert.deepEqual(after.partialFingerprints, before);
    });

    it('lists suppressed findings as suppressed results with --report-suppressed, and the schema still holds', () => {
      const dir = temps.make({ 'main.tf': `# snclint:ignore unencrypted-volume -- scratch disk\n${VOLUME}` });
      const plain = JSON.parse(cli(['--format', 'sarif', '.'], dir).stdout) as SarifLog;
      assert.equal(plain.runs[0]!.results.filter((x) => x.ruleId === 'unencrypted-volume').length, 0);
      const r = cli(['--format', 'sarif', '--report-suppressed', '.'], dir);
      assert.equal(r.status, 0);
      const log = JSON.parse(r.stdout) as SarifLog;
      assert.deepEqual(sarifErrors(log), []);
      assert.deepEqual(log.runs[0]!.results.find((x) => x.ruleId === 'unencrypted-volume')!.suppressions, [
        { kind: 'inSource', status: 'accepted', justification: 'scratch disk' },
      ]);
    });

    it('is rejected by the validator when broken (the check can fail)', () => {
      const dir = temps.make({ 'main.tf': US_PROVIDER });
      const log = JSON.parse(cli(['--format', 'sarif', '.'], dir).stdout) as SarifLog;
      (log.runs[0]!.results[0] as { level: string }).level = 'fatal';
      assert.ok(sarifErrors(log).some((e) => e.includes('/runs/0/results/0/level')));
    });

    it('is valid on the TerraGoat corpus', function () {
      const corpus = path.resolve(ROOT, '../shared/corpus/terragoat');
      if (!fs.existsSync(corpus)) this.skip();
      const r = cli(['--format', 'sarif', '--fail-on', 'none', corpus], ROOT);
      assert.equal(r.status, 0, r.stderr);
      const log = JSON.parse(r.stdout) as SarifLog;
      assert.deepEqual(sarifErrors(log), []);
      assert.ok(log.runs[0]!.results.length > 0);
    });
  });

  describe('junit', () => {
    it('writes one suite per file and one failing case per finding or file error', () => {
      const dir = temps.make({ 'a.tf': US_PROVIDER, 'b.tf': BROKEN, 'c.tf': `# <&> "quotes"\n${VOLUME}` });
      const r = cli(['--format', 'junit', '.'], dir);
      assert.equal(r.status, 1);
      assert.equal(XMLValidator.validate(r.stdout), true);
      const doc = new XMLParser({
        ignoreAttributes: false,
        attributeNamePrefix: '',
        isArray: (name) => ['testsuite', 'testcase'].includes(name),
      }).parse(r.stdout) as {
        testsuites: {
          tests: string;
          failures: string;
          errors: string;
          testsuite: {
            name: string;
            tests: string;
            failures: string;
            errors: string;
            testcase: { classname: string; name: string; failure?: { message: string; type: string }; error?: { type: string } }[];
          }[];
        };
      };
      const suites = doc.testsuites.testsuite;
      assert.deepEqual(
        suites.map((s) => s.name),
        ['a.tf', 'b.tf', 'c.tf'],
      );
      let tests = 0;
      let failures = 0;
      let errors = 0;
      for (const s of suites) {
        assert.equal(Number(s.tests), s.testcase.length);
        assert.equal(Number(s.failures), s.testcase.filter((c) => c.failure).length);
        assert.equal(Number(s.errors), s.testcase.filter((c) => c.error).length);
        tests += s.testcase.length;
        failures += Number(s.failures);
        errors += Number(s.errors);
      }
      assert.deepEqual(
        [Number(doc.testsuites.tests), Number(doc.testsuites.failures), Number(doc.testsuites.errors)],
        [tests, failures, errors],
      );
      const expected = JSON.parse(cli(['--format', 'json', '.'], dir).stdout) as { findings: unknown[]; errors: unknown[] };
      assert.equal(failures, expected.findings.length);
      assert.equal(errors, expected.errors.length);
      assert.equal(errors, 1);
      const a = suites.find((s) => s.name.endsWith('a.tf'))!.testcase.find((c) => c.name.endsWith('non-eu-region'))!;
      assert.match(a.name, /a\.tf:2:12 non-eu-region$/);
      assert.equal(a.failure!.type, 'error');
      assert.match(a.failure!.message, /us-east-1/);
      assert.equal(suites.find((s) => s.name.endsWith('b.tf'))!.testcase[0]!.error!.type, 'syntax');
    });

    it('has one passing case on a clean run', () => {
      const dir = temps.make({ 'main.tf': 'provider "aws" {\n  region = "eu-west-3"\n}\n' });
      const r = cli(['--format', 'junit', '.'], dir);
      assert.equal(r.status, 0);
      assert.match(r.stdout, /<testsuites name="snclint" tests="1" failures="0" errors="0">/);
      assert.match(r.stdout, /<testcase classname="snclint" name="1 files checked"\/>/);
    });
  });

  describe('github', () => {
    it('writes one workflow command per finding, with escaped properties and data', () => {
      const dir = temps.make({ 'dir,x/main.tf': US_PROVIDER, 'b.tf': BROKEN });
      const r = cli(['--format', 'github', '.'], dir);
      assert.equal(r.status, 1);
      const lines = r.stdout
        .trimEnd()
        .split('\n')
        .filter((l) => /title=snclint (non-eu-region|syntax error)::/.test(l));
      assert.equal(lines.length, 2);
      assert.match(
        lines[0]!,
        /^::error file=dir%2Cx\/main\.tf,line=2,endLine=2,col=12,endColumn=23,title=snclint non-eu-region::provider "aws" uses region us-east-1/,
      );
      assert.match(lines[1]!, /^::error file=b\.tf,line=\d+,col=\d+,title=snclint syntax error::/);
    });

    it('uses warning and notice for lower severities', () => {
      const dir = temps.make({
        'main.tf': US_PROVIDER + VOLUME,
        '.snclint.yml': 'rules: { non-eu-region: warning, unencrypted-volume: info }\n',
      });
      const r = cli(['--format', 'github', '.'], dir);
      assert.equal(r.status, 0);
      const ours = r.stdout
        .trimEnd()
        .split('\n')
        .filter((l) => /title=snclint (non-eu-region|unencrypted-volume)::/.test(l));
      assert.deepEqual(
        ours.map((l) => l.split(' ')[0]),
        ['::warning', '::notice'],
      );
    });
  });

  describe('gitlab', () => {
    const validate = new Ajv({ allErrors: true }).compile(
      JSON.parse(fs.readFileSync(path.join(__dirname, 'fixtures/gitlab/code-quality.schema.json'), 'utf8')) as object,
    );

    it('writes Code Quality issues in the documented shape, with paths relative to the project', () => {
      const dir = temps.make({ 'infra/main.tf': US_PROVIDER + VOLUME, 'infra/b.tf': BROKEN });
      const r = cli(['--format', 'gitlab', path.join(dir, 'infra')], dir);
      assert.equal(r.status, 1);
      const issues = JSON.parse(r.stdout) as {
        check_name: string;
        severity: string;
        fingerprint: string;
        location: { path: string; lines: { begin: number } };
      }[];
      assert.ok(validate(issues), JSON.stringify(validate.errors));
      const rows = issues
        .filter((i) => UNDER_TEST.has(i.check_name) || i.check_name.startsWith('snclint-'))
        .map((i) => `${i.check_name} ${i.location.path}:${i.location.lines.begin} ${i.severity}`)
        .sort();
      assert.deepEqual(rows, [
        'non-eu-region infra/main.tf:2 major',
        'snclint-syntax-error infra/b.tf:1 major',
        'unencrypted-volume infra/main.tf:4 major',
      ]);
      assert.equal(new Set(issues.map((i) => i.fingerprint)).size, issues.length, 'fingerprints are unique');
      assert.ok(!validate([{ ...issues[0], severity: 'high' }]), 'the shape check can fail');
    });
  });

  describe('several formats in one run', () => {
    it('writes each format to its own file and stylish to stdout', () => {
      const dir = temps.make({ 'main.tf': US_PROVIDER });
      const r = cli(['--format', 'sarif=reports/out.sarif', '--format', 'junit=reports/junit.xml', '--format', 'stylish', '.'], dir);
      assert.equal(r.status, 1);
      assert.match(r.stdout, /non-eu-region/);
      assert.deepEqual(sarifErrors(JSON.parse(fs.readFileSync(path.join(dir, 'reports/out.sarif'), 'utf8'))), []);
      assert.match(fs.readFileSync(path.join(dir, 'reports/junit.xml'), 'utf8'), /^<\?xml/);
    });

    it('writes to --output, without colour', () => {
      const dir = temps.make({ 'main.tf': US_PROVIDER });
      const r = cli(['--output', 'report.txt', '.'], dir, { env: { FORCE_COLOR: '1' } });
      assert.equal(r.stdout, '');
      const text = fs.readFileSync(path.join(dir, 'report.txt'), 'utf8');
      assert.match(text, /non-eu-region/);
      assert.ok(!text.includes('\u001b['));
    });

    it('refuses two reports on one destination', () => {
      const dir = temps.make({ 'main.tf': US_PROVIDER });
      const r = cli(['--format', 'json', '--format', 'sarif', '.'], dir);
      assert.equal(r.status, 2);
      assert.match(r.stderr, /two reports would be written to standard output/);
    });
  });
});
