/** Suppression comments and annotations: what they hide, and how bad ones are reported. */
import { strict as assert } from 'node:assert';
import { SourceFile, languageOf } from '../../server/src/engine/source';
import { lint } from '../../server/src/lint/linter';
import { applyEdits, fixEdits } from '../../server/src/engine/fixer';
import { DEFAULT_SETTINGS, type Settings } from '../../server/src/config/settings';
import { RULES } from '../../rules';
import type { LintResult } from '../../server/src/engine/types';
import { INVALID_SUPPRESSION } from '../../server/src/lint/suppressions';

const TODAY = '2026-06-15';
const VOLUME = 'resource "aws_ebs_volume" "v" {\n  size = 10\n}\n';

/** The rules these tests exercise: findings of rules added later do not change what is checked here. */
const UNDER_TEST = new Set(['non-eu-region', 'unencrypted-volume', 'weak-tls', 'admin-without-mfa', 'invalid-suppression']);

function run(name: string, text: string, settings: Partial<Settings> = {}): LintResult {
  const file = new SourceFile(name, text, languageOf(name)!);
  const result = lint([file], { rules: RULES, settings: { ...DEFAULT_SETTINGS, ...settings }, today: TODAY });
  return { ...result, findings: result.findings.filter((f) => UNDER_TEST.has(f.ruleId)) };
}

/** `rule@line: message` for each finding. */
function seen(r: LintResult): string[] {
  return r.findings.map((f) => `${f.ruleId}@${f.file.positionAt(f.range.start).line + 1}: ${f.message}`);
}

describe('suppressions', () => {
  it('reports the unsuppressed finding (baseline for the cases below)', () => {
    assert.deepEqual(
      run('main.tf', VOLUME).findings.map((f) => f.ruleId),
      ['unencrypted-volume'],
    );
  });

  it('hides a finding with a # comment on the line above, keeping the reason', () => {
    const r = run('main.tf', `# snclint:ignore unencrypted-volume -- scratch disk, holds no data\n${VOLUME}`);
    assert.deepEqual(seen(r), []);
    assert.equal(r.suppressed?.length, 1);
    const s = r.suppressed![0]!;
    assert.equal(s.finding.ruleId, 'unencrypted-volume');
    assert.equal(s.reason, 'scratch disk, holds no data');
    assert.equal(s.kind, 'comment');
    assert.equal(s.until, undefined);
  });

  it('hides a finding with a // comment at the end of the line, and an until date in the future', () => {
    const r = run(
      'main.tf',
      `resource "aws_ebs_volume" "v" { // snclint:ignore unencrypted-volume until=2026-06-15 -- migrating in June\n  size = 10\n}\n`,
    );
    assert.deepEqual(seen(r), []);
    assert.equal(r.suppressed![0]!.until, '2026-06-15');
  });

  it('covers the whole block when written above its first line, across blank and comment lines', () => {
    const code =
      'resource "aws_launch_template" "t" {\n  block_device_mappings {\n    device_name = "/dev/xvda"\n    ebs {\n      encrypted = false\n    }\n  }\n}\n';
    assert.equal(run('main.tf', code).findings.length, 1, 'the finding is inside the block');
    const r = run('main.tf', `# snclint:ignore unencrypted-volume -- AMI copies only\n\n# (reviewed 2026-05)\n${code}`);
    assert.deepEqual(seen(r), []);
    assert.equal(r.suppressed!.length, 1);
  });

  it('covers a whole attribute written over several lines when written above it', () => {
    const policy = (comment: string) =>
      `resource "aws_iam_policy" "p" {\n  name = "admin"\n${comment}  policy = jsonencode({\n    Version = "2012-10-17"\n    Statement = [{\n      Effect   = "Allow"\n      Action   = "*"\n      Resource = "*"\n    }]\n  })\n}\n`;
    assert.deepEqual(
      seen(run('main.tf', policy(''))).map((x) => x.split(':')[0]),
      ['admin-without-mfa@7'],
      'the finding is lines below the attribute',
    );
    const r = run('main.tf', policy('  # snclint:ignore admin-without-mfa -- break-glass role, MFA enforced by the IdP\n'));
    assert.deepEqual(seen(r), []);
    assert.equal(r.suppressed!.length, 1);
  });

  it('does not hide findings of other rules or on other lines', () => {
    const r = run('main.tf', `# snclint:ignore weak-tls -- not this one\n${VOLUME}`);
    assert.deepEqual(
      seen(r).map((s) => s.split(':')[0]),
      ['invalid-suppression@1', 'unencrypted-volume@2'],
    );
    assert.equal(r.findings[0]!.message, 'The suppression of weak-tls suppresses nothing here.');
  });

  it('names several rules separated by commas', () => {
    const code = `provider "aws" { # snclint:ignore non-eu-region,weak-tls -- US mirror for the status page\n  region = "us-east-1"\n}\n`;
    const r = run('main.tf', code);
    assert.deepEqual(seen(r), ['invalid-suppression@1: The suppression of weak-tls suppresses nothing here.']);
    assert.equal(r.findings[0]!.fixes.length, 0, 'only a wholly unused suppression is removed by a fix');
  });

  it('reports a missing reason, and does not suppress', () => {
    const r = run('main.tf', `# snclint:ignore unencrypted-volume\n${VOLUME}`);
    assert.deepEqual(
      seen(r).map((s) => s.split(':')[0]),
      ['invalid-suppression@1', 'unencrypted-volume@2'],
    );
    assert.match(r.findings[0]!.message, /The suppression of unencrypted-volume gives no reason: add "-- <reason>"/);
    assert.equal(r.findings[0]!.severity, 'warning');
    const c = r.findings[0]!;
    assert.equal(c.file.text.slice(c.range.start, c.range.end), '# snclint:ignore unencrypted-volume');
  });

  it('reports an expired suppression, and the finding comes back', () => {
    const r = run('main.tf', `# snclint:ignore unencrypted-volume until=2026-06-14 -- until the migration\n${VOLUME}`);
    assert.deepEqual(
      seen(r).map((s) => s.split(':')[0]),
      ['invalid-suppression@1', 'unencrypted-volume@2'],
    );
    assert.match(r.findings[0]!.message, /expired on 2026-06-14/);
  });

  it('reports an impossible date, an unknown rule, and a suppression that names no rule', () => {
    assert.match(
      run('main.tf', `# snclint:ignore unencrypted-volume until=2026-02-30 -- x\n${VOLUME}`).findings[0]!.message,
      /until=2026-02-30 is not a date/,
    );
    assert.match(
      run('main.tf', `# snclint:ignore unencrypted-volumes -- typo\n${VOLUME}`).findings[0]!.message,
      /snclint has no rule "unencrypted-volumes" to suppress/,
    );
    assert.match(run('main.tf', `# snclint:ignore -- why\n${VOLUME}`).findings[0]!.message, /names no rule/);
  });

  it('reports an unused suppression with a safe fix that removes it, and the fixed text is clean', () => {
    const code = `# snclint:ignore unencrypted-volume -- old\nresource "aws_ebs_volume" "v" {\n  size      = 10\n  encrypted = true # snclint:ignore unencrypted-volume -- old too\n}\n`;
    const r = run('main.tf', code);
    assert.deepEqual(
      seen(r).map((s) => s.split(':')[0]),
      ['invalid-suppression@1', 'invalid-suppression@4'],
    );
    const fixed = applyEdits(code, fixEdits(r.findings, 'safe')).text;
    assert.equal(fixed, 'resource "aws_ebs_volume" "v" {\n  size      = 10\n  encrypted = true\n}\n');
    assert.deepEqual(seen(run('main.tf', fixed)), []);
  });

  it('says nothing of an unused suppression for a rule turned off', () => {
    const r = run('main.tf', `# snclint:ignore unencrypted-volume -- handled elsewhere\n${VOLUME}`, {
      rules: { 'unencrypted-volume': 'off' },
    });
    assert.deepEqual(seen(r), []);
  });

  it('can itself be turned off or raised', () => {
    const text = `# snclint:ignore unencrypted-volume\n${VOLUME}`;
    assert.deepEqual(
      seen(run('main.tf', text, { rules: { 'invalid-suppression': 'off' } })).map((s) => s.split('@')[0]),
      ['unencrypted-volume'],
    );
    assert.equal(run('main.tf', text, { rules: { 'invalid-suppression': 'error' } }).findings[0]!.severity, 'error');
  });

  it('ignores the directive text inside strings and non-directive comments', () => {
    const code = `resource "aws_ebs_volume" "v" {\n  size = 10\n  tags = { note = "# snclint:ignore unencrypted-volume -- no" }\n}\n# see snclint:ignore docs\n`;
    assert.deepEqual(
      seen(run('main.tf', code)).map((s) => s.split(':')[0]),
      ['unencrypted-volume@1'],
    );
  });

  it('behaves as its documented examples say', () => {
    for (const e of INVALID_SUPPRESSION.examples.good) assert.deepEqual(seen(run('main.tf', e.code)), [], e.code);
    for (const e of INVALID_SUPPRESSION.examples.bad)
      assert.ok(
        run('main.tf', e.code).findings.some((f) => f.ruleId === 'invalid-suppression'),
        e.code,
      );
  });

  describe('YAML', () => {
    const SC =
      'apiVersion: storage.k8s.io/v1\nkind: StorageClass\nmetadata:\n  name: gp3\nprovisioner: ebs.csi.aws.com\nparameters:\n  type: gp3\n';

    it('hides a finding with a comment above the reported line and at its end', () => {
      const base = run('sc.yaml', SC);
      assert.equal(base.findings.length, 1);
      const line = base.findings[0]!.file.positionAt(base.findings[0]!.range.start).line;
      const lines = SC.split('\n');
      const above = [...lines.slice(0, line), '# snclint:ignore unencrypted-volume -- test cluster', ...lines.slice(line)].join('\n');
      assert.deepEqual(seen(run('sc.yaml', above)), []);
      const end = lines.map((l, i) => (i === line ? `${l}  # snclint:ignore unencrypted-volume -- test cluster` : l)).join('\n');
      assert.deepEqual(seen(run('sc.yaml', end)), []);
    });

    it('does not read a # inside a quoted value as a comment', () => {
      const text = SC.replace('name: gp3', 'name: gp3\n  labels: { note: "a #snclint:ignore unencrypted-volume -- x" }');
      assert.equal(
        run('sc.yaml', text)
          .findings.map((f) => f.ruleId)
          .join(),
        'unencrypted-volume',
      );
    });

    it('hides every finding of a whole object with the snclint/ignore annotation', () => {
      const text = SC.replace(
        'name: gp3',
        'name: gp3\n  annotations:\n    snclint/ignore: "unencrypted-volume until=2027-01-01 -- encrypted by the storage array"',
      );
      const r = run('sc.yaml', text);
      assert.deepEqual(seen(r), []);
      assert.equal(r.suppressed![0]!.kind, 'annotation');
      assert.equal(r.suppressed![0]!.reason, 'encrypted by the storage array');
    });

    it('reports a bad annotation on its value, and an unused one', () => {
      const bad = run('sc.yaml', SC.replace('name: gp3', 'name: gp3\n  annotations:\n    snclint/ignore: unencrypted-volume'));
      assert.deepEqual(
        seen(bad).map((s) => s.split(':')[0]),
        ['invalid-suppression@6', 'unencrypted-volume@8'],
      );
      const unused = run('sc.yaml', SC.replace('name: gp3', 'name: gp3\n  annotations:\n    snclint/ignore: "weak-tls -- none"'));
      assert.match(unused.findings.find((f) => f.ruleId === 'invalid-suppression')!.message, /weak-tls suppresses nothing/);
    });
  });
});
