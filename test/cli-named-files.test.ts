/** Terraform files named one by one (as a pre-commit hook passes staged files) are judged with their module, and only their findings are reported. */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import { Temps, cli, ensureBuilt } from './harness/cli';
import type { JsonReport } from '../server/src/output/json';

const VARIABLES = 'variable "region" {\n  default = "us-east-1"\n}\n\nresource "aws_ebs_volume" "other" {\n  size = 1\n}\n';
const MAIN = 'provider "aws" {\n  region = var.region\n}\n\nresource "aws_ebs_volume" "v" {\n  size      = 1\n  encrypted = true\n}\n';

function rows(stdout: string): string[] {
  const r = JSON.parse(stdout) as JsonReport;
  return r.findings.filter((f) => f.ruleId !== 'extraterritorial-provider').map((f) => `${f.file}:${f.line} ${f.ruleId}`);
}

describe('cli named files', function () {
  this.timeout(60000);
  const temps = new Temps();
  before(ensureBuilt);
  after(() => temps.cleanup());

  it('reads the module of a named file for context and reports only the named file', () => {
    const dir = temps.make({ 'infra/variables.tf': VARIABLES, 'infra/main.tf': MAIN, 'infra/broken.tf': 'resource "x" "y" {\n' });
    const r = cli(['--format', 'json', 'infra/main.tf'], dir);
    assert.deepEqual(rows(r.stdout), ['infra/main.tf:2 non-eu-region'], 'the region comes from the variable default in variables.tf');
    assert.deepEqual((JSON.parse(r.stdout) as JsonReport).errors, [], "a context file that does not parse is not this run's error");
    assert.equal((JSON.parse(r.stdout) as JsonReport).summary.files, 1);
  });

  it('a folder is linted whole, as before', () => {
    const dir = temps.make({ 'infra/variables.tf': VARIABLES, 'infra/main.tf': MAIN });
    assert.deepEqual(rows(cli(['--format', 'json', 'infra'], dir).stdout).sort(), [
      'infra/main.tf:2 non-eu-region',
      'infra/variables.tf:5 unencrypted-volume',
    ]);
  });

  it('--fix changes only the named files', () => {
    const dir = temps.make({ 'infra/variables.tf': VARIABLES, 'infra/main.tf': MAIN });
    cli(['--fix', '--unsafe', 'infra/main.tf'], dir);
    assert.equal(fs.readFileSync(`${dir}/infra/variables.tf`, 'utf8'), VARIABLES);
  });
});
