import { strict as assert } from 'node:assert';
import { SourceFile, languageOf } from '../../server/src/engine/source';
import { lint } from '../../server/src/lint/linter';
import { normalizePath } from '../../server/src/terraform/project';
import { ruleById } from '../../rules';

// The two rules these cases are written for; others may also report on the same files.
const RULES = [ruleById('non-eu-region')!, ruleById('unencrypted-volume')!];

const files = (tree: Record<string, string>): SourceFile[] => Object.entries(tree).map(([p, t]) => new SourceFile(p, t, languageOf(p)!));
const at = (f: { file: SourceFile; range: { start: number; end: number } }): string =>
  `${f.file.path}:${f.file.text.slice(f.range.start, f.range.end)}`;

const STORE = [
  'variable "region" {}',
  'variable "encrypted" {\n  default = true\n}',
  'locals {\n  az = "${var.region}a"\n}',
  'resource "aws_s3_bucket" "b" {\n  bucket = "data"\n  region = var.region\n}',
  'resource "aws_ebs_volume" "v" {\n  availability_zone = local.az\n  size              = 10\n  encrypted         = var.encrypted\n}',
  'output "bucket_region" {\n  value = var.region\n}',
  '',
].join('\n');

describe('Terraform local module calls', () => {
  it('reports a finding caused by an input at the call site, with the module line as related information', () => {
    const r = lint(
      files({
        'infra/main.tf': 'module "store" {\n  source    = "./modules/store"\n  region    = "us-east-1"\n  encrypted = false\n}\n',
        'infra/modules/store/main.tf': STORE,
      }),
      { rules: RULES },
    );
    assert.deepEqual(r.errors, []);
    // The bucket's region and the volume's zone (us-east-1a) both come from the input.
    assert.deepEqual(
      r.findings.map((f) => [f.ruleId, at(f)]),
      [
        ['non-eu-region', 'infra/main.tf:"us-east-1"'],
        ['non-eu-region', 'infra/main.tf:"us-east-1"'],
        ['unencrypted-volume', 'infra/main.tf:false'],
      ],
    );
    const region = r.findings[0]!;
    assert.match(region.message, /^module\.store: aws_s3_bucket\.b uses region us-east-1/);
    assert.deepEqual(
      region.related.map((x) => [at(x), x.message]),
      [['infra/modules/store/main.tf:var.region', 'Raised here, in module.store']],
    );
    assert.deepEqual(region.fixes, []);
  });

  it('says nothing for a module whose inputs are fine, or unknown, and nothing twice for what the module says on its own', () => {
    const r = lint(
      files({
        'infra/main.tf':
          'variable "region" {}\nmodule "ok" {\n  source = "./modules/store"\n  region = "eu-west-3"\n}\nmodule "unknown" {\n  source = "./modules/store"\n  region = var.region\n}\n',
        'infra/modules/store/main.tf': STORE.replace(/encrypted( +)= var.encrypted/, 'encrypted$1= false'),
      }),
      { rules: RULES },
    );
    assert.deepEqual(
      r.findings.map((f) => [f.ruleId, at(f)]),
      [['unencrypted-volume', 'infra/modules/store/main.tf:false']],
    );
  });

  it('reads a module called several times, override files merged, with each call its own inputs', () => {
    // The module's files are read once for all its calls: each call still gets its own values and instances.
    const r = lint(
      files({
        'infra/main.tf': [
          'module "paris" {\n  source = "./modules/disk"\n  zone   = "eu-west-3a"\n}',
          'module "virginia" {\n  source = "./modules/disk"\n  zone   = "us-east-1a"\n}',
          'module "two" {\n  source = "./modules/disk"\n  zone   = "us-west-2a"\n  disks  = 2\n}',
          '',
        ].join('\n'),
        'infra/modules/disk/main.tf':
          'variable "zone" {}\nvariable "disks" {\n  default = 1\n}\nresource "aws_ebs_volume" "v" {\n  count             = var.disks\n  availability_zone = "eu-west-1a"\n  size              = 10\n}\n',
        // The override file sets the zone from the input and leaves the volume unencrypted.
        'infra/modules/disk/override.tf':
          'resource "aws_ebs_volume" "v" {\n  availability_zone = var.zone\n  encrypted         = false\n}\n',
      }),
      { rules: RULES },
    );
    assert.deepEqual(r.errors, []);
    assert.deepEqual(r.findings.map((f) => [f.ruleId, at(f)]).sort(), [
      // A value from an override file is placed at the header of the block it is merged into.
      ['non-eu-region', 'infra/main.tf:module "two"'],
      ['non-eu-region', 'infra/main.tf:module "virginia"'],
      ['unencrypted-volume', 'infra/modules/disk/main.tf:resource "aws_ebs_volume" "v"'],
    ]);
    assert.equal(r.findings.filter((f) => f.message.startsWith('module.two')).length, 1, 'two disks of one call, reported once');
  });

  it('follows nested local modules and reports at the outermost call', () => {
    const r = lint(
      files({
        'live/main.tf': 'module "app" {\n  source = "../modules/app"\n  where  = "ap-south-1"\n}\n',
        'modules/app/main.tf': 'variable "where" {}\nmodule "store" {\n  source = "../store"\n  region = var.where\n}\n',
        'modules/store/main.tf': STORE,
      }),
      { rules: RULES },
    );
    assert.deepEqual(
      r.findings.map((f) => [f.ruleId, at(f)]),
      [
        ['non-eu-region', 'live/main.tf:"ap-south-1"'],
        ['non-eu-region', 'live/main.tf:"ap-south-1"'],
      ],
    );
    assert.match(r.findings[0]!.related[0]!.message, /module\.app\.module\.store/);
  });

  it("passes a module another module's output whatever the order of the calls", () => {
    // Terraform orders calls by what they refer to, not by where they are written.
    const r = lint(
      files({
        'infra/main.tf': [
          'module "store" {\n  source = "./modules/store"\n  region = module.where.region\n}',
          'module "where" {\n  source = "./modules/where"\n}',
          '',
        ].join('\n'),
        'infra/modules/store/main.tf': STORE,
        'infra/modules/where/main.tf': 'output "region" {\n  value = "us-east-2"\n}\n',
      }),
      { rules: RULES },
    );
    assert.deepEqual(r.errors, []);
    assert.deepEqual(
      r.findings.map((f) => [f.ruleId, at(f)]),
      [
        ['non-eu-region', 'infra/main.tf:module.where.region'],
        ['non-eu-region', 'infra/main.tf:module.where.region'],
      ],
    );
  });

  it('evaluates the outputs of local modules, and leaves registry module outputs unknown', () => {
    const tree = files({
      'infra/main.tf':
        'module "ok" {\n  source = "./modules/store"\n  region = "eu-west-3"\n}\nmodule "remote" {\n  source  = "terraform-aws-modules/s3-bucket/aws"\n  version = "4.0.0"\n}\nprovider "aws" {\n  region = module.ok.bucket_region\n}\nprovider "aws" {\n  alias  = "r"\n  region = module.remote.region\n}\n',
      'infra/modules/store/main.tf': STORE,
    });
    // Lint first: linking modules is part of the run.
    const r = lint(tree, { rules: RULES });
    assert.deepEqual(r.findings, []);
    const withUs = lint(
      files({ 'infra/main.tf': tree[0]!.text.replace('"eu-west-3"', '"us-west-1"'), 'infra/modules/store/main.tf': STORE }),
      { rules: RULES },
    );
    assert.deepEqual(withUs.findings.map((f) => [f.ruleId, at(f)]).sort(), [
      ['non-eu-region', 'infra/main.tf:"us-west-1"'],
      ['non-eu-region', 'infra/main.tf:"us-west-1"'],
      ['non-eu-region', 'infra/main.tf:module.ok.bucket_region'],
    ]);
  });

  it("gives a called module the caller's provider configurations: inherited default, or passed in providers", () => {
    const tree = files({
      'infra/main.tf': [
        'variable "region" {\n  default = "eu-west-3"\n}',
        'provider "aws" {\n  region = var.region\n}',
        'provider "aws" {\n  alias  = "us"\n  region = "us-east-1"\n}',
        'module "inherits" {\n  source = "./modules/m"\n}',
        'module "passed" {\n  source    = "./modules/m"\n  providers = { aws = aws.us }\n}',
        '',
      ].join('\n'),
      'infra/modules/m/main.tf': 'resource "aws_s3_bucket" "b" {}\n',
    });
    lint(tree, { rules: [] });
    const r = lint(tree, {
      rules: [
        {
          meta: { ...RULES[0]!.meta, messages: { called: 'called {{region}}' } },
          check: (ctx) => {
            // Only modules seen through a call report: what a module reports on its own place hides a call's report there.
            for (const m of ctx.terraform.filter((x) => x.use)) {
              for (const b of m.resourcesOf('aws_s3_bucket')) {
                const p = m.providerFor(b.block);
                const v = p ? m.attr(p.block, 'region')?.value : undefined;
                ctx.report({
                  file: b.file,
                  range: b.block.headerRange,
                  messageId: 'called',
                  data: { region: v?.kind === 'string' ? v.value : 'none' },
                });
              }
            }
          },
        },
      ],
    });
    assert.deepEqual(r.findings.map((f) => f.message.replace(/^module\.\w+: /, '')).sort(), ['called eu-west-3', 'called us-east-1']);
  });

  it('normalises module paths', () => {
    assert.equal(normalizePath('infra/./modules/../modules/x/'), 'infra/modules/x');
    assert.equal(normalizePath('/a/b/../../c'), '/c');
    assert.equal(normalizePath('../x/./y'), '../x/y');
    assert.equal(normalizePath('a\\b\\..\\c'), 'a/c');
  });
});
