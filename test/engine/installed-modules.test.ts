import { strict as assert } from 'node:assert';
import { SourceFile, languageOf } from '../../server/src/engine/source';
import { lint } from '../../server/src/lint/linter';
import { ruleById } from '../../rules';
import { canonicalSource, versionMatches } from '../../server/src/terraform/installed';

// The rules these cases are written for; others may also report on the same files.
const RULES = [ruleById('non-eu-region')!, ruleById('unencrypted-volume')!, ruleById('module-not-installed')!];

const files = (tree: Record<string, string>): SourceFile[] => Object.entries(tree).map(([p, t]) => new SourceFile(p, t, languageOf(p)!));
const at = (f: { file: SourceFile; range: { start: number; end: number } }): string =>
  `${f.file.path}:${f.file.text.slice(f.range.start, f.range.end)}`;
const manifest = (...entries: { Key: string; Source: string; Version?: string; Dir: string }[]): string =>
  JSON.stringify({ Modules: [{ Key: '', Source: '', Dir: '.' }, ...entries] });

/** A module with a volume whose encryption and zone come from variables, and an output. */
const VOLUME_MODULE = [
  'variable "encrypted" {\n  default = true\n}',
  'variable "zone" {\n  default = "eu-west-3a"\n}',
  'resource "aws_ebs_volume" "v" {\n  availability_zone = var.zone\n  size              = 10\n  encrypted         = var.encrypted\n}',
  'output "zone" {\n  value = var.zone\n}',
  '',
].join('\n');

describe('Terraform modules installed by init', () => {
  it('follows a registry call through modules.json and reports at the argument, with the installed source and version', () => {
    const r = lint(
      files({
        'infra/main.tf': 'module "disk" {\n  source    = "acme/disk/aws"\n  version   = "~> 1.2"\n  encrypted = false\n}\n',
        'infra/.terraform/modules/modules.json': manifest({
          Key: 'disk',
          Source: 'registry.terraform.io/acme/disk/aws',
          Version: '1.2.7',
          Dir: '.terraform/modules/disk',
        }),
        'infra/.terraform/modules/disk/main.tf': VOLUME_MODULE,
      }),
      { rules: RULES },
    );
    assert.deepEqual(r.errors, []);
    assert.deepEqual(
      r.findings.map((f) => [f.ruleId, at(f)]),
      [['unencrypted-volume', 'infra/main.tf:false']],
    );
    const f = r.findings[0]!;
    assert.equal(
      f.message,
      'module.disk (registry.terraform.io/acme/disk/aws 1.2.7): aws_ebs_volume.v is not encrypted: encrypted is false.',
    );
    assert.deepEqual(
      f.related.map((x) => [at(x), x.message]),
      [['infra/.terraform/modules/disk/main.tf:var.encrypted', 'Raised here, in module.disk']],
    );
    assert.deepEqual(f.fixes, []);
  });

  it('reports what the installed module holds on its own at the call header, and never in .terraform/', () => {
    const r = lint(
      files({
        'main.tf': 'module "disk" {\n  source = "acme/disk/aws"\n}\n',
        '.terraform/modules/modules.json': manifest({
          Key: 'disk',
          Source: 'registry.terraform.io/acme/disk/aws',
          Version: '1.0.0',
          Dir: '.terraform/modules/disk',
        }),
        '.terraform/modules/disk/main.tf': VOLUME_MODULE.replace(
          'encrypted         = var.encrypted',
          'encrypted         = false # snclint:ignore weak-tls -- not used here',
        ),
        '.terraform/modules/disk/broken.tf': 'resource "x" {\n',
      }),
      { rules: RULES },
    );
    assert.deepEqual(r.errors, [], "syntax problems and suppressions of installed files are not the user's");
    assert.deepEqual(
      r.findings.map((f) => [f.ruleId, at(f)]),
      [['unencrypted-volume', 'main.tf:module "disk"']],
    );
  });

  it('follows a git source with ?ref= and outputs flow back to the caller', () => {
    const r = lint(
      files({
        'env/main.tf':
          'module "net" {\n  source = "git::https://example.com/net.git?ref=v2.1.0"\n  zone   = "us-east-1a"\n}\n\nresource "aws_s3_bucket" "b" {\n  bucket = "b"\n  region = module.net.zone\n}\n',
        'env/.terraform/modules/modules.json': manifest({
          Key: 'net',
          Source: 'git::https://example.com/net.git?ref=v2.1.0',
          Dir: '.terraform/modules/net',
        }),
        'env/.terraform/modules/net/main.tf':
          'variable "zone" {}\n\noutput "zone" {\n  value = substr(var.zone, 0, length(var.zone) - 1)\n}\n',
      }),
      { rules: RULES },
    );
    assert.deepEqual(
      r.findings.map((f) => [f.ruleId, at(f)]),
      [['non-eu-region', 'env/main.tf:module.net.zone']],
    );
  });

  it('resolves nested calls by key: a local call inside a registry module, a registry call inside a local module', () => {
    const r = lint(
      files({
        'root/main.tf':
          'module "eks" {\n  source    = "acme/eks/aws"\n  encrypted = false\n}\n\nmodule "app" {\n  source = "./modules/app"\n}\n',
        'root/modules/app/main.tf': 'module "vol" {\n  source = "acme/bucket/aws"\n  region = "us-east-1"\n}\n',
        'root/.terraform/modules/modules.json': manifest(
          { Key: 'eks', Source: 'registry.terraform.io/acme/eks/aws', Version: '3.0.0', Dir: '.terraform/modules/eks' },
          { Key: 'eks.kms', Source: './modules/kms', Dir: '.terraform/modules/eks/modules/kms' },
          { Key: 'app', Source: './modules/app', Dir: 'modules/app' },
          { Key: 'app.vol', Source: 'registry.terraform.io/acme/bucket/aws', Version: '1.0.0', Dir: '.terraform/modules/app.vol' },
        ),
        'root/.terraform/modules/eks/main.tf':
          'variable "encrypted" {}\n\nmodule "kms" {\n  source    = "./modules/kms"\n  encrypted = var.encrypted\n}\n',
        'root/.terraform/modules/eks/modules/kms/main.tf': VOLUME_MODULE,
        'root/.terraform/modules/app.vol/main.tf':
          'variable "region" {}\n\nresource "aws_s3_bucket" "b" {\n  bucket = "b"\n  region = var.region\n}\n',
      }),
      { rules: RULES },
    );
    assert.deepEqual(r.errors, []);
    // As for local calls, a finding is reported at the outermost call of the user's root module.
    assert.deepEqual(
      r.findings.map((f) => [f.ruleId, at(f), f.message]),
      [
        [
          'unencrypted-volume',
          'root/main.tf:false',
          'module.eks.module.kms (registry.terraform.io/acme/eks/aws 3.0.0): aws_ebs_volume.v is not encrypted: encrypted is false.',
        ],
        [
          'non-eu-region',
          'root/main.tf:module "app"',
          'module.app.module.vol (registry.terraform.io/acme/bucket/aws 1.0.0): aws_s3_bucket.b uses region us-east-1 (N. Virginia, US) (evaluated from var.region), outside the European Union.',
        ],
      ],
    );
    assert.deepEqual(
      r.findings[1]!.related.map((x) => at(x)),
      ['root/.terraform/modules/app.vol/main.tf:var.region'],
    );
  });

  it('resolves a registry call inside a registry module by its key, installed in its own folder', () => {
    const r = lint(
      files({
        'main.tf': 'module "eks" {\n  source    = "acme/eks/aws"\n  encrypted = false\n}\n',
        '.terraform/modules/modules.json': manifest(
          { Key: 'eks', Source: 'registry.terraform.io/acme/eks/aws', Version: '3.0.0', Dir: '.terraform/modules/eks' },
          { Key: 'eks.disk', Source: 'registry.terraform.io/acme/disk/aws', Version: '1.1.0', Dir: '.terraform/modules/eks.disk' },
        ),
        '.terraform/modules/eks/main.tf':
          'variable "encrypted" {}\n\nmodule "disk" {\n  source    = "acme/disk/aws"\n  version   = "~> 9.0"\n  encrypted = var.encrypted\n}\n',
        '.terraform/modules/eks.disk/main.tf': VOLUME_MODULE,
      }),
      { rules: RULES },
    );
    // A version constraint inside an installed module is its authors' business, not a finding.
    assert.deepEqual(
      r.findings.map((f) => [f.ruleId, at(f), f.message.split(': ')[0]]),
      [['unencrypted-volume', 'main.tf:false', 'module.eks.module.disk (registry.terraform.io/acme/disk/aws 1.1.0)']],
    );
  });

  it('judges each instance of a for_each over a registry call, reporting once', () => {
    const r = lint(
      files({
        'main.tf': 'module "disk" {\n  for_each  = toset(["a", "b"])\n  source    = "acme/disk/aws"\n  encrypted = false\n}\n',
        '.terraform/modules/modules.json': manifest({
          Key: 'disk',
          Source: 'registry.terraform.io/acme/disk/aws',
          Version: '1.0.0',
          Dir: '.terraform/modules/disk',
        }),
        '.terraform/modules/disk/main.tf': VOLUME_MODULE,
      }),
      { rules: RULES },
    );
    assert.deepEqual(
      r.findings.map((f) => [f.ruleId, at(f)]),
      [['unencrypted-volume', 'main.tf:false']],
    );
  });

  it('says once per root module how many calls are not installed; a setting silences it', () => {
    const tree = {
      'live/main.tf':
        'module "a" {\n  source = "acme/a/aws"\n}\n\nmodule "b" {\n  count  = 2\n  source = "github.com/acme/b"\n}\n\nmodule "c" {\n  source = var.src\n}\n\nvariable "src" {}\n',
    };
    const r = lint(files(tree), { rules: RULES });
    assert.deepEqual(
      r.findings.map((f) => [f.ruleId, f.severity, at(f)]),
      [['module-not-installed', 'info', 'live/main.tf:module "a"']],
    );
    assert.equal(
      r.findings[0]!.message,
      '2 module calls with non-local sources (module.a, module.b) are not followed: no .terraform/modules/modules.json lists them. Run terraform init (or tofu init) to make them checkable.',
    );
    const off = lint(files(tree), {
      rules: RULES,
      settings: { regionPolicy: 'eu', preferredRegions: {}, customRegions: {}, rules: { 'module-not-installed': 'off' } },
    });
    assert.deepEqual(off.findings, []);
  });

  it('says calls are not installed, where the run lacks the callers (an editor), only in an initialised folder', () => {
    const call = 'module "disk" {\n  source = "acme/disk/aws"\n}\n';
    assert.deepEqual(lint(files({ 'modules/app/main.tf': call }), { rules: RULES, callersKnown: false }).findings, []);
    const r = lint(files({ 'main.tf': call, '.terraform/modules/modules.json': manifest() }), { rules: RULES, callersKnown: false });
    assert.deepEqual(
      r.findings.map((f) => [f.ruleId, at(f)]),
      [['module-not-installed', 'main.tf:module "disk"']],
    );
  });

  it('counts a call whose installed folder is missing as not installed', () => {
    const r = lint(
      files({
        'main.tf': 'module "disk" {\n  source = "acme/disk/aws"\n}\n',
        '.terraform/modules/modules.json': manifest({
          Key: 'disk',
          Source: 'registry.terraform.io/acme/disk/aws',
          Version: '1.0.0',
          Dir: '.terraform/modules/disk',
        }),
      }),
      { rules: RULES },
    );
    assert.deepEqual(r.errors, []);
    assert.deepEqual(
      r.findings.map((f) => [f.ruleId, at(f)]),
      [['module-not-installed', 'main.tf:module "disk"']],
    );
    assert.match(r.findings[0]!.message, /modules\.json does not list it, or its folder is missing/);
  });

  it('reports a modules.json that is not JSON on the file, and the calls as not installed', () => {
    const r = lint(
      files({ 'main.tf': 'module "disk" {\n  source = "acme/disk/aws"\n}\n', '.terraform/modules/modules.json': '{"Modules": [' }),
      { rules: RULES },
    );
    assert.deepEqual(
      r.errors.map((e) => [e.file, e.kind]),
      [['.terraform/modules/modules.json', 'syntax']],
    );
    assert.match(r.errors[0]!.message, /is not valid JSON/);
    assert.deepEqual(
      r.findings.map((f) => f.ruleId),
      ['module-not-installed'],
    );
  });

  it('says at the call when the installed version or source no longer matches, or the module is installed twice, and still lints it', () => {
    const r = lint(
      files({
        'main.tf':
          'module "disk" {\n  source    = "acme/disk/aws"\n  version   = ">= 2.0, < 3.0"\n  encrypted = false\n}\n\nmodule "net" {\n  source = "git::https://example.com/net.git?ref=v2"\n}\n',
        '.terraform/modules/modules.json': manifest(
          { Key: 'disk', Source: 'registry.terraform.io/acme/disk/aws', Version: '1.9.0', Dir: '.terraform/modules/disk-old' },
          { Key: 'disk', Source: 'registry.terraform.io/acme/disk/aws', Version: '1.9.0', Dir: '.terraform/modules/disk' },
          { Key: 'net', Source: 'git::https://example.com/net.git?ref=v1', Dir: '.terraform/modules/net' },
        ),
        '.terraform/modules/disk/main.tf': VOLUME_MODULE,
        '.terraform/modules/net/main.tf': 'variable "x" {\n  default = 1\n}\n',
      }),
      { rules: RULES },
    );
    assert.deepEqual(
      r.findings.map((f) => [f.ruleId, f.severity, at(f)]),
      [
        ['module-not-installed', 'warning', 'main.tf:module "disk"'],
        ['module-not-installed', 'warning', 'main.tf:">= 2.0, < 3.0"'],
        ['unencrypted-volume', 'error', 'main.tf:false'],
        ['module-not-installed', 'warning', 'main.tf:"git::https://example.com/net.git?ref=v2"'],
      ],
    );
    assert.match(
      r.findings[0]!.message,
      /module\.disk is installed twice .*The last entry, \.terraform\/modules\/disk, is what snclint checks\./,
    );
    assert.equal(
      r.findings[1]!.message,
      'module.disk asks for version >= 2.0, < 3.0, but 1.9.0 is installed (.terraform/modules/modules.json): run terraform init -upgrade (or tofu init -upgrade). The installed module is what snclint checks.',
    );
    assert.match(
      r.findings[3]!.message,
      /^module\.net calls git::https:\/\/example\.com\/net\.git\?ref=v2, but git::https:\/\/example\.com\/net\.git\?ref=v1 is installed/,
    );
  });

  it('prints a source from the manifest without control characters and cut short', () => {
    const hostile = `registry.terraform.io/acme/disk/aws\u001b[2J${'x'.repeat(400)}`;
    const r = lint(
      files({
        'main.tf': 'module "disk" {\n  source    = "acme/disk/aws"\n  encrypted = false\n}\n',
        '.terraform/modules/modules.json': manifest({
          Key: 'disk',
          Source: hostile,
          Version: '1.0.0\u0007',
          Dir: '.terraform/modules/disk',
        }),
        '.terraform/modules/disk/main.tf': VOLUME_MODULE,
      }),
      { rules: RULES },
    );
    const messages = r.findings.map((f) => f.message);
    assert.equal(messages.length, 2, messages.join('\n'));
    assert.ok(
      messages.every((m) => !/[\u0000-\u001f]/.test(m) && m.length < 400),
      messages.join('\n'),
    );
    assert.match(messages[0]!, /^module\.disk calls acme\/disk\/aws, but registry\.terraform\.io\/acme\/disk\/aws\?\[2Jx+… is installed/);
  });

  it('passes provider configurations into installed modules', () => {
    const r = lint(
      files({
        'main.tf':
          'provider "aws" {\n  region = "eu-west-3"\n}\n\nprovider "aws" {\n  alias  = "us"\n  region = "us-east-1"\n}\n\nmodule "inherits" {\n  source = "acme/b/aws"\n}\n\nmodule "passed" {\n  source    = "acme/b/aws"\n  providers = { aws = aws.us }\n}\n',
        '.terraform/modules/modules.json': manifest(
          { Key: 'inherits', Source: 'registry.terraform.io/acme/b/aws', Version: '1.0.0', Dir: '.terraform/modules/b' },
          { Key: 'passed', Source: 'registry.terraform.io/acme/b/aws', Version: '1.0.0', Dir: '.terraform/modules/b' },
        ),
        '.terraform/modules/b/main.tf': 'resource "aws_s3_bucket" "b" {}\n',
      }),
      {
        rules: [
          {
            meta: { ...RULES[0]!.meta, messages: { called: 'called {{region}}' } },
            check: (ctx) => {
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
      },
    );
    assert.deepEqual(
      r.findings.map((f) => [at(f), f.message]),
      [
        ['main.tf:module "inherits"', 'module.inherits (registry.terraform.io/acme/b/aws 1.0.0): called eu-west-3'],
        ['main.tf:module "passed"', 'module.passed (registry.terraform.io/acme/b/aws 1.0.0): called us-east-1'],
      ],
    );
  });
});

describe('OpenTofu files', () => {
  it('reads .tofu and .tofu.json as Terraform, and x.tofu hides x.tf in the same folder', () => {
    const r = lint(
      files({
        'm/main.tf': 'resource "aws_s3_bucket" "b" {\n  bucket = "b"\n  region = "us-east-1"\n}\n',
        'm/main.tofu': 'resource "aws_s3_bucket" "b" {\n  bucket = "b"\n  region = "eu-west-3"\n}\n',
        'm/extra.tofu.json': '{"resource": {"aws_s3_bucket": {"c": {"bucket": "c", "region": "us-west-2"}}}}',
        'm/extra.tf.json': '{"resource": {"aws_s3_bucket": {"c": {"bucket": "c", "region": "ap-south-1"}}}}',
        'm/other.tf': 'resource "aws_s3_bucket" "d" {\n  bucket = "d"\n  region = "us-east-2"\n}\n',
      }),
      { rules: [ruleById('non-eu-region')!] },
    );
    assert.deepEqual(r.findings.map(at).sort(), ['m/extra.tofu.json:"us-west-2"', 'm/other.tf:"us-east-2"']);
  });
});

describe('module sources and version constraints', () => {
  it('writes sources as init records them', () => {
    assert.equal(canonicalSource('terraform-aws-modules/eks/aws'), 'registry.terraform.io/terraform-aws-modules/eks/aws');
    assert.equal(
      canonicalSource('registry.opentofu.org/terraform-aws-modules/eks/aws'),
      'registry.terraform.io/terraform-aws-modules/eks/aws',
    );
    assert.equal(
      canonicalSource('terraform-aws-modules/eks/aws//modules/karpenter'),
      'registry.terraform.io/terraform-aws-modules/eks/aws//modules/karpenter',
    );
    assert.equal(canonicalSource('github.com/acme/net?ref=v1'), 'git::https://github.com/acme/net.git?ref=v1');
    assert.equal(canonicalSource('git@github.com:acme/net.git'), 'git::ssh://git@github.com/acme/net.git');
    assert.equal(canonicalSource('app.terraform.io/acme/net/aws'), 'app.terraform.io/acme/net/aws');
    assert.equal(canonicalSource('git::https://example.com/net.git//sub?ref=v1'), 'git::https://example.com/net.git//sub?ref=v1');
  });

  it('matches versions as Terraform does', () => {
    const cases: [string, string, boolean | undefined][] = [
      ['~> 19.21', '19.30.1', true],
      ['~> 19.21', '20.0.0', false],
      ['~> 19.21.0', '19.22.0', false],
      ['~> 1', '1.9.0', true],
      ['>= 2.0, < 3.0', '2.5.0', true],
      ['>= 2.0, < 3.0', '3.0.0', false],
      ['!= 1.2.0', '1.2.0', false],
      ['1.2.0', '1.2.0', true],
      ['>= 1.0', '2.0.0-beta1', false],
      ['= 2.0.0-beta1', '2.0.0-beta1', true],
      ['latest', '1.0.0', undefined],
    ];
    for (const [c, v, want] of cases) assert.equal(versionMatches(c, v), want, `${c} / ${v}`);
  });
});
