/**
 * Type constraints and conversion as Terraform documents them (language/expressions/type-constraints:
 * "Conversion of Primitive Types", "Optional Object Type Attributes", `nullable`), null as an
 * unset argument, and var-file values placed where they are read.
 */
import { strict as assert } from 'node:assert';
import { SourceFile, languageOf } from '../../server/src/engine/source';
import { toPlain, type Value } from '../../server/src/engine/value';
import { parseHcl } from '../../server/src/terraform/parser';
import { parseTerraformJson } from '../../server/src/terraform/json';
import { TerraformModule, type TfFile } from '../../server/src/terraform/model';
import { lint } from '../../server/src/lint/linter';
import { ruleById } from '../../rules';
import { padWithNulls } from '../harness/null-padding';
import { isOverrideFile } from '../../server/src/terraform/override';

function tfFile(path: string, text: string): TfFile {
  const source = new SourceFile(path, text, languageOf(path)!);
  const config = path.endsWith('.json') ? parseTerraformJson(text, { vars: path.endsWith('.tfvars.json') }) : parseHcl(text);
  assert.deepEqual(config.problems, [], `${path} parses`);
  return { source, config };
}

function moduleOf(main: string, varFiles: Record<string, string> = {}, inputs?: Record<string, string>): TerraformModule {
  const use = inputs
    ? {
        inputs: new Map(
          Object.entries(inputs).map(([k, t]) => [
            k,
            new TerraformModule('c', [tfFile('c/x.tf', `x = ${t}\n`)]).evaluate(parseHcl(`x = ${t}\n`).body.attributes[0]!.expr),
          ]),
        ),
      }
    : undefined;
  return new TerraformModule(
    'm',
    [tfFile('m/main.tf', main)],
    Object.entries(varFiles).map(([p, t]) => tfFile(`m/${p}`, t)),
    use,
  );
}

function out(m: TerraformModule, expr: string): unknown {
  const v: Value = m.evaluate(parseHcl(`x = ${expr}\n`).body.attributes[0]!.expr);
  return v.kind === 'unknown' ? `unknown: ${v.reason}` : toPlain(v);
}

describe('Terraform type constraints', () => {
  it('gives each module that shares a variable block its own value: the default, converted once, or what its call gives', () => {
    const file = tfFile(
      'm/main.tf',
      'variable "ports" {\n  type    = list(number)\n  default = ["22", 443]\n}\nvariable "keep" {\n  type     = bool\n  nullable = false\n  default  = "true"\n}\nvariable "none" {\n  type = string\n}\n',
    );
    const given = (t: string): Value => new TerraformModule('c', []).evaluate(parseHcl(`x = ${t}\n`).body.attributes[0]!.expr);
    const alone = new TerraformModule('m', [file]);
    const called = new TerraformModule('m', [file], [], {
      inputs: new Map([
        ['ports', given('["80"]')],
        ['keep', given('null')],
        ['none', given('5')],
      ]),
    });
    const defaults = new TerraformModule('m', [file], [], { inputs: new Map() });
    for (const m of [alone, called, defaults, alone]) {
      const call = m === called;
      assert.deepEqual(out(m, 'var.ports'), call ? [80] : [22, 443]);
      // null given to a variable that is not nullable takes the default.
      assert.equal(out(m, 'var.keep'), true);
      assert.equal(out(m, 'var.none'), call ? '5' : 'unknown: var.none has no default and no value in a tfvars file');
    }
  });

  it('gives an absent optional attribute its default, or null, never unknown', () => {
    const m = moduleOf(
      'variable "net" {\n  type = object({\n    public = optional(bool, false)\n    mode   = optional(string)\n    name   = string\n  })\n  default = { name = "n" }\n}\n',
    );
    assert.deepEqual(out(m, 'var.net'), { name: 'n', public: false, mode: null });
    assert.equal(out(m, 'var.net.mode == null ? "private" : "public"'), 'private');
  });

  it('applies optional defaults at every depth: objects in lists, maps, sets, tuples and nested objects', () => {
    const m = moduleOf(
      'variable "v" {\n  type = object({\n    rules = list(object({ port = number, open = optional(bool, false) }))\n    byname = map(object({ tls = optional(string, "1.2") }))\n    set = set(object({ a = optional(number, 1) }))\n    tup = tuple([object({ b = optional(bool, true) }), string])\n    inner = optional(object({ deep = optional(object({ x = optional(number, 7) }), {}) }), {})\n  })\n  default = {\n    rules = [{ port = 22 }, { port = "443", open = "true" }]\n    byname = { a = {}, b = { tls = "1.3" } }\n    set = [{}]\n    tup = [{}, 5]\n  }\n}\n',
    );
    assert.deepEqual(out(m, 'var.v'), {
      rules: [
        { port: 22, open: false },
        { port: 443, open: true },
      ],
      byname: { a: { tls: '1.2' }, b: { tls: '1.3' } },
      set: [{ a: 1 }],
      tup: [{ b: true }, '5'],
      inner: { deep: { x: 7 } },
    });
  });

  it('uses the default of optional(T, d) for an attribute set to null', () => {
    const m = moduleOf('variable "c" {\n  type = object({ encrypted = optional(bool, false) })\n  default = { encrypted = null }\n}\n');
    assert.equal(out(m, 'var.c.encrypted'), false);
  });

  it('converts primitives as Terraform does: "true" to bool, numbers and bools to strings, numeric strings to numbers', () => {
    const m = moduleOf(
      'variable "b" {\n  type = bool\n  default = "true"\n}\nvariable "s" {\n  type = string\n  default = 443\n}\nvariable "t" {\n  type = string\n  default = false\n}\nvariable "n" {\n  type = number\n  default = "30"\n}\nvariable "bad" {\n  type = bool\n  default = "yes"\n}\n',
    );
    assert.equal(out(m, 'var.b'), true);
    assert.equal(out(m, 'var.s'), '443');
    assert.equal(out(m, 'var.t'), 'false');
    assert.equal(out(m, 'var.n'), 30);
    assert.match(String(out(m, 'var.bad')), /^unknown: error:/, 'a value Terraform rejects is not judged');
  });

  it('drops attributes the object type does not declare and leaves `any` untouched', () => {
    const m = moduleOf(
      'variable "o" {\n  type = object({ a = string })\n  default = { a = "x", b = "y" }\n}\nvariable "x" {\n  type = any\n  default = { b = 1 }\n}\n',
    );
    assert.deepEqual(out(m, 'var.o'), { a: 'x' });
    assert.deepEqual(out(m, 'var.x'), { b: 1 });
  });

  it('reads a type written as a string in Terraform JSON', () => {
    const source = new SourceFile(
      'm/main.tf.json',
      '{ "variable": { "o": { "type": "object({ on = optional(bool, true) })", "default": {} } } }',
      'terraform-json',
    );
    const m = new TerraformModule('m', [{ source, config: parseTerraformJson(source.text) }]);
    assert.deepEqual(out(m, 'var.o'), { on: true });
  });

  it('converts var-file values and module inputs to the type as well', () => {
    const decl = 'variable "cfg" {\n  type = object({ encrypted = optional(bool, false), size = optional(number) })\n}\n';
    assert.deepEqual(out(moduleOf(decl, { 'terraform.tfvars': 'cfg = { size = "8" }\n' }), 'var.cfg'), { encrypted: false, size: 8 });
    assert.deepEqual(out(moduleOf(decl, {}, { cfg: '{}' }), 'var.cfg'), { encrypted: false, size: null });
  });

  it('gives a null module input the default only when the variable says nullable = false', () => {
    const decl = 'variable "a" {\n  default = "d"\n}\nvariable "b" {\n  default  = "d"\n  nullable = false\n}\n';
    const m = moduleOf(decl, {}, { a: 'null', b: 'null' });
    assert.equal(out(m, 'var.a'), null);
    assert.equal(out(m, 'var.b'), 'd');
  });

  it('keeps a variable with no default and no value unknown, whatever its type', () => {
    const m = moduleOf('variable "o" {\n  type = object({ a = optional(bool, false) })\n}\n');
    assert.match(String(out(m, 'var.o.a')), /^unknown:/);
  });
});

describe('null as an unset argument', () => {
  it('gives no attribute for an argument whose value is null, and for a documented empty identifier', () => {
    const m = moduleOf(
      'variable "snap" {\n  default = null\n}\nresource "aws_rds_cluster" "c" {\n  snapshot_identifier           = var.snap\n  replication_source_identifier = ""\n  storage_encrypted             = false\n  engine                        = ""\n}\n',
    );
    const r = m.resources[0]!;
    assert.equal(m.attr(r.block, 'snapshot_identifier'), undefined);
    assert.equal(m.attr(r.block, 'replication_source_identifier'), undefined);
    assert.equal(m.written(r.block, 'snapshot_identifier')?.value.kind, 'null', 'the text stays reachable for edits');
    assert.equal(
      m.attr(r.block, 'engine')?.value.kind,
      'string',
      'an empty string stays a value where the provider does not document otherwise',
    );
  });

  it('reports the storage_encrypted = false of a cluster whose snapshot_identifier is a null variable', () => {
    const text =
      'variable "snap" {\n  default = null\n}\nresource "aws_rds_cluster" "c" {\n  snapshot_identifier = var.snap\n  storage_encrypted   = false\n}\n';
    const r = lint([new SourceFile('m/main.tf', text, 'terraform')], { rules: [ruleById('unencrypted-database')!] });
    assert.deepEqual(
      r.findings.map((f) => f.file.text.slice(f.range.start, f.range.end)),
      ['false'],
    );
  });
});

describe('values from var files', () => {
  it('reports a finding caused by a var-file value on the argument that reads it, with the var file line as related information', () => {
    const main = new SourceFile(
      'm/main.tf',
      'variable "enc" {}\nresource "aws_ebs_volume" "v" {\n  availability_zone = "eu-west-3a"\n  encrypted         = var.enc\n}\n',
      'terraform',
    );
    const vars = new SourceFile('m/terraform.tfvars', 'enc = false\n', 'terraform-vars');
    const r = lint([main, vars], { rules: [ruleById('unencrypted-volume')!] });
    assert.equal(r.findings.length, 1);
    const f = r.findings[0]!;
    assert.equal(f.file, main);
    assert.equal(main.text.slice(f.range.start, f.range.end), 'var.enc');
    assert.deepEqual(
      f.related.map((x) => [x.file.path, x.file.text.slice(x.range.start, x.range.end)]),
      [['m/terraform.tfvars', 'enc = false']],
    );
  });

  it('lets a suppression comment on the line that reads the variable hide the finding, and it suppresses something', () => {
    const main = new SourceFile(
      'm/main.tf',
      'variable "enc" {}\nresource "aws_ebs_volume" "v" {\n  availability_zone = "eu-west-3a"\n  # snclint:ignore unencrypted-volume -- scratch volume\n  encrypted         = var.enc\n}\n',
      'terraform',
    );
    const vars = new SourceFile('m/terraform.tfvars', 'enc = false\n', 'terraform-vars');
    const r = lint([main, vars], { rules: [ruleById('unencrypted-volume')!] });
    assert.deepEqual(
      r.findings.map((f) => `${f.ruleId}: ${f.message}`),
      [],
    );
    assert.equal(r.suppressed?.length, 1);
  });

  it('places every part of a var-file value where it is read, never at the var file offsets', () => {
    const m = moduleOf('variable "l" {}\nlocals {\n  first = var.l[0]\n}\n', { 'terraform.tfvars': 'l = [{ a = "x" }]\n' });
    const expr = parseHcl('x = var.l\n').body.attributes[0]!.expr;
    const v = m.evaluate(expr);
    assert.equal(v.kind, 'list');
    const item = v.kind === 'list' ? v.items[0]! : v;
    assert.deepEqual([item.range.start, item.range.end], [expr.range.start, expr.range.end]);
  });
});

describe('override files', () => {
  it('are named override.tf, override.tf.json or end in _override.tf(.json), in any case', () => {
    for (const name of [
      'override.tf',
      'm/override.tf.json',
      'm/x_override.tf',
      'M/A_OVERRIDE.TF',
      'c:\\m\\db_Override.tf.JSON',
      'a_b_override.tf',
    ])
      assert.equal(isOverrideFile(name), true, name);
    for (const name of [
      'main.tf',
      'm/myoverride.tf',
      'm/override.tfvars',
      'm/override.tf.bak',
      'm_override.tf/main.tf',
      'override.json',
      'x-override.tf',
    ])
      assert.equal(isOverrideFile(name), false, name);
  });

  it('merges an override block into the resource it overrides, as Terraform does, instead of adding a second resource', () => {
    const main = new SourceFile(
      'm/main.tf',
      'resource "aws_ebs_volume" "v" {\n  availability_zone = "eu-west-3a"\n  encrypted         = true\n}\n',
      'terraform',
    );
    const over = new SourceFile('m/override.tf', 'resource "aws_ebs_volume" "v" {\n  encrypted = false\n}\n', 'terraform');
    const r = lint([main, over], { rules: [ruleById('unencrypted-volume')!] });
    assert.deepEqual(
      r.findings.map((f) => [f.file.path, f.file.text.slice(f.range.start, f.range.end), f.fixes.length]),
      [['m/main.tf', 'resource "aws_ebs_volume" "v"', 0]],
    );
    const clean = lint([main, new SourceFile('m/a_override.tf', 'resource "aws_ebs_volume" "v" {\n  size = 8\n}\n', 'terraform')], {
      rules: [ruleById('unencrypted-volume')!],
    });
    assert.deepEqual(
      clean.findings,
      [],
      'an override that does not touch encryption leaves the resource encrypted, with no finding of its own',
    );
  });
});

describe('override files, in the shape found in GKE sample modules', () => {
  it('does not report an override.tf block that only adds an addon as a second cluster', () => {
    const cluster =
      'variable "networks" {\n  type    = list(object({ cidr_block = string }))\n  default = [{ cidr_block = "10.0.0.0/8" }]\n}\nresource "google_container_cluster" "primary" {\n  name     = "c"\n  location = "europe-west9"\n  dynamic "master_authorized_networks_config" {\n    for_each = length(var.networks) == 0 ? [] : [var.networks]\n    content {\n      dynamic "cidr_blocks" {\n        for_each = master_authorized_networks_config.value\n        content {\n          cidr_block = cidr_blocks.value.cidr_block\n        }\n      }\n    }\n  }\n}\n';
    const over =
      'resource "google_container_cluster" "primary" {\n  addons_config {\n    gke_backup_agent_config {\n      enabled = true\n    }\n  }\n}\n';
    const r = lint([new SourceFile('m/cluster.tf', cluster, 'terraform'), new SourceFile('m/override.tf', over, 'terraform')], {
      rules: [ruleById('admin-port-exposed')!],
    });
    assert.deepEqual(
      r.findings.map((f) => `${f.file.path}: ${f.message}`),
      [],
    );
  });
});

describe('null padding (the harness check every rule runs)', () => {
  it('pads unset arguments the rule asked for, sibling keys of objects in a list and optional attributes of a typed default', () => {
    const code =
      'variable "n" {\n  type    = object({ public = optional(bool, false), name = string })\n  default = { name = "x" }\n}\nresource "r_x" "y" {\n  rules = [{ a = 1, b = 2 }, { a = 3 }]\n}\n';
    const block = parseHcl(code).body.blocks[1]!;
    const padded = padWithNulls(code, new Map([[block, new Set(['encrypted'])]]))!;
    assert.match(padded, /resource "r_x" "y" \{\n {2}encrypted = null\n/);
    assert.match(padded, /\{ b = null, a = 3 \}/);
    assert.match(padded, /default = \{ public = null, name = "x" \}/);
    assert.deepEqual(parseHcl(padded).problems, []);
  });
});

describe('rules judge the values Terraform computes', () => {
  const texts = (files: SourceFile[], id: string): string[] =>
    lint(files, { rules: [ruleById(id)!] }).findings.map((f) => f.file.text.slice(f.range.start, f.range.end));

  it('judges an NSG rule that writes destination_port_ranges = null next to destination_port_range', () => {
    const text =
      'resource "azurerm_network_security_rule" "rdp" {\n  direction                  = "Inbound"\n  access                     = "Allow"\n  protocol                   = "Tcp"\n  destination_port_range     = "3389"\n  destination_port_ranges    = null\n  source_address_prefix      = "*"\n}\n';
    assert.deepEqual(texts([new SourceFile('m/main.tf', text, 'terraform')], 'admin-port-exposed'), ['"*"']);
  });

  it('reports encrypted = var.cfg.encrypted whose optional default is false, on the argument', () => {
    const text =
      'variable "cfg" {\n  type    = object({ encrypted = optional(bool, false) })\n  default = {}\n}\nresource "aws_ebs_volume" "v" {\n  availability_zone = "eu-west-3a"\n  encrypted         = var.cfg.encrypted\n}\n';
    assert.deepEqual(texts([new SourceFile('m/main.tf', text, 'terraform')], 'unencrypted-volume'), ['var.cfg.encrypted']);
  });

  it('says nothing when the object variable has no default and no value', () => {
    const text =
      'variable "cfg" {\n  type = object({ encrypted = optional(bool, false) })\n}\nresource "aws_ebs_volume" "v" {\n  availability_zone = "eu-west-3a"\n  encrypted         = var.cfg.encrypted\n}\n';
    assert.deepEqual(texts([new SourceFile('m/main.tf', text, 'terraform')], 'unencrypted-volume'), []);
  });
});
