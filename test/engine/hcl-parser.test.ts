import { strict as assert } from 'node:assert';
import { parseHcl } from '../../server/src/terraform/parser';
import { parseTerraformJson } from '../../server/src/terraform/json';
import { attr, blocks, childExprs, type Expr, traversalsIn } from '../../server/src/terraform/ast';
import { evaluate } from '../../server/src/terraform/evaluate';
import { toPlain } from '../../server/src/engine/value';

const text = (src: string, e: { range: { start: number; end: number } }): string => src.slice(e.range.start, e.range.end);
const value = (src: string, name = 'a'): unknown => {
  const f = parseHcl(src);
  assert.deepEqual(f.problems, []);
  return toPlain(evaluate(attr(f.body, name)!.expr));
};

describe('HCL parser', () => {
  it('reads blocks with labels, attributes and exact ranges', () => {
    const src = 'resource "aws_ebs_volume" "data" {\n  size = 40 # GiB\n  tags = { Name = "x" }\n}\n';
    const f = parseHcl(src);
    assert.deepEqual(f.problems, []);
    const b = f.body.blocks[0]!;
    assert.equal(b.type, 'resource');
    assert.deepEqual(b.labels, ['aws_ebs_volume', 'data']);
    assert.equal(text(src, { range: b.headerRange }), 'resource "aws_ebs_volume" "data"');
    assert.equal(text(src, attr(b.body, 'size')!.expr), '40');
    assert.equal(text(src, attr(b.body, 'tags')!.expr), '{ Name = "x" }');
    assert.deepEqual(
      f.comments.map((c) => c.text),
      ['# GiB'],
    );
  });

  it('keeps all three comment styles', () => {
    const f = parseHcl('# one\n// two\n/* three */\na = 1 // four\n');
    assert.deepEqual(
      f.comments.map((c) => c.text),
      ['# one', '// two', '/* three */', '// four'],
    );
  });

  it('evaluates literals, templates, escapes and heredocs', () => {
    assert.equal(value('a = "x\\ty\\u00e9 $${no}"\n'), 'x\tyé ${no}');
    assert.equal(value('a = <<EOT\nline1\n  line2\nEOT\n'), 'line1\n  line2\n');
    assert.equal(value('a = <<-EOT\n    line1\n      line2\n    EOT\n'), 'line1\n  line2\n');
    assert.deepEqual(value('a = [1, 2.5, -3, 1e3, true, null]\n'), [1, 2.5, -3, 1000, true, null]);
    assert.deepEqual(value('a = {\n  b = 1\n  "c" : 2,\n  d = { e = [] }\n}\n'), { b: 1, c: 2, d: { e: [] } });
  });

  it('evaluates operators, conditionals, for expressions and functions', () => {
    assert.equal(value('a = 1 + 2 * 3 == 7 && !false\n'), true);
    assert.equal(value('a = 2 > 1 ? "yes" : "no"\n'), 'yes');
    assert.deepEqual(value('a = [for x in ["a", "b"] : upper(x) if x != "b"]\n'), ['A']);
    assert.deepEqual(value('a = { for k, v in { x = 1, y = 2 } : v => k }\n'), { 1: 'x', 2: 'y' });
    assert.equal(value('a = jsonencode({ Version = "2012-10-17", Statement = [] })\n'), '{"Version":"2012-10-17","Statement":[]}');
    assert.equal(value('a = format("%s-%03d", lower("EU"), 7)\n'), 'eu-007');
    assert.equal(value('a = join("-", split(",", "a,b,c"))\n'), 'a-b-c');
    assert.deepEqual(value('a = merge({ x = 1 }, { y = 2 }, null)\n'), { x: 1, y: 2 });
    assert.equal(value('a = try(local.missing, "fallback")\n'), undefined, 'an undefined local is unknown, not an error to skip');
    assert.equal(value('a = lookup({ k = "v" }, "z", "d")\n'), 'd');
  });

  it('reads multi-line calls, provider functions, splats and legacy index syntax', () => {
    const f = parseHcl(
      'a = try(\n  x[0],\n  (y.z),\n)\nb = provider::aws::arn_parse("arn")\nc = aws_instance.x[*].id\nd = var.list.0\ne = merge(local.m...)\n',
    );
    assert.deepEqual(f.problems, []);
    assert.equal(f.body.attributes.length, 5);
  });

  it('reads each chain of steps into one traversal, or wraps what is not one, with exact ranges', () => {
    const src =
      'a = aws_s3_bucket.b[0].tags["x"]\nb = lookup(m, "k").name.first\nc = var.list.0.name\nd = aws_instance.x[*].id\ne = local.a.b\n';
    const f = parseHcl(src);
    assert.deepEqual(f.problems, []);
    const expr = (name: string): Expr => attr(f.body, name)!.expr;
    const a = expr('a');
    assert.ok(a.kind === 'traversal');
    assert.equal(a.root, 'aws_s3_bucket');
    assert.deepEqual(
      a.steps.map((s) => (s.kind === 'attr' ? s.name : text(src, s.key))),
      ['b', '0', 'tags', '"x"'],
    );
    assert.equal(text(src, a), 'aws_s3_bucket.b[0].tags["x"]');
    // Steps after a call wrap it, innermost first, each with the range it covers.
    const b = expr('b');
    assert.ok(b.kind === 'getattr' && b.name === 'first' && b.target.kind === 'getattr' && b.target.name === 'name');
    assert.equal(text(src, b), 'lookup(m, "k").name.first');
    assert.equal(text(src, b.target), 'lookup(m, "k").name');
    const c = expr('c');
    assert.ok(c.kind === 'traversal');
    assert.deepEqual(
      c.steps.map((s) => s.kind),
      ['attr', 'index', 'attr'],
    );
    assert.equal(text(src, c), 'var.list.0.name');
    // A splat ends the traversal before it and wraps it.
    const d = expr('d');
    assert.ok(d.kind === 'getattr' && d.target.kind === 'splat' && d.target.target.kind === 'traversal');
    assert.equal(text(src, d.target.target), 'aws_instance.x');
    assert.equal(text(src, d.target), 'aws_instance.x[*]');
    assert.equal(text(src, d), 'aws_instance.x[*].id');
    assert.equal(text(src, expr('e')), 'local.a.b');
    assert.deepEqual(toPlain(evaluate(parseHcl('a = {x = [{y = 5}]}.x[0].y\n').body.attributes[0]!.expr)), 5);
  });

  it('takes steps past line breaks and comments only inside brackets, and none after a bare name', () => {
    // Inside brackets a step may follow a line break or a comment; outside, a line break ends the value.
    const src = 'a = [local.x\n  /* c */ .y\n  [0]]\nb = local.z\n.w = 1\nc = each\nd = "s"\n';
    const f = parseHcl(src);
    const a = attr(f.body, 'a')!.expr;
    assert.ok(a.kind === 'tuple' && a.items.length === 1);
    const item = a.items[0]!;
    assert.ok(item.kind === 'traversal');
    assert.deepEqual(
      item.steps.map((s) => s.kind),
      ['attr', 'attr', 'index'],
    );
    assert.equal(text(src, item), 'local.x\n  /* c */ .y\n  [0]');
    const b = attr(f.body, 'b')!.expr;
    assert.ok(b.kind === 'traversal' && b.steps.length === 1);
    assert.equal(text(src, b), 'local.z');
    assert.ok(f.problems.length > 0, 'a line that starts with "." is not a step of the line before');
    const c = attr(f.body, 'c')!.expr;
    assert.ok(c.kind === 'traversal' && c.root === 'each' && c.steps.length === 0);
    assert.equal(text(src, c), 'each');
    assert.equal(attr(f.body, 'd')!.expr.kind, 'template');
  });

  it('lists the traversals of every kind of expression, outermost first and left to right', () => {
    const src =
      'a = [for k, v in var.m : "${k}-${local.p}" if v.on]\n' +
      'b = {for k, v in var.m : upper(k) => v... if var.f}\n' +
      'c = var.c ? -local.n + 1 : !var.b\n' +
      'd = { (var.k) = [module.x.out[var.i], lookup(data.d.e.f, "k")] }\n' +
      'e = (aws_instance.i[*].id)[0].x\n' +
      'f = tomap(var.t)[each.key]\n' +
      'g = <<EOT\n${path.module} and %{ if var.z }x%{ endif }\nEOT\n';
    const f = parseHcl(src);
    assert.deepEqual(f.problems, []);
    // The same order as a recursive walk over childExprs, which lists each node's children left to right.
    const expected = (e: Expr): Expr[] => [...(e.kind === 'traversal' ? [e] : []), ...childExprs(e).flatMap(expected)];
    const names: string[] = [];
    for (const a of f.body.attributes) {
      const found = traversalsIn(a.expr);
      assert.deepEqual(found, expected(a.expr), a.name);
      names.push(...found.map((t) => text(src, t)));
    }
    assert.deepEqual(names, [
      'var.m',
      'k',
      'local.p',
      'v.on',
      'var.m',
      'k',
      'v',
      'var.f',
      'var.c',
      'local.n',
      'var.b',
      'var.k',
      'module.x.out[var.i]',
      'var.i',
      'data.d.e.f',
      'aws_instance.i',
      'var.t',
      'each.key',
      'path.module',
    ]);
  });

  it('reports an attribute defined twice, in small and in large bodies', () => {
    const small = parseHcl('resource "a" "b" {\n  x = 1\n  y = 2\n  x = 3\n}\n');
    assert.deepEqual(
      small.problems.map((p) => p.message),
      ['Attribute "x" is defined twice in this block.'],
    );
    const names = Array.from({ length: 20 }, (_, i) => `n${i}`);
    // Repeats of the first name, before and after the body has grown past a handful of attributes.
    const big = [...names.slice(0, 5), 'n0', ...names.slice(5), 'n0', 'n19'].map((n, i) => `${n} = ${i}`).join('\n');
    const f = parseHcl(`${big}\n`);
    assert.deepEqual(
      f.problems.map((p) => p.message),
      [
        'Attribute "n0" is defined twice in this block.',
        'Attribute "n0" is defined twice in this block.',
        'Attribute "n19" is defined twice in this block.',
      ],
    );
    assert.equal(f.body.attributes.length, 23);
  });

  it('treats unknown inputs as unknown, with a reason', () => {
    const f = parseHcl('a = var.region\nb = aws_s3_bucket.b.id\nc = "${var.x}-suffix"\nd = timestamp()\n');
    for (const a of f.body.attributes) {
      const v = evaluate(a.expr);
      assert.equal(v.kind, 'unknown', a.name);
    }
  });

  it('recovers from errors at attribute and block boundaries', () => {
    const src = 'resource "a" "b" {\n  x = \n  y = 2\n  z = [1,\n}\nresource "c" "d" {\n  ok = true\n}\n';
    const f = parseHcl(src);
    assert.ok(f.problems.length >= 1);
    assert.equal(f.problems[0]!.message, 'Expected an expression before the end of the line.');
    const names = f.body.blocks.map((b) => b.labels.join('.'));
    assert.ok(names.includes('c.d'), `the next block is still read: ${names}`);
    assert.equal(attr(blocks(f.body, 'resource')[0]!.body, 'y') !== undefined, true);
  });

  it('reports an unclosed block and keeps what it read', () => {
    const f = parseHcl('provider "aws" {\n  region = "us-east-1"\n');
    assert.equal(f.problems.length, 1);
    assert.match(f.problems[0]!.message, /Unclosed block/);
    assert.equal(attr(f.body.blocks[0]!.body, 'region')!.name, 'region');
  });

  it('reports unterminated strings and heredocs', () => {
    assert.match(parseHcl('a = "abc\nb = 1\n').problems[0]!.message, /Unterminated string/);
    assert.match(parseHcl('a = <<EOT\nabc\n').problems[0]!.message, /Unterminated heredoc/);
  });

  it('groups binary operators by precedence, left to right within a level', () => {
    const shape = (e: Expr): string =>
      e.kind === 'binary'
        ? `(${shape(e.left)} ${e.op} ${shape(e.right)})`
        : e.kind === 'unary'
          ? `${e.op}${shape(e.operand)}`
          : e.kind === 'traversal'
            ? e.root
            : e.kind === 'literal'
              ? String(e.value)
              : e.kind;
    const tree = (src: string): string => shape(attr(parseHcl(`a = ${src}\n`).body, 'a')!.expr);
    assert.equal(tree('x || y && z == w'), '(x || (y && (z == w)))');
    assert.equal(tree('x - y - z'), '((x - y) - z)');
    assert.equal(tree('x * y + z / w % v'), '((x * y) + ((z / w) % v))');
    assert.equal(tree('x <= y != z > w'), '((x <= y) != (z > w))');
    assert.equal(tree('-x * !y >= 1 && z'), '(((-x * !y) >= 1) && z)');
    assert.equal(tree('x == y == z'), '((x == y) == z)');
    assert.equal(value('a = 10 - 4 - 3 * 2 % 4 / 2\n'), 5);
  });

  it('keeps template text exact around escapes, sequences and stripped heredoc indentation', () => {
    assert.equal(value('a = "ab\\"c $${x} %%{y} d\\\\e"\n'), 'ab"c ${x} %{y} d\\e');
    assert.equal(value('a = <<-EOT\n    one two\n      three $${x}\n    EOT\n'), 'one two\n  three ${x}\n');
    assert.equal(value('a = <<EOT\n  kept  \n"quoted" \\n\nEOT\n'), '  kept  \n"quoted" \\n\n');
  });

  it('reports an unterminated comment once, however often the parser looks past it', () => {
    const problems = parseHcl('a = b.c + 1 /* x\n').problems;
    assert.deepEqual(
      problems.map((p) => [p.message, p.range.start]),
      [['Unterminated comment: "/*" has no closing "*/".', 12]],
    );
  });

  it('survives deeply nested expressions without overflowing the stack', () => {
    const deep = `a = ${'['.repeat(5000)}${']'.repeat(5000)}\nb = 1\n`;
    const f = parseHcl(deep);
    assert.ok(f.problems.some((p) => /nested more than/.test(p.message)));
    assert.ok(attr(f.body, 'b'));
  });

  it('never throws on arbitrary bytes', () => {
    for (const s of [
      '{',
      '}',
      '"',
      '${',
      'a = "${',
      'a = <<',
      'a = [for',
      'a = {for x in y',
      '\u0000\u0001',
      'resource "x" {\n  a = b ? c\n}',
    ]) {
      assert.doesNotThrow(() => parseHcl(s), s);
    }
  });
});

describe('Terraform JSON', () => {
  it('reads blocks, labels, nested blocks and interpolations with ranges', () => {
    const src =
      '{"resource": {"aws_instance": {"web": {"ami": "ami-1", "root_block_device": {"encrypted": false}, "tags": {"r": "${var.region}"}}}}}';
    const f = parseTerraformJson(src);
    assert.deepEqual(f.problems, []);
    const b = f.body.blocks[0]!;
    assert.deepEqual(b.labels, ['aws_instance', 'web']);
    assert.equal(text(src, { range: b.headerRange }), '"aws_instance": {"web"');
    const root = blocks(b.body, 'root_block_device')[0]!;
    assert.equal(text(src, attr(root.body, 'encrypted')!.expr), 'false');
    const tags = attr(b.body, 'tags')!.expr as Extract<Expr, { kind: 'object' }>;
    const interp = tags.items[0]!.value;
    assert.equal(interp.kind, 'template');
  });

  it('reports JSON syntax errors', () => {
    assert.ok(parseTerraformJson('{"resource": ').problems.length > 0);
  });
});
