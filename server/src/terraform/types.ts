/**
 * Terraform type constraints (`variable "x" { type = ... }`) and the conversion Terraform applies
 * to a variable's value before the module sees it (developer.hashicorp.com/terraform/language/
 * expressions/type-constraints, "Conversion of Primitive Types", "Optional Object Type
 * Attributes"; HCL's ext/typeexpr and cty's convert package implement them).
 */
import { type Block, type Expr, attr } from './ast';
import { evaluate } from './evaluate';
import { parseHcl } from './parser';
import type { Range } from '../engine/source';
import { type Value, asString, unknown } from '../engine/value';

/** One attribute of an object type: `name = T`, `optional(T)` or `optional(T, default)`. */
export interface ObjectAttrType {
  readonly type: TypeConstraint;
  readonly optional: boolean;
  /** The default of `optional(T, default)`, as written. */
  readonly default?: Expr;
}

/** A parsed type constraint; `any` accepts every value unchanged. */
export type TypeConstraint =
  | { readonly kind: 'any' | 'string' | 'number' | 'bool' }
  | { readonly kind: 'list' | 'set' | 'map'; readonly element: TypeConstraint }
  | { readonly kind: 'tuple'; readonly elements: readonly TypeConstraint[] }
  | { readonly kind: 'object'; readonly attributes: ReadonlyMap<string, ObjectAttrType> };

const ANY: TypeConstraint = { kind: 'any' };
const MAX_DEPTH = 64;

/** The constraint an expression writes; `any` for whatever is not a valid type expression (Terraform rejects it, nothing to convert). */
export function parseType(expr: Expr, depth = 0): TypeConstraint {
  if (depth > MAX_DEPTH) return ANY;
  // Terraform JSON writes the type as a string holding the native syntax.
  if (expr.kind === 'template' && expr.parts.every((p) => p.kind === 'text')) {
    const text = expr.parts.map((p) => (p.kind === 'text' ? p.value : '')).join('');
    if (depth > 0 || text.length > 100_000) return ANY;
    const a = parseHcl(`t = ${text}\n`).body.attributes[0];
    return a ? parseType(a.expr, depth + 1) : ANY;
  }
  if (expr.kind === 'paren') return parseType(expr.inner, depth + 1);
  if (expr.kind === 'traversal' && expr.steps.length === 0) {
    switch (expr.root) {
      case 'string':
      case 'number':
      case 'bool':
      case 'any':
        return { kind: expr.root };
      // `list`, `map` and `set` alone are the legacy shorthands for list(any) and the like.
      case 'list':
      case 'map':
      case 'set':
        return { kind: expr.root, element: ANY };
    }
    return ANY;
  }
  if (expr.kind !== 'call') return ANY;
  const [first] = expr.args;
  if (!first) return ANY;
  switch (expr.name) {
    case 'list':
    case 'set':
    case 'map':
      return { kind: expr.name, element: parseType(first, depth + 1) };
    case 'tuple':
      return first.kind === 'tuple' ? { kind: 'tuple', elements: first.items.map((i) => parseType(i, depth + 1)) } : ANY;
    case 'object': {
      if (first.kind !== 'object') return ANY;
      const attributes = new Map<string, ObjectAttrType>();
      for (const item of first.items) {
        const key =
          item.key.kind === 'traversal' && item.key.steps.length === 0
            ? item.key.root
            : item.key.kind === 'template'
              ? item.key.parts.map((p) => (p.kind === 'text' ? p.value : '')).join('')
              : undefined;
        if (key === undefined) return ANY;
        const v = item.value;
        if (v.kind === 'call' && v.name === 'optional' && v.args[0])
          attributes.set(key, { type: parseType(v.args[0], depth + 1), optional: true, ...(v.args[1] ? { default: v.args[1] } : {}) });
        else attributes.set(key, { type: parseType(v, depth + 1), optional: false });
      }
      return { kind: 'object', attributes };
    }
  }
  return ANY;
}

/** Evaluates the default expression of an `optional(T, default)` attribute. */
export type DefaultEvaluator = (e: Expr) => Value;

/**
 * Converts a value to a type as Terraform does: a null stays null (of that type); an object
 * takes its declared attributes, an absent or null `optional(T, d)` attribute becoming `d`
 * converted to `T` (defaults are applied at every depth, inside lists, maps, sets and tuples), an
 * absent `optional(T)` one null, an undeclared one dropped; "true"/"false" become bools and
 * numeric strings numbers, numbers and bools become strings. A value Terraform would reject
 * (a required attribute missing, "yes" for a bool) is unknown: the configuration is invalid.
 */
export function convert(v: Value, t: TypeConstraint, evalDefault: DefaultEvaluator, depth = 0): Value {
  if (t.kind === 'any' || v.kind === 'unknown' || v.kind === 'null') return v;
  if (depth > MAX_DEPTH) return unknown(v.range, 'the value is nested too deeply to convert');
  const bad = (what: string): Value => unknown(v.range, `error: ${what} cannot be converted to ${t.kind}`);
  switch (t.kind) {
    case 'string': {
      if (v.kind === 'string') return v;
      const s = v.kind === 'number' || v.kind === 'bool' ? asString(v) : undefined;
      return s === undefined ? bad(`a ${v.kind}`) : { kind: 'string', value: s, range: v.range, origin: v.origin };
    }
    case 'number': {
      if (v.kind === 'number') return v;
      if (v.kind === 'string' && v.value.trim() !== '' && !Number.isNaN(Number(v.value)))
        return { kind: 'number', value: Number(v.value), range: v.range, origin: v.origin };
      return bad(`a ${v.kind}`);
    }
    case 'bool': {
      if (v.kind === 'bool') return v;
      if (v.kind === 'string' && (v.value === 'true' || v.value === 'false'))
        return { kind: 'bool', value: v.value === 'true', range: v.range, origin: v.origin };
      return bad(`a ${v.kind}`);
    }
    case 'list':
    case 'set': {
      if (v.kind !== 'list') return bad(`a ${v.kind}`);
      return { ...v, items: v.items.map((i) => convert(i, t.element, evalDefault, depth + 1)) };
    }
    case 'map': {
      if (v.kind !== 'map') return bad(`a ${v.kind}`);
      const entries = new Map<string, Value>();
      for (const [k, e] of v.entries) entries.set(k, convert(e, t.element, evalDefault, depth + 1));
      return { ...v, entries };
    }
    case 'tuple': {
      if (v.kind !== 'list' || v.items.length !== t.elements.length) return bad(`a ${v.kind}`);
      return { ...v, items: v.items.map((i, n) => convert(i, t.elements[n]!, evalDefault, depth + 1)) };
    }
    case 'object':
      return v.kind === 'map' ? convertObject(v, t.attributes, evalDefault, depth) : bad(`a ${v.kind}`);
  }
}

function convertObject(
  v: Extract<Value, { kind: 'map' }>,
  attributes: ReadonlyMap<string, ObjectAttrType>,
  evalDefault: DefaultEvaluator,
  depth: number,
): Value {
  const entries = new Map<string, Value>();
  for (const [name, a] of attributes) {
    const given = v.entries.get(name);
    if (given && given.kind !== 'null') {
      entries.set(name, convert(given, a.type, evalDefault, depth + 1));
      continue;
    }
    if (!given && !a.optional) return unknown(v.range, `error: attribute "${name}" is required`);
    // optional(T, d): the default replaces an absent or null attribute, and is itself converted to T.
    entries.set(
      name,
      a.default
        ? convert(placed(evalDefault(a.default), v.range), a.type, evalDefault, depth + 1)
        : { kind: 'null', range: v.range, origin: 'evaluated' },
    );
  }
  return { ...v, entries };
}

/** A default value placed where the object it completes stands (its own text is in the type constraint). */
function placed(v: Value, range: Range): Value {
  return { ...v, range, origin: 'evaluated' };
}

/**
 * The value a module sees for a variable declared by `decl`: the value given (var file, module
 * input) or else the default, converted to the variable's type; a null given to a variable with
 * `nullable = false` takes the default (Terraform 1.1+). Unknown without value nor default.
 */
export function variableValueOf(decl: Block, name: string, given: Value | undefined, at: Range): Value {
  const d = declarationOf(decl);
  if (given && !(given.kind === 'null' && d.nullable?.kind === 'bool' && !d.nullable.value)) return d.convert(given);
  if (!d.defaultExpr) return unknown(at, `var.${name} has no default and no value in a tfvars file`);
  // A null default is a known null: `var.x != null ? ... : ...` is decided, and the provider's default applies.
  d.fromDefault ??= d.convert(evaluate(d.defaultExpr));
  return d.fromDefault;
}

/** What a variable block declares, read once however many modules and calls read the variable. */
interface Declaration {
  readonly convert: (v: Value) => Value;
  readonly nullable: Value | undefined;
  readonly defaultExpr: Expr | undefined;
  /** The default converted to the type: it depends on the block alone, so every instance of the module shares it. */
  fromDefault?: Value;
}

const declarations = new WeakMap<Block, Declaration>();

function declarationOf(decl: Block): Declaration {
  let d = declarations.get(decl);
  if (!d) {
    const typeAttr = attr(decl.body, 'type');
    const type = typeAttr ? parseType(typeAttr.expr) : undefined;
    const nullableAttr = attr(decl.body, 'nullable');
    d = {
      convert: type ? (x) => convert(x, type, (e) => evaluate(e)) : (x) => x,
      nullable: nullableAttr ? evaluate(nullableAttr.expr) : undefined,
      defaultExpr: attr(decl.body, 'default')?.expr,
    };
    declarations.set(decl, d);
  }
  return d;
}
