import { strict as assert } from 'node:assert';
import { SourceFile, languageOf } from '../../server/src/engine/source';
import { toPlain, type Value } from '../../server/src/engine/value';
import { parseHcl } from '../../server/src/terraform/parser';
import { parseTerraformJson } from '../../server/src/terraform/json';
import { TerraformModule, type TfFile } from '../../server/src/terraform/model';
import { attr, blocks } from '../../server/src/terraform/ast';
import { lint } from '../../server/src/lint/linter';
import { ruleById } from '../../rules';

// The two rules these cases are written for; others may also report on the same files.
const RULES = [ruleById('non-eu-region')!, ruleById('unencrypted-volume')!];

function tfFile(path: string, text: string): TfFile {
  const source = new SourceFile(path, text, languageOf(path)!);
  const config = path.endsWith('.json') ? parseTerraformJson(text, { vars: path.endsWith('.tfvars.json') }) : parseHcl(text);
  assert.deepEqual(config.problems, [], `${path} parses`);
  return { source, config };
}

function moduleOf(files: Record<string, string>, varFiles: Record<string, string> = {}): TerraformModule {
  return new TerraformModule(
    'm',
    Object.entries(files).map(([p, t]) => tfFile(`m/${p}`, t)),
    Object.entries(varFiles).map(([p, t]) => tfFile(`m/${p}`, t)),
  );
}

/** The plain value of `output "NAME" { value = ... }`, or the unknown reason. */
function output(m: TerraformModule, name: string): unknown {
  for (const f of m.files) {
    for (const b of blocks(f.config.body, 'output')) {
      if (b.labels[0] !== name) continue;
      const v: Value = m.evaluate(attr(b.body, 'value')!.expr);
      return v.kind === 'unknown' ? `unknown: ${v.reason}` : toPlain(v);
    }
  }
  throw new Error(`no output ${name}`);
}

describe('Terraform module evaluation', () => {
  it('reads variable defaults, and says unknown for a variable without one', () => {
    const m = moduleOf({
      'main.tf':
        'variable "a" {\n  default = "x"\n}\nvariable "b" {}\nvariable "c" {\n  default = null\n}\noutput "a" { value = var.a }\noutput "b" { value = var.b }\noutput "c" { value = var.c }\noutput "d" { value = var.nope }\n',
    });
    assert.equal(output(m, 'a'), 'x');
    assert.match(String(output(m, 'b')), /^unknown: var\.b has no default/);
    assert.equal(output(m, 'c'), null, 'a null default is a known null');
    assert.match(String(output(m, 'd')), /^unknown: var\.nope is not declared/);
  });

  it("asks a call for a variable's value only when the module reads it, once, and keeps the default of one it does not set", () => {
    const asked: string[] = [];
    const given: Record<string, Value> = {
      region: { kind: 'string', value: 'eu-west-3', range: { start: 0, end: 0 }, origin: 'literal' },
      tags: { kind: 'string', value: 'never read', range: { start: 0, end: 0 }, origin: 'literal' },
    };
    const m = new TerraformModule(
      'm',
      [
        tfFile(
          'm/main.tf',
          'variable "region" {}\nvariable "tags" {}\nvariable "size" {\n  default = 10\n}\noutput "where" {\n  value = "${var.region}a"\n}\noutput "again" {\n  value = var.region\n}\noutput "size" {\n  value = var.size\n}\n',
        ),
      ],
      [],
      {
        inputs: {
          has: (name) => name in given,
          get: (name) => {
            asked.push(name);
            return given[name];
          },
        },
      },
    );
    assert.deepEqual(asked, []);
    assert.equal(output(m, 'where'), 'eu-west-3a');
    assert.equal(output(m, 'again'), 'eu-west-3');
    assert.equal(output(m, 'size'), 10);
    assert.deepEqual(asked, ['region']);
  });

  it('applies tfvars in Terraform order: terraform.tfvars, its JSON form, then *.auto.tfvars alphabetically', () => {
    const m = moduleOf(
      {
        'main.tf':
          'variable "a" {\n  default = "default"\n}\nvariable "b" {}\nvariable "c" {}\noutput "a" { value = var.a }\noutput "b" { value = var.b }\noutput "c" { value = var.c }\n',
      },
      {
        'z.auto.tfvars': 'a = "z-auto"\n',
        'terraform.tfvars': 'a = "tfvars"\nb = "tfvars"\nc = "tfvars"\n',
        'a.auto.tfvars.json': '{ "a": "a-auto", "b": "a-auto" }',
        'terraform.tfvars.json': '{ "c": "tfvars-json" }',
      },
    );
    assert.equal(output(m, 'a'), 'z-auto');
    assert.equal(output(m, 'b'), 'a-auto');
    assert.equal(output(m, 'c'), 'tfvars-json');
  });

  it('evaluates locals in dependency order across files and reports cycles as unknown', () => {
    const m = moduleOf({
      'a.tf':
        'locals {\n  region = "${local.prefix}-west-3"\n  loop_a = local.loop_b\n}\noutput "r" { value = local.region }\noutput "loop" { value = local.loop_a }\n',
      'b.tf': 'locals {\n  prefix = lower("EU")\n  loop_b = local.loop_a\n}\n',
    });
    assert.equal(output(m, 'r'), 'eu-west-3');
    assert.match(String(output(m, 'loop')), /refers to itself/);
  });

  it('reports cycles between locals once each, as errors of the file, and evaluates them as unknown', () => {
    const text = 'locals {\n  a = local.b\n  b = "${local.c}-x"\n  c = local.a\n  d = local.d\n  e = local.a\n}\n';
    const r = lint([new SourceFile('m/main.tf', text, 'terraform')], { rules: [] });
    assert.deepEqual(
      r.errors.map((e) => [e.kind, e.message.split('. ')[0], text.slice(e.range!.start, e.range!.end)]),
      [
        ['syntax', 'Cycle between locals: local.a → local.b → local.c → local.a', 'a'],
        ['syntax', 'Cycle between locals: local.d → local.d', 'd'],
      ],
    );
  });

  it('evaluates templates, heredocs, conditionals, for expressions and common functions', () => {
    const m = moduleOf({
      'main.tf': [
        'variable "env" {\n  default = "prod"\n}',
        'variable "regions" {\n  default = { prod = "eu-west-3", dev = "us-east-1" }\n}',
        'output "cond" { value = var.env == "prod" ? "eu-west-3" : "us-east-1" }',
        'output "lookup" { value = lookup(var.regions, var.env, "none") }',
        'output "heredoc" {\n  value = <<-EOT\n    env=${var.env}\n  EOT\n}',
        'output "for" { value = [for k, v in var.regions : upper(k) if v != "us-east-1"] }',
        'output "funcs" { value = join(",", concat(split("-", "a-b"), tolist(["c"]), [format("%s-%d", "d", 1)], [replace(trimspace(" e "), "e", "f")])) }',
        'output "merge" { value = keys(merge({ a = 1 }, zipmap(["b"], [2]))) }',
        'output "json" { value = jsondecode(jsonencode({ a = [1, true] })) }',
        'output "coalesce" { value = coalesce("", var.env) }',
        'output "try" { value = try(var.regions.staging, "fallback") }',
        'output "can" { value = can(var.regions.staging) }',
        'output "flatten" { value = length(flatten([[1, 2], [3]])) }',
        'output "element" { value = element(values(var.regions), 3) }',
        'output "contains" { value = contains(toset(["a"]), "a") }',
        'output "unknown_fn" { value = timestamp() }',
        'output "more" { value = [one(["x"]), join(",", reverse(sort(["b", "a", "c"]))), length(range(3)), sum(slice([1, 2, 3, 4], 1, 3)), abs(-2), ceil(1.2), floor(1.8), trim("--x--", "-"), length(setunion(["a"], ["a", "b"])), alltrue([true, "true"]), anytrue([false]), index(["a", "b"], "b")] }',
      ].join('\n'),
    });
    assert.equal(output(m, 'cond'), 'eu-west-3');
    assert.equal(output(m, 'lookup'), 'eu-west-3');
    assert.equal(output(m, 'heredoc'), 'env=prod\n');
    assert.deepEqual(output(m, 'for'), ['PROD']);
    assert.equal(output(m, 'funcs'), 'a,b,c,d-1,f');
    assert.deepEqual(output(m, 'merge'), ['a', 'b']);
    assert.deepEqual(output(m, 'json'), { a: [1, true] });
    assert.equal(output(m, 'coalesce'), 'prod');
    assert.equal(output(m, 'try'), 'fallback');
    assert.equal(output(m, 'can'), false);
    assert.equal(output(m, 'flatten'), 3);
    assert.equal(output(m, 'element'), 'eu-west-3', 'values() is in key order: dev, prod');
    assert.equal(output(m, 'contains'), true);
    assert.match(String(output(m, 'unknown_fn')), /^unknown: .*timestamp/);
    assert.deepEqual(output(m, 'more'), ['x', 'c,b,a', 3, 5, 2, 2, 1, 'x', 2, true, false, 1]);
  });

  it('says unknown for resource attributes and data sources', () => {
    const m = moduleOf({ 'main.tf': 'output "a" { value = aws_s3_bucket.b.id }\noutput "d" { value = data.aws_region.current.name }\n' });
    assert.match(String(output(m, 'a')), /^unknown: aws_s3_bucket\.b\.id is known only after apply/);
    assert.match(String(output(m, 'd')), /^unknown: data\.aws_region\.current is known only after apply/);
  });

  it('expands count and for_each into instances with count.index and each.*', () => {
    const m = moduleOf({
      'main.tf': [
        'variable "zones" {\n  default = { a = "eu-west-3a", b = "us-east-1a" }\n}',
        'variable "n" {}',
        'resource "aws_ebs_volume" "counted" {\n  count = 2\n  availability_zone = "z${count.index}"\n}',
        'resource "aws_ebs_volume" "none" {\n  count = 0\n}',
        'resource "aws_ebs_volume" "each" {\n  for_each = var.zones\n  availability_zone = each.value\n  tags = { k = each.key }\n}',
        'resource "aws_ebs_volume" "set" {\n  for_each = toset(["x", "y"])\n  availability_zone = each.value\n}',
        'resource "aws_ebs_volume" "unknown" {\n  count = var.n\n  availability_zone = "z${count.index}"\n}',
      ].join('\n'),
    });
    const zones = (name: string): unknown[] =>
      m.resources
        .filter((r) => r.name === name)
        .map((r) => {
          const v = m.attr(r.block, 'availability_zone')!.value;
          return v.kind === 'unknown' ? 'unknown' : toPlain(v);
        });
    assert.deepEqual(zones('counted'), ['z0', 'z1']);
    assert.deepEqual(zones('none'), []);
    assert.deepEqual(zones('each'), ['eu-west-3a', 'us-east-1a']);
    assert.deepEqual(zones('set'), ['x', 'y']);
    assert.deepEqual(zones('unknown'), ['unknown']);
    assert.deepEqual(
      m.resources.filter((r) => r.name === 'each').map((r) => r.instance),
      ['a', 'b'],
    );
    const tags = m.resources.filter((r) => r.name === 'each').map((r) => toPlain(m.attr(r.block, 'tags')!.value));
    assert.deepEqual(tags, [{ k: 'a' }, { k: 'b' }]);
  });

  it('gives instances that read neither count nor each the block as written, and the others a copy each', () => {
    const m = moduleOf({
      'main.tf': [
        'resource "aws_ebs_volume" "same" {\n  count = 2\n  availability_zone = "eu-west-3a"\n  tags = { Name = "data" }\n}',
        'resource "aws_ebs_volume" "nested" {\n  count = 2\n  availability_zone = "eu-west-3a"\n  timeouts {\n    create = "${count.index}m"\n  }\n}',
        'resource "aws_ebs_volume" "keyed" {\n  for_each = toset(["a", "b"])\n  availability_zone = "eu-west-3${each.key}"\n}',
        'resource "aws_instance" "dyn" {\n  count = 2\n  dynamic "ebs_block_device" {\n    for_each = ["/dev/sdb"]\n    content {\n      device_name = ebs_block_device.value\n    }\n  }\n}',
      ].join('\n'),
    });
    const of = (name: string) => m.resources.filter((r) => r.name === name);
    const [a, b] = of('same');
    assert.ok(a && b && a.block === b.block && a.block === a.declared, 'one block for both instances');
    assert.deepEqual([a.instance, b.instance], [0, 1]);
    assert.deepEqual(
      of('same').map((r) => toPlain(m.attr(r.block, 'availability_zone')!.value)),
      ['eu-west-3a', 'eu-west-3a'],
    );
    // count.index read in a nested block only: each instance still gets its own copy.
    const nested = of('nested');
    assert.notEqual(nested[0]!.block, nested[1]!.block);
    assert.deepEqual(
      nested.map((r) => toPlain(m.attr(blocks(r.block.body, 'timeouts')[0]!, 'create')!.value)),
      ['0m', '1m'],
    );
    assert.deepEqual(
      of('keyed').map((r) => toPlain(m.attr(r.block, 'availability_zone')!.value)),
      ['eu-west-3a', 'eu-west-3b'],
    );
    // A dynamic block is expanded in each instance's copy.
    for (const r of of('dyn')) {
      assert.notEqual(r.block, r.declared);
      assert.deepEqual(
        blocks(r.block.body, 'ebs_block_device').map((d) => toPlain(m.attr(d, 'device_name')!.value)),
        ['/dev/sdb'],
      );
    }
  });

  it('expands dynamic blocks into the blocks they generate, with their iterator', () => {
    const m = moduleOf({
      'main.tf': [
        'variable "devices" {\n  default = [{ name = "/dev/sdb", enc = true }, { name = "/dev/sdc", enc = false }]\n}',
        'variable "unknown" {}',
        'resource "aws_instance" "i" {\n  dynamic "ebs_block_device" {\n    for_each = var.devices\n    iterator = dev\n    content {\n      device_name = dev.value.name\n      encrypted   = dev.value.enc\n    }\n  }\n  dynamic "network_interface" {\n    for_each = var.unknown\n    content {\n      device_index = 0\n      network_interface_id = network_interface.value\n    }\n  }\n}',
      ].join('\n'),
    });
    const r = m.resources[0]!;
    const devices = blocks(r.block.body, 'ebs_block_device').map((b) => [
      toPlain(m.attr(b, 'device_name')!.value),
      toPlain(m.attr(b, 'encrypted')!.value),
    ]);
    assert.deepEqual(devices, [
      ['/dev/sdb', true],
      ['/dev/sdc', false],
    ]);
    const [nic] = blocks(r.block.body, 'network_interface');
    assert.equal(toPlain(m.attr(nic!, 'device_index')!.value), 0);
    assert.equal(m.attr(nic!, 'network_interface_id')!.value.kind, 'unknown');
    assert.equal(blocks(r.block.body, 'dynamic').length, 0);
    assert.equal(blocks(r.declared.body, 'dynamic').length, 2);
  });

  it('finds resources and data sources by type, in order of declaration, across files and instances', () => {
    const m = moduleOf({
      'a.tf': 'resource "aws_s3_bucket" "one" {}\nresource "aws_ebs_volume" "v" {\n  count = 2\n}\ndata "aws_s3_bucket" "d" {}\n',
      'b.tf': 'resource "aws_s3_bucket" "two" {}\nresource "aws_instance" "i" {}\n',
    });
    const names = (rs: readonly { address: string; instance: string | number | undefined }[]) =>
      rs.map((r) => `${r.address}${r.instance === undefined ? '' : `[${r.instance}]`}`);
    assert.deepEqual(names(m.resourcesOf('aws_s3_bucket')), ['aws_s3_bucket.one', 'aws_s3_bucket.two']);
    assert.deepEqual(names(m.resourcesOf('aws_ebs_volume')), ['aws_ebs_volume.v[0]', 'aws_ebs_volume.v[1]']);
    assert.deepEqual(names(m.resourcesOf('aws_instance', 'aws_s3_bucket')), ['aws_s3_bucket.one', 'aws_s3_bucket.two', 'aws_instance.i']);
    assert.deepEqual(names(m.dataOf('aws_s3_bucket')), ['data.aws_s3_bucket.d']);
    assert.deepEqual(names(m.resourcesOf('aws_db_instance')), []);
    assert.deepEqual(names(m.resourcesOf('aws_db_instance', 'aws_instance', 'aws_rds_cluster')), ['aws_instance.i']);
    assert.deepEqual(names(m.resourcesOf()), []);
  });

  it('finds provider configurations: default, alias, provider meta-argument', () => {
    const m = moduleOf({
      'main.tf':
        'provider "aws" {\n  region = "eu-west-3"\n}\nprovider "aws" {\n  alias  = "us"\n  region = "us-east-1"\n}\nresource "aws_s3_bucket" "a" {}\nresource "aws_s3_bucket" "b" {\n  provider = aws.us\n}\nresource "google_storage_bucket" "c" {}\n',
    });
    const region = (name: string): unknown => {
      const r = m.resources.find((x) => x.name === name)!;
      const p = m.providerFor(r.block);
      return p ? toPlain(m.attr(p.block, 'region')!.value) : undefined;
    };
    assert.equal(region('a'), 'eu-west-3');
    assert.equal(region('b'), 'us-east-1');
    assert.equal(region('c'), undefined);
    // Asked again, in another order: each name and alias keeps its own answer.
    assert.equal(region('b'), 'us-east-1');
    assert.equal(region('c'), undefined);
    assert.equal(region('a'), 'eu-west-3');
    assert.equal(m.providerConfig('aws', 'us')?.alias, 'us');
    assert.equal(m.providerConfig('aws', undefined)?.alias, undefined);
    assert.equal(m.providerConfig('aws', 'eu'), undefined);
    assert.equal(m.providerConfig('google', undefined), undefined);
  });

  it('follows references between resources', () => {
    const m = moduleOf({
      'main.tf':
        'resource "aws_s3_bucket" "logs" {}\nresource "aws_s3_bucket" "other" {}\nresource "aws_s3_bucket_server_side_encryption_configuration" "logs" {\n  bucket = aws_s3_bucket.logs.id\n  rule {\n    apply_server_side_encryption_by_default {\n      sse_algorithm = "aws:kms"\n    }\n  }\n}\ndata "aws_iam_policy_document" "p" {}\nresource "aws_iam_policy" "p" {\n  policy = data.aws_iam_policy_document.p.json\n}\n',
    });
    const logs = m.resourceAt('aws_s3_bucket.logs')!;
    const other = m.resourceAt('aws_s3_bucket.other')!;
    assert.deepEqual(
      m.referencing(logs, ['aws_s3_bucket_server_side_encryption_configuration'], 'bucket').map((r) => r.address),
      ['aws_s3_bucket_server_side_encryption_configuration.logs'],
    );
    assert.deepEqual(m.referencing(other, ['aws_s3_bucket_server_side_encryption_configuration']), []);
    const policy = m.resourceAt('aws_iam_policy.p')!;
    assert.deepEqual(
      m.referencedResources(attr(policy.block.body, 'policy')!.expr).map((r) => r.address),
      ['data.aws_iam_policy_document.p'],
    );
  });
});

describe('Findings on resource instances', () => {
  const lintTf = (text: string) => lint([new SourceFile('m/main.tf', text, 'terraform')], { rules: RULES });

  it('reports a finding that holds for every instance once', () => {
    const r = lintTf(
      'resource "aws_ebs_volume" "v" {\n  count             = 3\n  availability_zone = "eu-west-3a"\n  size              = 10\n  encrypted         = false\n}\n',
    );
    assert.deepEqual(
      r.findings.map((f) => f.ruleId),
      ['unencrypted-volume'],
    );
  });

  it('reports each instance whose value differs, and none for instances that are fine', () => {
    const r = lintTf(
      'provider "aws" {\n  region = "eu-west-3"\n}\nresource "aws_s3_bucket" "b" {\n  for_each = { paris = "eu-west-3", virginia = "us-east-1", oregon = "us-west-2" }\n  region   = each.value\n  bucket   = "b-${each.key}"\n}\n',
    );
    const messages = r.findings
      .filter((f) => f.ruleId === 'non-eu-region')
      .map((f) => f.message)
      .sort();
    assert.equal(messages.length, 2);
    assert.match(messages[0]!, /us-east-1/);
    assert.match(messages[1]!, /us-west-2/);
  });

  it('says nothing for a resource that count removes', () => {
    const r = lintTf(
      'variable "enabled" {\n  default = false\n}\nresource "aws_ebs_volume" "v" {\n  count     = var.enabled ? 1 : 0\n  encrypted = false\n}\n',
    );
    assert.deepEqual(r.findings, []);
  });

  it('judges a dynamic block element by element', () => {
    const r = lintTf(
      'resource "aws_instance" "i" {\n  ami = "ami-1"\n  root_block_device {\n    encrypted = true\n  }\n  dynamic "ebs_block_device" {\n    for_each = { b = true, c = false }\n    content {\n      device_name = "/dev/sd${ebs_block_device.key}"\n      encrypted   = ebs_block_device.value\n    }\n  }\n}\n',
    );
    assert.deepEqual(
      r.findings.map((f) => [f.ruleId, f.range.start > 0]),
      [['unencrypted-volume', true]],
    );
  });
});
