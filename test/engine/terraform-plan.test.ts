import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SourceFile } from '../../server/src/engine/source';
import { lint } from '../../server/src/lint/linter';
import { isTerraformPlan, parsePlanJson } from '../../server/src/terraform/plan';
import { ruleById } from '../../rules';

// The two rules these cases are written for; others may also report on the same files.
const RULES = [ruleById('non-eu-region')!, ruleById('unencrypted-volume')!];

// A plan in the format `terraform show -json plan.out` writes (format_version 1.2), cut down to
// the parts snclint reads, with one value known only after apply.
const PLAN = join(__dirname, '..', 'fixtures', 'plan', 'plan.json');

describe('Terraform plan JSON', () => {
  const text = readFileSync(PLAN, 'utf8');

  it('is told apart from manifests and configuration', () => {
    assert.equal(isTerraformPlan(text), true);
    assert.equal(isTerraformPlan('{ "apiVersion": "v1", "kind": "Pod" }'), false);
    assert.equal(isTerraformPlan('{ "resource": { "aws_s3_bucket": { "b": {} } } }'), false);
  });

  it('reads resources of the root and child modules with their plan addresses, and root providers', () => {
    const f = parsePlanJson(text);
    assert.deepEqual(f.problems, []);
    assert.deepEqual(
      f.body.blocks.map((b) => `${b.type} ${b.address ?? b.labels.join('.')}`),
      [
        'resource aws_ebs_volume.data',
        'resource aws_ebs_volume.computed',
        'resource module.storage.aws_s3_bucket.logs[0]',
        'provider aws',
        'provider aws',
      ],
    );
  });

  it('reports findings against plan addresses and plan lines, without fixes, and nothing for values known only after apply', () => {
    const file = new SourceFile('plan.json', text, 'json');
    const r = lint([file], { rules: RULES });
    assert.deepEqual(r.errors, []);
    const got = r.findings.map((f) => [f.ruleId, file.positionAt(f.range.start).line + 1, f.message.split(',')[0], f.fixes.length]);
    assert.deepEqual(got, [
      ['non-eu-region', 5, 'provider "aws" uses region us-east-1 (N. Virginia', 0],
      ['unencrypted-volume', 19, 'aws_ebs_volume.data is not encrypted: encrypted is false.', 0],
      ['non-eu-region', 57, 'module.storage.aws_s3_bucket.logs[0] uses region ap-southeast-2 (Sydney', 0],
    ]);
  });

  it('reports a plan of an unsupported format version', () => {
    const r = lint([new SourceFile('plan.json', text.replace('"format_version": "1.2"', '"format_version": "2.0"'), 'json')], {
      rules: RULES,
    });
    assert.deepEqual(
      r.errors.map((e) => e.message),
      ['Unsupported Terraform plan format_version 2.0: snclint reads format 1.x.'],
    );
  });
});
