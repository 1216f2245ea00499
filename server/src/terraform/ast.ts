/** The syntax tree of HCL native syntax and of Terraform JSON, with exact offset ranges. */
import type { Range } from '../engine/source';

/** An expression node. Every node carries the range of its text. */
export type Expr =
  | LiteralExpr
  | TemplateExpr
  | TupleExpr
  | ObjectExpr
  | TraversalExpr
  | CallExpr
  | ConditionalExpr
  | BinaryExpr
  | UnaryExpr
  | ForExpr
  | IndexExpr
  | GetAttrExpr
  | SplatExpr
  | ParenExpr
  | InvalidExpr;

export interface LiteralExpr {
  readonly kind: 'literal';
  readonly value: number | boolean | null;
  readonly range: Range;
}

/** A piece of a quoted string or heredoc. */
export type TemplatePart =
  | { readonly kind: 'text'; readonly value: string; readonly range: Range }
  | { readonly kind: 'interp'; readonly expr: Expr; readonly range: Range }
  | { readonly kind: 'directive'; readonly range: Range };

export interface TemplateExpr {
  readonly kind: 'template';
  readonly parts: readonly TemplatePart[];
  readonly heredoc: boolean;
  readonly range: Range;
}

export interface TupleExpr {
  readonly kind: 'tuple';
  readonly items: readonly Expr[];
  readonly range: Range;
}

export interface ObjectItem {
  readonly key: Expr;
  readonly value: Expr;
  readonly range: Range;
}

export interface ObjectExpr {
  readonly kind: 'object';
  readonly items: readonly ObjectItem[];
  readonly range: Range;
}

/** `var.region`, `aws_s3_bucket.b.id`, `each.value[0]` as a root name and steps. */
export interface TraversalExpr {
  readonly kind: 'traversal';
  readonly root: string;
  readonly steps: readonly TraversalStep[];
  readonly range: Range;
}

export type TraversalStep = { readonly kind: 'attr'; readonly name: string } | { readonly kind: 'index'; readonly key: Expr };

export interface CallExpr {
  readonly kind: 'call';
  readonly name: string;
  readonly args: readonly Expr[];
  readonly expandFinal: boolean;
  readonly range: Range;
}

export interface ConditionalExpr {
  readonly kind: 'conditional';
  readonly cond: Expr;
  readonly then: Expr;
  readonly else: Expr;
  readonly range: Range;
}

export interface BinaryExpr {
  readonly kind: 'binary';
  readonly op: string;
  readonly left: Expr;
  readonly right: Expr;
  readonly range: Range;
}

export interface UnaryExpr {
  readonly kind: 'unary';
  readonly op: '!' | '-';
  readonly operand: Expr;
  readonly range: Range;
}

export interface ForExpr {
  readonly kind: 'for';
  readonly keyVar: string | undefined;
  readonly valueVar: string;
  readonly collection: Expr;
  readonly keyExpr: Expr | undefined;
  readonly valueExpr: Expr;
  readonly cond: Expr | undefined;
  readonly grouping: boolean;
  readonly isObject: boolean;
  readonly range: Range;
}

export interface IndexExpr {
  readonly kind: 'index';
  readonly target: Expr;
  readonly key: Expr;
  readonly range: Range;
}

export interface GetAttrExpr {
  readonly kind: 'getattr';
  readonly target: Expr;
  readonly name: string;
  readonly range: Range;
}

export interface SplatExpr {
  readonly kind: 'splat';
  readonly target: Expr;
  readonly range: Range;
}

export interface ParenExpr {
  readonly kind: 'paren';
  readonly inner: Expr;
  readonly range: Range;
}

/** What stands where an expression could not be read. */
export interface InvalidExpr {
  readonly kind: 'invalid';
  readonly range: Range;
}

/** `name = expr` inside a body. */
export interface Attribute {
  readonly name: string;
  readonly nameRange: Range;
  readonly expr: Expr;
  readonly range: Range;
}

/** `type "label" ... { body }`. */
export interface Block {
  readonly type: string;
  readonly labels: readonly string[];
  readonly labelRanges: readonly Range[];
  readonly typeRange: Range;
  /** From the type name to the end of the last label: where a missing attribute is reported. */
  readonly headerRange: Range;
  readonly body: Body;
  readonly range: Range;
  /** A resource read from a Terraform plan carries the plan's address (`module.db.aws_db_instance.main[0]`). */
  readonly address?: string;
}

/** The attributes and nested blocks between braces, or of a whole file. */
export interface Body {
  readonly attributes: readonly Attribute[];
  readonly blocks: readonly Block[];
  /** Inside the braces (for a file, all of it). */
  readonly range: Range;
  /** Offset just after the opening brace; where an attribute is inserted. -1 for a file body or JSON. */
  readonly openBrace: number;
  /** Offset of the closing brace, or the end of what was read. */
  readonly closeBrace: number;
}

export interface Comment {
  readonly text: string;
  readonly range: Range;
}

export type { SyntaxProblem } from '../engine/types';
import type { SyntaxProblem } from '../engine/types';

/** A parsed Terraform file of either syntax. */
export interface ConfigFile {
  readonly body: Body;
  readonly comments: readonly Comment[];
  readonly problems: readonly SyntaxProblem[];
  readonly syntax: 'hcl' | 'json';
}

/** The attribute named `name` in a body, if any. */
export function attr(body: Body, name: string): Attribute | undefined {
  return attrIn(body.attributes, name);
}

/** The attribute named `name` in a list of attributes (a body's, or one being read), if any. */
export function attrIn(list: readonly Attribute[], name: string): Attribute | undefined {
  // An index loop: the most called lookup of the model, asked of every block for many names.
  for (let i = 0; i < list.length; i++) if (list[i]!.name === name) return list[i];
  return undefined;
}

/** The nested blocks of a given type. */
export function blocks(body: Body, type: string): Block[] {
  return body.blocks.filter((b) => b.type === type);
}

/** The direct sub-expressions of an expression. */
export function childExprs(e: Expr): Expr[] {
  const out: Expr[] = [];
  forEachChild(e, out);
  return out;
}

/** Pushes the direct sub-expressions of `e` onto `out`, left to right. */
function forEachChild(e: Expr, out: Expr[]): void {
  switch (e.kind) {
    case 'template':
      for (const p of e.parts) if (p.kind === 'interp') out.push(p.expr);
      return;
    case 'tuple':
      for (const i of e.items) out.push(i);
      return;
    case 'object':
      for (const i of e.items) out.push(i.key, i.value);
      return;
    case 'traversal':
      for (const st of e.steps) if (st.kind === 'index') out.push(st.key);
      return;
    case 'call':
      for (const a of e.args) out.push(a);
      return;
    case 'conditional':
      out.push(e.cond, e.then, e.else);
      return;
    case 'binary':
      out.push(e.left, e.right);
      return;
    case 'unary':
      out.push(e.operand);
      return;
    case 'for':
      out.push(e.collection);
      if (e.keyExpr) out.push(e.keyExpr);
      out.push(e.valueExpr);
      if (e.cond) out.push(e.cond);
      return;
    case 'index':
      out.push(e.target, e.key);
      return;
    case 'getattr':
    case 'splat':
      out.push(e.target);
      return;
    case 'paren':
      out.push(e.inner);
      return;
    default:
      return;
  }
}

/** Every traversal (`aws_s3_bucket.b.id`, `var.x`) inside an expression, outermost first. */
export function traversalsIn(e: Expr): TraversalExpr[] {
  const out: TraversalExpr[] = [];
  // Without recursion, as deep as an expression nests: each node's children go on the stack in
  // reverse, so that the first is taken next.
  const stack: Expr[] = [e];
  while (stack.length) {
    const x = stack.pop()!;
    if (x.kind === 'traversal') out.push(x);
    const from = stack.length;
    forEachChild(x, stack);
    for (let i = from, j = stack.length - 1; i < j; i++, j--) {
      const t = stack[i]!;
      stack[i] = stack[j]!;
      stack[j] = t;
    }
  }
  return out;
}

/** Every attribute of a body and of its nested blocks, depth first. */
export function allAttributes(body: Body): Attribute[] {
  const out: Attribute[] = [...body.attributes];
  for (const b of body.blocks) out.push(...allAttributes(b.body));
  return out;
}
