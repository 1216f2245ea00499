/**
 * HCL expressions: operators by precedence, conditionals, traversals and splats, calls, tuples,
 * objects and `for` expressions. Nesting is bounded: beyond MAX_DEPTH the item is cut short
 * with a problem rather than overflowing the stack.
 */
import type { Expr, ObjectItem, TraversalExpr, TraversalStep } from '../ast';
import { quoteToken } from '../../engine/echo';
import { C, type Cursor, describe, exact, isCloser, NONE, isDigit, isIdentStart, MAX_DEPTH, TooDeep } from './scanner';
import { recoverLine, skipToClose } from './recovery';
import { parseHeredoc, parseQuoted } from './templates';

/** An attribute value: newlines end it unless inside brackets. */
export function parseTopExpr(s: Cursor): Expr {
  const saved = s.nlDepth;
  s.nlDepth = 0;
  s.depth = 0;
  try {
    return parseExpr(s);
  } catch (e) {
    if (!(e instanceof TooDeep)) throw e;
    const start = s.pos;
    s.problem(`Expression nested more than ${MAX_DEPTH} levels deep; the rest of the item is skipped.`, start);
    s.nlDepth = 0;
    recoverLine(s);
    return { kind: 'invalid', range: { start, end: s.pos } };
  } finally {
    s.nlDepth = saved;
  }
}

/** One expression, conditionals included; throws TooDeep beyond MAX_DEPTH. */
export function parseExpr(s: Cursor): Expr {
  if (++s.depth > MAX_DEPTH) throw new TooDeep();
  try {
    s.skip();
    const cond = parseBinary(s, 0);
    s.skip();
    if (s.code() !== C.Question) return cond;
    s.pos++;
    const then = parseExpr(s);
    s.skip();
    if (s.code() !== C.Colon) {
      s.problem(`Expected ":" in conditional expression, found ${describe(s.text, s.pos)}.`, s.pos);
      return {
        kind: 'conditional',
        cond,
        then,
        else: { kind: 'invalid', range: { start: s.pos, end: s.pos } },
        range: { start: cond.range.start, end: s.pos },
      };
    }
    s.pos++;
    const els = parseExpr(s);
    return { kind: 'conditional', cond, then, else: els, range: { start: cond.range.start, end: els.range.end } };
  } finally {
    s.depth--;
  }
}

/** Binary operators by HCL precedence, lowest level first. */
const LEVELS: readonly (readonly string[])[] = [['||'], ['&&'], ['==', '!='], ['<=', '>=', '<', '>'], ['+', '-'], ['*', '/', '%']];
/** Each operator with its level, in the order the levels list them. */
const OPERATORS: readonly (readonly [string, number])[] = LEVELS.flatMap((ops, level) => ops.map((op) => [op, level] as const));

/**
 * Operators of `level` and above, left-associative (precedence climbing: one look for an
 * operator after each operand, whatever the number of levels).
 */
function parseBinary(s: Cursor, level: number): Expr {
  let left = parseUnary(s);
  for (;;) {
    const save = s.pos;
    s.skip();
    const found = matchOp(s);
    if (!found || found[1] < level) {
      s.pos = save;
      return left;
    }
    const op = found[0];
    s.pos += op.length;
    s.skip();
    const right = parseBinary(s, found[1] + 1);
    left = { kind: 'binary', op, left, right, range: { start: left.range.start, end: right.range.end } };
  }
}

/** The binary operator at the cursor and its level; no two levels can match at one place. */
function matchOp(s: Cursor): readonly [string, number] | undefined {
  const c = s.code();
  // Every operator starts with one of | & = ! < > + - * / %.
  if (
    c !== C.Pipe &&
    c !== C.Amp &&
    c !== C.Eq &&
    c !== C.Bang &&
    c !== C.Lt &&
    c !== C.Gt &&
    c !== C.Plus &&
    c !== C.Minus &&
    c !== C.Star &&
    c !== C.Slash &&
    c !== C.Percent
  )
    return undefined;
  for (const found of OPERATORS) {
    const op = found[0];
    if (!s.text.startsWith(op, s.pos)) continue;
    const next = s.code(s.pos + op.length);
    // "=>" and "==" are not "<"/">" or assignment; "<<" starts a heredoc.
    if ((op === '<' || op === '>') && (next === C.Eq || next === C.Lt)) continue;
    if (op === '-' && next === C.Gt) continue;
    return found;
  }
  return undefined;
}

function parseUnary(s: Cursor): Expr {
  const c = s.code();
  if (c === C.Bang || c === C.Minus) {
    const start = s.pos;
    s.pos++;
    s.skip();
    if (++s.depth > MAX_DEPTH) throw new TooDeep();
    const operand = parseUnary(s);
    s.depth--;
    return { kind: 'unary', op: c === C.Bang ? '!' : '-', operand, range: { start, end: operand.range.end } };
  }
  return parsePostfix(s, parsePrimary(s));
}

/** Attribute access, index, and splat steps after a primary expression. */
function parsePostfix(s: Cursor, expr: Expr): Expr {
  if (!startsStep(s)) return expr;
  const t = new Steps(expr);
  for (;;) {
    const save = s.pos;
    s.skip();
    const c = s.code();
    if (c === C.Dot && s.code(s.pos + 1) !== C.Dot) {
      const n = s.code(s.pos + 1);
      if (n === C.Star) {
        s.pos += 2;
        const target = t.expr();
        t.wrap({ kind: 'splat', target, range: { start: target.range.start, end: s.pos } });
        continue;
      }
      if (isIdentStart(n)) {
        s.pos++;
        t.add(s.attrStep(s.readIdent()), s.pos);
        continue;
      }
      if (isDigit(n)) {
        s.pos++;
        const start = s.pos;
        while (isDigit(s.code())) s.pos++;
        const key: Expr = { kind: 'literal', value: Number(s.text.slice(start, s.pos)), range: { start, end: s.pos } };
        t.add({ kind: 'index', key }, s.pos);
        continue;
      }
      s.problem(`Expected an attribute name after ".", found ${describe(s.text, s.pos + 1)}.`, s.pos + 1);
      s.pos++;
      return t.expr();
    }
    if (c === C.LBracket) {
      s.pos++;
      s.nlDepth++;
      s.skip();
      if (s.code() === C.Star) {
        s.pos++;
        s.skip();
        s.expect(C.RBracket, ']');
        s.nlDepth--;
        const target = t.expr();
        t.wrap({ kind: 'splat', target, range: { start: target.range.start, end: s.pos } });
        continue;
      }
      const key = parseExpr(s);
      s.skip();
      s.expect(C.RBracket, ']');
      s.nlDepth--;
      t.add({ kind: 'index', key }, s.pos);
      continue;
    }
    s.pos = save;
    return t.expr();
  }
}

/** Whether a step (`.`, `[`) follows the cursor, past the whitespace `skip` would pass; the cursor does not move. */
function startsStep(s: Cursor): boolean {
  const save = s.pos;
  s.skip();
  const c = s.code();
  s.pos = save;
  return c === C.Dot || c === C.LBracket;
}

/**
 * The expression a chain of steps builds: a traversal grows by its steps, gathered here and put in
 * one node at the end; any other expression is wrapped by each step.
 */
class Steps {
  private pending: TraversalStep[] | undefined;
  private end = 0;
  constructor(private e: Expr) {}

  add(step: TraversalStep, end: number): void {
    const e = this.e;
    if (e.kind === 'traversal') {
      // A traversal here is a bare name (its steps are gathered here, then put in one node).
      if (this.pending) this.pending.push(step);
      else this.pending = e.steps.length ? [...e.steps, step] : [step];
      this.end = end;
    } else {
      const range = { start: e.range.start, end };
      this.e =
        step.kind === 'attr' ? { kind: 'getattr', target: e, name: step.name, range } : { kind: 'index', target: e, key: step.key, range };
    }
  }

  wrap(e: Expr): void {
    this.e = e;
  }

  expr(): Expr {
    const e = this.e;
    if (this.pending && e.kind === 'traversal') {
      const t: TraversalExpr = {
        kind: 'traversal',
        root: e.root,
        steps: exact(this.pending),
        range: { start: e.range.start, end: this.end },
      };
      this.e = t;
    }
    this.pending = undefined;
    return this.e;
  }
}

function parsePrimary(s: Cursor): Expr {
  const start = s.pos;
  const c = s.code();
  if (isDigit(c)) return parseNumber(s);
  if (c === C.Quote) return parseQuoted(s, parseExpr);
  if (c === C.Lt && s.code(s.pos + 1) === C.Lt) return parseHeredoc(s, parseExpr);
  if (c === C.LBracket) return parseTuple(s);
  if (c === C.LBrace) return parseObject(s);
  if (c === C.LParen) {
    s.pos++;
    s.nlDepth++;
    const inner = parseExpr(s);
    s.skip();
    s.expect(C.RParen, ')');
    s.nlDepth--;
    return { kind: 'paren', inner, range: { start, end: s.pos } };
  }
  if (isIdentStart(c)) {
    let name = s.readIdent();
    while (s.text.startsWith('::', s.pos) && isIdentStart(s.code(s.pos + 2))) {
      s.pos += 2;
      name += `::${s.readIdent()}`;
    }
    if (name === 'true' || name === 'false') return { kind: 'literal', value: name === 'true', range: { start, end: s.pos } };
    if (name === 'null') return { kind: 'literal', value: null, range: { start, end: s.pos } };
    const save = s.pos;
    s.skip();
    if (s.code() === C.LParen) return parseCall(s, name, start);
    s.pos = save;
    // A bare name (an object key, `each` or `count` alone) has no steps.
    return { kind: 'traversal', root: name, steps: NONE, range: { start, end: s.pos } };
  }
  s.problem(
    c < 0 || c === C.LF || c === C.CR
      ? 'Expected an expression before the end of the line.'
      : `Expected an expression, found ${describe(s.text, s.pos)}.`,
    s.pos,
  );
  return { kind: 'invalid', range: { start, end: start } };
}

function parseNumber(s: Cursor): Expr {
  const start = s.pos;
  while (isDigit(s.code())) s.pos++;
  if (s.code() === C.Dot && isDigit(s.code(s.pos + 1))) {
    s.pos++;
    while (isDigit(s.code())) s.pos++;
  }
  const e = s.code();
  if (e === 101 || e === 69) {
    const sign = s.code(s.pos + 1);
    const digitAt = sign === C.Plus || sign === C.Minus ? s.pos + 2 : s.pos + 1;
    if (isDigit(s.code(digitAt))) {
      s.pos = digitAt;
      while (isDigit(s.code())) s.pos++;
    }
  }
  return { kind: 'literal', value: Number(s.text.slice(start, s.pos)), range: { start, end: s.pos } };
}

function parseCall(s: Cursor, name: string, start: number): Expr {
  s.pos++;
  s.nlDepth++;
  const args: Expr[] = [];
  let expandFinal = false;
  for (;;) {
    s.skip();
    const c = s.code();
    if (c === C.RParen) {
      s.pos++;
      break;
    }
    if (c < 0) {
      s.problem(`Unclosed call to ${quoteToken(`${name}(`)}: expected ")".`, start, s.pos);
      break;
    }
    const before = s.pos;
    args.push(parseExpr(s));
    s.skip();
    if (s.text.startsWith('...', s.pos)) {
      expandFinal = true;
      s.pos += 3;
      s.skip();
    }
    if (s.code() === C.Comma) {
      s.pos++;
      continue;
    }
    if (s.code() === C.RParen) continue;
    s.problem(`Expected "," or ")" in the arguments of ${quoteToken(`${name}()`)}, found ${describe(s.text, s.pos)}.`, s.pos);
    if (s.pos === before && !isCloser(s.code())) s.pos++;
    if (!skipToClose(s, C.RParen)) break;
  }
  s.nlDepth--;
  return { kind: 'call', name, args: exact(args), expandFinal, range: { start, end: s.pos } };
}

function parseTuple(s: Cursor): Expr {
  const start = s.pos;
  s.pos++;
  s.nlDepth++;
  s.skip();
  if (s.isKeyword('for')) {
    const e = parseForRest(s, start, false);
    s.nlDepth--;
    return e;
  }
  const items: Expr[] = [];
  for (;;) {
    s.skip();
    const c = s.code();
    if (c === C.RBracket) {
      s.pos++;
      break;
    }
    if (c < 0) {
      s.problem('Unclosed list: "[" has no matching "]".', start);
      break;
    }
    const before = s.pos;
    items.push(parseExpr(s));
    s.skip();
    if (s.code() === C.Comma) {
      s.pos++;
      continue;
    }
    if (s.code() === C.RBracket) continue;
    s.problem(`Expected "," or "]" in list, found ${describe(s.text, s.pos)}.`, s.pos);
    if (s.pos === before && !isCloser(s.code())) s.pos++;
    skipToClose(s, C.RBracket);
    break;
  }
  s.nlDepth--;
  return { kind: 'tuple', items: exact(items), range: { start, end: s.pos } };
}

function parseObject(s: Cursor): Expr {
  const start = s.pos;
  s.pos++;
  s.nlDepth++;
  s.skip();
  if (s.isKeyword('for')) {
    const e = parseForRest(s, start, true);
    s.nlDepth--;
    return e;
  }
  const items: ObjectItem[] = [];
  for (;;) {
    s.skip();
    const c = s.code();
    if (c === C.RBrace) {
      s.pos++;
      break;
    }
    if (c < 0) {
      s.problem('Unclosed object: "{" has no matching "}".', start);
      break;
    }
    const before = s.pos;
    const key = parseExpr(s);
    s.skip();
    const sep = s.code();
    if (sep !== C.Eq && sep !== C.Colon) {
      s.problem(`Expected "=" or ":" after an object key, found ${describe(s.text, s.pos)}.`, s.pos);
      if (s.pos === before && !isCloser(s.code())) s.pos++;
      skipToClose(s, C.RBrace);
      break;
    }
    s.pos++;
    const value = parseExpr(s);
    items.push({ key, value, range: { start: key.range.start, end: value.range.end } });
    s.skip();
    if (s.code() === C.Comma) s.pos++;
  }
  s.nlDepth--;
  return { kind: 'object', items: exact(items), range: { start, end: s.pos } };
}

/** `for k, v in coll : [k =>] v [...] [if cond]` and the closing bracket. */
function parseForRest(s: Cursor, start: number, isObject: boolean): Expr {
  s.pos += 3;
  s.skip();
  let keyVar: string | undefined;
  let valueVar = '';
  if (isIdentStart(s.code())) valueVar = s.readIdent();
  else s.problem('Expected a variable name after "for".', s.pos);
  s.skip();
  if (s.code() === C.Comma) {
    s.pos++;
    s.skip();
    keyVar = valueVar;
    valueVar = isIdentStart(s.code()) ? s.readIdent() : '';
    s.skip();
  }
  if (s.isKeyword('in')) s.pos += 2;
  else s.problem(`Expected "in" in for expression, found ${describe(s.text, s.pos)}.`, s.pos);
  const collection = parseExpr(s);
  s.skip();
  s.expect(C.Colon, ':');
  let keyExpr: Expr | undefined;
  let valueExpr = parseExpr(s);
  s.skip();
  let grouping = false;
  if (isObject && s.text.startsWith('=>', s.pos)) {
    s.pos += 2;
    keyExpr = valueExpr;
    valueExpr = parseExpr(s);
    s.skip();
  }
  if (isObject && !keyExpr)
    s.problem(
      'Expected "=>" in an object for expression: {for k, v in coll : key => value}.',
      valueExpr.range.start,
      Math.max(valueExpr.range.end, valueExpr.range.start + 1),
    );
  if (s.text.startsWith('...', s.pos)) {
    grouping = true;
    s.pos += 3;
    s.skip();
  }
  let cond: Expr | undefined;
  if (s.isKeyword('if')) {
    s.pos += 2;
    cond = parseExpr(s);
    s.skip();
  }
  const close = isObject ? C.RBrace : C.RBracket;
  if (s.code() === close) s.pos++;
  else {
    s.problem(`Expected "${isObject ? '}' : ']'}" to end the for expression, found ${describe(s.text, s.pos)}.`, s.pos);
    skipToClose(s, close);
  }
  return { kind: 'for', keyVar, valueVar, collection, keyExpr, valueExpr, cond, grouping, isObject, range: { start, end: s.pos } };
}
