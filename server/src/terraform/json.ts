/** Reads Terraform JSON syntax (.tf.json) into the same tree as HCL native syntax. */
import { type Node, type ParseError, parseTree, printParseErrorCode } from 'jsonc-parser';
import { quoteToken } from '../engine/echo';
import type { Attribute, Block, Body, ConfigFile, Expr, ObjectItem, SyntaxProblem } from './ast';
import { parseTemplateSlice } from './parser';
import { nestingProblem } from '../engine/limits';

/** How many labels a block type takes in JSON syntax, by nesting context. */
const TOP_LABELS: Readonly<Record<string, number>> = {
  resource: 2,
  data: 2,
  ephemeral: 2,
  provider: 1,
  variable: 1,
  output: 1,
  module: 1,
  check: 1,
  locals: 0,
  terraform: 0,
  moved: 0,
  import: 0,
  removed: 0,
};
const NESTED_LABELS: Readonly<Record<string, number>> = { backend: 1, provisioner: 1, dynamic: 1, cloud: 0 };

/** Parses a .tf.json file, or with `vars` a .tfvars.json file (top-level keys are variable values, strings are literal). Never throws. */
export function parseTerraformJson(text: string, options: { vars?: boolean } = {}): ConfigFile {
  const empty: Body = { attributes: [], blocks: [], range: { start: 0, end: text.length }, openBrace: -1, closeBrace: text.length };
  const deep = nestingProblem(text, 'JSON');
  if (deep) return { body: empty, comments: [], problems: [deep], syntax: 'json' };
  const errors: ParseError[] = [];
  const root = parseTree(text, errors, { allowTrailingComma: false, disallowComments: false });
  const problems: SyntaxProblem[] = errors.map((e) => ({
    message: `JSON syntax error: ${printParseErrorCode(e.error)}.`,
    range: { start: e.offset, end: e.offset + Math.max(1, e.length) },
  }));
  if (!root) return { body: empty, comments: [], problems, syntax: 'json' };
  if (root.type !== 'object') {
    problems.push({ message: 'A Terraform JSON file must hold one JSON object.', range: { start: root.offset, end: root.offset + 1 } });
    return { body: empty, comments: [], problems, syntax: 'json' };
  }
  const conv = new JsonConverter(text, problems, options.vars === true);
  if (options.vars) {
    const attributes: Attribute[] = [];
    for (const prop of root.children ?? []) {
      const [k, v] = prop.children ?? [];
      if (k && v) attributes.push({ name: String(k.value), nameRange: span(k), expr: conv.expr(v), range: span(prop) });
    }
    return { body: { ...empty, attributes }, comments: [], problems, syntax: 'json' };
  }
  const blocks: Block[] = [];
  for (const prop of root.children ?? []) {
    const [keyNode, valueNode] = prop.children ?? [];
    if (!keyNode || !valueNode) continue;
    const type = String(keyNode.value);
    const labels = TOP_LABELS[type];
    if (labels === undefined) {
      problems.push({ message: `Unknown top-level key ${quoteToken(type)} in Terraform JSON.`, range: span(keyNode) });
      continue;
    }
    conv.collectBlocks(type, keyNode, valueNode, labels, [], [], blocks);
  }
  return { body: { ...empty, blocks }, comments: [], problems, syntax: 'json' };
}

/** The expression for a JSON value whose strings are plain text (no template syntax), as in a plan or tfvars. */
export function jsonValueExpr(text: string, node: Node): Expr {
  return new JsonConverter(text, [], true).expr(node);
}

/** The range of a JSON node. */
export function span(n: Node): { start: number; end: number } {
  return { start: n.offset, end: n.offset + n.length };
}

class JsonConverter {
  constructor(
    private readonly text: string,
    private readonly problems: SyntaxProblem[],
    private readonly literalStrings = false,
  ) {}

  /** Walks `labels` levels of objects, then makes a block of each body found. */
  collectBlocks(
    type: string,
    typeNode: Node,
    node: Node,
    labels: number,
    got: string[],
    gotRanges: { start: number; end: number }[],
    out: Block[],
  ): void {
    if (node.type === 'array') {
      for (const item of node.children ?? []) this.collectBlocks(type, typeNode, item, labels, got, gotRanges, out);
      return;
    }
    if (node.type !== 'object') {
      this.problems.push({ message: `Expected a JSON object for ${quoteToken(type)} block.`, range: span(node) });
      return;
    }
    if (got.length < labels) {
      for (const prop of node.children ?? []) {
        const [k, v] = prop.children ?? [];
        if (k && v) this.collectBlocks(type, typeNode, v, labels, [...got, String(k.value)], [...gotRanges, span(k)], out);
      }
      return;
    }
    const headerNode = gotRanges.length ? gotRanges[gotRanges.length - 1]! : span(typeNode);
    out.push({
      type,
      labels: got,
      labelRanges: gotRanges,
      typeRange: span(typeNode),
      headerRange: { start: gotRanges.length ? gotRanges[0]!.start : typeNode.offset, end: headerNode.end },
      body: this.body(node, type),
      range: span(node),
    });
  }

  /** A block body: every key is an attribute; object-valued keys are also nested blocks. */
  body(node: Node, blockType: string): Body {
    const attributes: Attribute[] = [];
    const blocks: Block[] = [];
    for (const prop of node.children ?? []) {
      const [k, v] = prop.children ?? [];
      if (!k || !v) continue;
      const name = String(k.value);
      if (name === '//') continue;
      if (blockType === 'locals' || blockType === 'variable' || blockType === 'output') {
        attributes.push({ name, nameRange: span(k), expr: this.expr(v), range: span(prop) });
        continue;
      }
      attributes.push({ name, nameRange: span(k), expr: this.expr(v), range: span(prop) });
      const isBlocky =
        v.type === 'object' ||
        (v.type === 'array' && (v.children ?? []).length > 0 && (v.children ?? []).every((c) => c.type === 'object'));
      if (isBlocky) this.collectBlocks(name, k, v, NESTED_LABELS[name] ?? 0, [], [], blocks);
    }
    return { attributes, blocks, range: span(node), openBrace: -1, closeBrace: node.offset + node.length - 1 };
  }

  expr(n: Node): Expr {
    const range = span(n);
    switch (n.type) {
      case 'string': {
        const raw = this.text.slice(n.offset + 1, n.offset + n.length - 1);
        if (!this.literalStrings && (raw.includes('${') || raw.includes('%{'))) {
          if (!raw.includes('\\')) {
            const { expr, problems } = parseTemplateSlice(this.text, n.offset + 1, n.offset + n.length - 1);
            this.problems.push(...problems);
            return expr;
          }
        }
        return { kind: 'template', parts: [{ kind: 'text', value: String(n.value), range }], heredoc: false, range };
      }
      case 'number':
      case 'boolean':
      case 'null':
        return { kind: 'literal', value: n.value as number | boolean | null, range };
      case 'array':
        return { kind: 'tuple', items: (n.children ?? []).map((c) => this.expr(c)), range };
      case 'object': {
        const items: ObjectItem[] = [];
        for (const prop of n.children ?? []) {
          const [k, v] = prop.children ?? [];
          if (!k || !v) continue;
          items.push({
            key: { kind: 'template', parts: [{ kind: 'text', value: String(k.value), range: span(k) }], heredoc: false, range: span(k) },
            value: this.expr(v),
            range: span(prop),
          });
        }
        return { kind: 'object', items, range };
      }
      default:
        return { kind: 'invalid', range };
    }
  }
}
