/** A hostile repository cannot make snclint read outside the project: var files, links, module sources. */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Temps, cli, ensureBuilt } from '../harness/cli';
import { SourceFile } from '../../server/src/engine/source';
import { moduleSiblings } from '../../server/src/lsp/module-files';
import { Project } from '../../server/src/workspace/confine';

const TOKEN = 'ghp_Q8w3ZrT5yU7iO9pA1sD2fG4hJ6kL8zX0cV3b';
const FORMATS = ['stylish', 'json', 'sarif', 'junit', 'github', 'gitlab'];
const GIT = { '.git/HEAD': 'ref: refs/heads/main\n' };

describe('security: confinement to the project', function () {
  this.timeout(60000);
  const temps = new Temps();
  before(ensureBuilt);
  after(() => temps.cleanup());

  it('never reads a var file named by the configuration outside the repository, by absolute or relative path', () => {
    const outside = temps.make({ token: `${TOKEN}\n` });
    const repo = temps.make({
      ...GIT,
      'infra/main.tf': 'variable "region" {}\n',
      'infra/.snclint.yml': `terraform: { varFiles: [${path.join(outside, 'token')}, ../../${path.basename(outside)}/token] }\n`,
    });
    for (const format of FORMATS) {
      const r = cli(['--format', format, 'infra'], repo);
      assert.equal(r.status, 1, `${format}: a refused file counts as an error`);
      assert.ok(!(r.stdout + r.stderr).includes(TOKEN.slice(4)), `${format}: the token is never printed`);
    }
    const json = JSON.parse(cli(['--format', 'json', 'infra'], repo).stdout) as { errors: { kind: string; message: string }[] };
    assert.ok(
      json.errors.length >= 1 && json.errors.every((e) => e.kind === 'skipped' && /outside the project/.test(e.message)),
      JSON.stringify(json.errors),
    );
  });

  it('does not follow a symbolic link that leaves the project, to a file or a folder', () => {
    const outside = temps.make({ 'secret.tf': `${TOKEN}\n`, 'dir/main.tf': 'provider "aws" {\n  region = "us-east-1"\n}\n' });
    const repo = temps.make({ ...GIT, 'main.tf': '# clean\n' });
    fs.symlinkSync(path.join(outside, 'secret.tf'), path.join(repo, 'link.tf'));
    fs.symlinkSync(path.join(outside, 'dir'), path.join(repo, 'system'));
    const r = cli(['--format', 'json', '.'], repo);
    const json = JSON.parse(r.stdout) as { findings: { file: string }[]; errors: { file: string; kind: string; message: string }[] };
    assert.deepEqual(
      json.findings.filter((f) => f.file !== 'main.tf'),
      [],
    );
    assert.deepEqual(json.errors.map((e) => [e.file, e.kind]).sort(), [
      ['link.tf', 'skipped'],
      ['system', 'skipped'],
    ]);
    assert.ok(!r.stdout.includes(TOKEN.slice(4)));
  });

  it('follows links that stay inside the project, and trusts paths named on the command line', () => {
    const outside = temps.make({ 'main.tf': 'provider "aws" {\n  region = "us-east-1"\n}\n' });
    const repo = temps.make({ ...GIT, 'real/main.tf': 'provider "aws" {\n  region = "us-east-1"\n}\n' });
    fs.symlinkSync(path.join(repo, 'real'), path.join(repo, 'alias'));
    const inside = JSON.parse(cli(['--format', 'json', 'alias'], repo).stdout) as { findings: { ruleId: string }[] };
    assert.ok(inside.findings.some((f) => f.ruleId === 'non-eu-region'));
    const named = JSON.parse(cli(['--format', 'json', outside], repo).stdout) as { findings: { ruleId: string }[] };
    assert.ok(
      named.findings.some((f) => f.ruleId === 'non-eu-region'),
      'a folder the user names is linted wherever it is',
    );
  });

  it('outside a repository, the project is the paths named: a var file above them is not read', () => {
    const dir = temps.make({
      'env/prod.tfvars': 'region = "us-east-1"\n',
      'infra/main.tf': 'variable "region" {}\nprovider "aws" {\n  region = var.region\n}\n',
      'infra/.snclint.yml': 'terraform: { varFiles: [../env/prod.tfvars] }\n',
    });
    const json = JSON.parse(cli(['--format', 'json', 'infra'], dir).stdout) as {
      errors: { kind: string }[];
      findings: { ruleId: string }[];
    };
    assert.deepEqual(
      json.errors.map((e) => e.kind),
      ['skipped'],
    );
    assert.ok(!json.findings.some((f) => f.ruleId === 'non-eu-region'));
    const whole = JSON.parse(cli(['--format', 'json', '.'], dir).stdout) as { errors: unknown[]; findings: { ruleId: string }[] };
    assert.deepEqual(whole.errors, [], 'named from the folder above, the var file is inside the project');
    assert.ok(whole.findings.some((f) => f.ruleId === 'non-eu-region'));
  });

  it('the editor reads no module source or var file outside the project', () => {
    const outside = temps.make({
      'mod/main.tf': 'resource "aws_ebs_volume" "v" {\n  size = 1\n}\n',
      'vars.tfvars': 'region = "us-east-1"\n',
    });
    const repo = temps.make({ ...GIT, 'local/main.tf': 'resource "aws_ebs_volume" "w" {\n  size = 1\n}\n' });
    const rel = path.relative(repo, path.join(outside, 'mod'));
    const text = `module "in" {\n  source = "./local"\n}\nmodule "out" {\n  source = "${rel}"\n}\n`;
    const file = new SourceFile(path.join(repo, 'main.tf'), text, 'terraform');
    const read = moduleSiblings(file, () => undefined, [path.join(outside, 'vars.tfvars')], Project.of([repo])).map((f) => f.path);
    assert.deepEqual(read, [path.join(repo, 'local', 'main.tf')]);
  });
});
