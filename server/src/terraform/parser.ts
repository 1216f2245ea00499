/**
 * An error-tolerant parser for HCL native syntax (Terraform .tf and .tfvars files).
 * It keeps exact offsets and comments, and recovers at attribute and block boundaries so a
 * half-typed file still yields everything readable around the error.
 */
import type {
  Attribute,
  Block,
  Body,
  Comment,
  ConfigFile,
  Expr,
  ObjectItem,
  SyntaxProblem,
  TemplatePart,
  TraversalStep,
} from './ast';
import { quoteToken } from '../engine/echo';

const MAX_DEPTH = 128;
/** Blocks nested deeper than this are skipped rather than read, so the parser cannot overflow the stack. */
const MAX_BLOCK_DEPTH = 128;

const enum C {
  Tab = 9,
  LF = 10,
  CR = 13,
  Space = 32,
  Bang = 33,
  Quote = 34,
  Hash = 35,
  Dollar = 36,
  Percent = 37,
  Amp = 38,
  LParen = 40,
  RParen = 41,
  Star = 42,
  Plus = 43,
  Comma = 44,
  Minus = 45,
  Dot = 46,
  Slash = 47,
  D0 = 48,
  D9 = 57,
  Colon = 58,
  Lt = 60,
  Eq = 61,
  Gt = 62,
  Question = 63,
  LBracket = 91,
  Backslash = 92,
  RBracket = 93,
  Underscore = 95,
  LBrace = 123,
  Pipe = 124,
  RBrace = 125,
  Tilde = 126,
}

function isIdentStart(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === C.Underscore || c > 127;
}

function isIdentPart(c: number): boolean {
  return isIdentStart(c) || (c >= C.D0 && c <= C.D9) || c === C.Minus;
}

function isCloser(c: number): boolean {
  return c === C.RBrace || c === C.RBracket || c === C.RParen;
}

function isDigit(c: number): boolean {
  return c >= C.D0 && c <= C.D9;
}

/** Thrown to unwind out of an expression nested beyond MAX_DEPTH. */
class TooDeep extends Error {}

/** Parses HCL native syntax. Never throws: problems are returned with the tree. */
export function parseHcl(text: string): ConfigFile {
  const p = new HclParser(text);
  const body = p.parseFile();
  return { body, comments: p.comments, problems: p.problems, syntax: 'hcl' };
}

class HclParser {
  pos = 0;
  /** >0 while inside brackets, where newlines are plain whitespace. */
  private nlDepth = 0;
  private depth = 0;
  private blockDepth = 0;
  private lastCommentEnd = 0;
  readonly comments: Comment[] = [];
  readonly problems: SyntaxProblem[] = [];

  constructor(private readonly text: string) {}

  private code(at = this.pos): number {
    return at < this.text.length ? this.text.charCodeAt(at) : -1;
  }

  private problem(message: string, start: number, end = start + 1): void {
    const e = Math.min(Math.max(end, start), this.text.length);
    const s = Math.min(start, this.text.length);
    this.problems.push({ message, range: { start: s, end: Math.max(e, s) } });
  }

  private addComment(start: number, end: number): void {
    if (start >= this.lastCommentEnd) {
      this.comments.push({ text: this.text.slice(start, end), range: { start, end } });
      this.lastCommentEnd = end;
    }
  }

  /** Skips spaces, tabs and comments; newlines too when `newlines` or inside brackets. */
  private skip(newlines = this.nlDepth > 0): void {
    const t = this.text;
    for (;;) {
      const c = this.code();
      if (c === C.Space || c === C.Tab || c === 0xfeff) {
        this.pos++;
      } else if (c === C.LF || c === C.CR) {
        if (!newlines) return;
        this.pos++;
      } else if (c === C.Hash || (c === C.Slash && this.code(this.pos + 1) === C.Slash)) {
        const start = this.pos;
        let i = this.pos;
        while (i < t.length && t.charCodeAt(i) !== C.LF && t.charCodeAt(i) !== C.CR) i++;
        this.addComment(start, i);
        this.pos = i;
      } else if (c === C.Slash && this.code(this.pos + 1) === C.Star) {
        const start = this.pos;
        const close = t.indexOf('*/', this.pos + 2);
        if (close < 0) {
          this.problem('Unterminated comment: "/*" has no closing "*/".', start, start + 2);
          this.pos = t.length;
        } else {
          this.pos = close + 2;
        }
        this.addComment(start, this.pos);
        // A multi-line comment counts as a line break where newlines matter.
        if (!newlines && /[\r\n]/.test(t.slice(start, this.pos))) return;
      } else {
        return;
      }
    }
  }

  parseFile(): Body {
    const attributes: Attribute[] = [];
    const blocks: Block[] = [];
    this.parseBodyItems(attributes, blocks, false, 0);
    return { attributes, blocks, range: { start: 0, end: this.text.length }, openBrace: -1, closeBrace: this.text.length };
  }

  /** Reads attributes and blocks until EOF or, when `inBlock`, the closing brace. */
  private parseBodyItems(attributes: Attribute[], blocks: Block[], inBlock: boolean, openAt: number): boolean {
    const seen = new Set<string>();
    for (;;) {
      this.skip(true);
      const c = this.code();
      if (c < 0) {
        if (inBlock) this.problem('Unclosed block: "{" has no matching "}".', openAt, openAt + 1);
        return false;
      }
      if (c === C.RBrace) {
        if (inBlock) return true;
        this.problem('Unexpected "}" with no block to close.', this.pos);
        this.pos++;
        continue;
      }
      if (!isIdentStart(c)) {
        this.problem(`Unexpected ${describe(this.text, this.pos)}: expected an attribute or a block.`, this.pos);
        this.recoverLine();
        continue;
      }
      const nameStart = this.pos;
      const name = this.readIdent();
      const nameRange = { start: nameStart, end: this.pos };
      this.skip(false);
      if (this.code() === C.Eq && this.code(this.pos + 1) !== C.Eq) {
        this.pos++;
        const expr = this.parseTopExpr();
        const a: Attribute = { name, nameRange, expr, range: { start: nameStart, end: expr.range.end } };
        if (seen.has(name)) this.problem(`Attribute ${quoteToken(name)} is defined twice in this block.`, nameStart, nameRange.end);
        seen.add(name);
        attributes.push(a);
        this.endOfItem();
        continue;
      }
      const block = this.parseBlockRest(name, nameRange);
      if (block) blocks.push(block);
    }
  }

  /** After the block type name: labels, then the body. */
  private parseBlockRest(type: string, typeRange: { start: number; end: number }): Block | undefined {
    const labels: string[] = [];
    const labelRanges: { start: number; end: number }[] = [];
    for (;;) {
      const c = this.code();
      if (c === C.Quote) {
        const start = this.pos;
        const tpl = this.bounded(() => this.parseQuoted());
        if (!tpl) {
          this.problem(`Expression nested more than ${MAX_DEPTH} levels deep in a block label; the block is skipped.`, start);
          this.recoverLine();
          return undefined;
        }
        let s = '';
        for (const part of tpl.parts) if (part.kind === 'text') s += part.value;
        if (tpl.parts.some((p) => p.kind !== 'text')) this.problem('Block labels cannot contain template sequences.', start, this.pos);
        labels.push(s);
        labelRanges.push({ start, end: this.pos });
      } else if (isIdentStart(c)) {
        const start = this.pos;
        labels.push(this.readIdent());
        labelRanges.push({ start, end: this.pos });
      } else {
        break;
      }
      this.skip(false);
    }
    if (this.code() !== C.LBrace) {
      const what = labels.length ? 'after block labels' : `after ${quoteToken(type)}`;
      this.problem(`Expected "=" or "{" ${what}, found ${describe(this.text, this.pos)}.`, this.pos);
      this.recoverLine();
      return undefined;
    }
    const headerEnd = labelRanges.length ? labelRanges[labelRanges.length - 1]!.end : typeRange.end;
    const openAt = this.pos;
    if (this.blockDepth >= MAX_BLOCK_DEPTH) {
      this.problem(`Blocks nested more than ${MAX_BLOCK_DEPTH} levels deep; this block is skipped.`, typeRange.start, typeRange.end);
      this.skipBlockBody();
      return undefined;
    }
    this.pos++;
    const attributes: Attribute[] = [];
    const blocks: Block[] = [];
    const saved = this.nlDepth;
    this.nlDepth = 0;
    this.blockDepth++;
    const closed = this.parseBodyItems(attributes, blocks, true, openAt);
    this.blockDepth--;
    this.nlDepth = saved;
    const closeAt = this.pos;
    if (closed) this.pos++;
    const body: Body = { attributes, blocks, range: { start: openAt + 1, end: closeAt }, openBrace: openAt + 1, closeBrace: closeAt };
    if (closed) this.endOfItem();
    return {
      type,
      labels,
      labelRanges,
      typeRange,
      headerRange: { start: typeRange.start, end: headerEnd },
      body,
      range: { start: typeRange.start, end: closed ? closeAt + 1 : closeAt },
    };
  }

  /** An attribute or block must end its line (or be followed by the closing brace). */
  private endOfItem(): void {
    this.skip(false);
    const c = this.code();
    if (c < 0 || c === C.LF || c === C.CR || c === C.RBrace) return;
    this.problem(`Unexpected ${describe(this.text, this.pos)}: expected a line break after the item.`, this.pos);
    this.recoverLine();
  }

  /** From a block's "{", skips past its matching "}" (or to the end of the text), without recursion. */
  private skipBlockBody(): void {
    const t = this.text;
    let depth = 0;
    while (this.pos < t.length) {
      const c = t.charCodeAt(this.pos++);
      if (c === C.LBrace) depth++;
      else if (c === C.RBrace) {
        if (--depth === 0) return;
      } else if (c === C.Quote) {
        while (this.pos < t.length) {
          const d = t.charCodeAt(this.pos);
          if (d === C.Quote || d === C.LF) break;
          this.pos += d === C.Backslash ? 2 : 1;
        }
        this.pos++;
      } else if (c === C.Hash || (c === C.Slash && t.charCodeAt(this.pos) === C.Slash)) {
        while (this.pos < t.length && t.charCodeAt(this.pos) !== C.LF) this.pos++;
      }
    }
  }

  /** Skips to the end of the line, keeping brackets balanced, stopping before an unmatched "}". */
  private recoverLine(): void {
    const t = this.text;
    let depth = 0;
    while (this.pos < t.length) {
      const c = t.charCodeAt(this.pos);
      if ((c === C.LF || c === C.CR) && depth <= 0) return;
      if (c === C.LBrace || c === C.LBracket || c === C.LParen) depth++;
      else if (c === C.RBrace || c === C.RBracket || c === C.RParen) {
        if (depth === 0 && c === C.RBrace) return;
        depth--;
      } else if (c === C.Quote) {
        this.pos++;
        while (this.pos < t.length) {
          const d = t.charCodeAt(this.pos);
          if (d === C.Backslash) this.pos++;
          else if (d === C.Quote || d === C.LF) break;
          this.pos++;
        }
      }
      this.pos++;
    }
  }

  private readIdent(): string {
    const start = this.pos;
    this.pos++;
    while (isIdentPart(this.code())) this.pos++;
    return this.text.slice(start, this.pos);
  }

  /** Runs a parse outside parseTopExpr; undefined when it nests deeper than MAX_DEPTH. */
  private bounded<T>(f: () => T): T | undefined {
    const saved = this.nlDepth;
    this.depth = 0;
    try {
      return f();
    } catch (e) {
      if (!(e instanceof TooDeep)) throw e;
      this.nlDepth = saved;
      return undefined;
    }
  }

  /** An attribute value: newlines end it unless inside brackets. */
  private parseTopExpr(): Expr {
    const saved = this.nlDepth;
    this.nlDepth = 0;
    this.depth = 0;
    try {
      return this.parseExpr();
    } catch (e) {
      if (!(e instanceof TooDeep)) throw e;
      const start = this.pos;
      this.problem(`Expression nested more than ${MAX_DEPTH} levels deep; the rest of the item is skipped.`, start);
      this.nlDepth = 0;
      this.recoverLine();
      return { kind: 'invalid', range: { start, end: this.pos } };
    } finally {
      this.nlDepth = saved;
    }
  }

  private parseExpr(): Expr {
    if (++this.depth > MAX_DEPTH) throw new TooDeep();
    try {
      this.skip();
      const cond = this.parseBinary(0);
      this.skip();
      if (this.code() !== C.Question) return cond;
      this.pos++;
      const then = this.parseExpr();
      this.skip();
      if (this.code() !== C.Colon) {
        this.problem(`Expected ":" in conditional expression, found ${describe(this.text, this.pos)}.`, this.pos);
        return { kind: 'conditional', cond, then, else: { kind: 'invalid', range: { start: this.pos, end: this.pos } }, range: { start: cond.range.start, end: this.pos } };
      }
      this.pos++;
      const els = this.parseExpr();
      return { kind: 'conditional', cond, then, else: els, range: { start: cond.range.start, end: els.range.end } };
    } finally {
      this.depth--;
    }
  }

  /** Binary operators by HCL precedence, lowest level first. */
  private static readonly LEVELS: readonly (readonly string[])[] = [
    ['||'],
    ['&&'],
    ['==', '!='],
    ['<=', '>=', '<', '>'],
    ['+', '-'],
    ['*', '/', '%'],
  ];

  private parseBinary(level: number): Expr {
    if (level >= HclParser.LEVELS.length) return this.parseUnary();
    let left = this.parseBinary(level + 1);
    for (;;) {
      const save = this.pos;
      this.skip();
      const op = this.matchOp(HclParser.LEVELS[level]!);
      if (!op) {
        this.pos = save;
        return left;
      }
      this.pos += op.length;
      this.skip();
      const right = this.parseBinary(level + 1);
      left = { kind: 'binary', op, left, right, range: { start: left.range.start, end: right.range.end } };
    }
  }

  private matchOp(ops: readonly string[]): string | undefined {
    for (const op of ops) {
      if (!this.text.startsWith(op, this.pos)) continue;
      const next = this.code(this.pos + op.length);
      // "=>" and "==" are not "<"/">" or assignment; "<<" starts a heredoc.
      if ((op === '<' || op === '>') && (next === C.Eq || next === C.Lt)) continue;
      if (op === '-' && next === C.Gt) continue;
      return op;
    }
    return undefined;
  }

  private parseUnary(): Expr {
    const c = this.code();
    if (c === C.Bang || c === C.Minus) {
      const start = this.pos;
      this.pos++;
      this.skip();
      if (++this.depth > MAX_DEPTH) throw new TooDeep();
      const operand = this.parseUnary();
      this.depth--;
      return { kind: 'unary', op: c === C.Bang ? '!' : '-', operand, range: { start, end: operand.range.end } };
    }
    return this.parsePostfix(this.parsePrimary());
  }

  private parsePostfix(expr: Expr): Expr {
    let e = expr;
    for (;;) {
      const save = this.pos;
      this.skip();
      const c = this.code();
      if (c === C.Dot && this.code(this.pos + 1) !== C.Dot) {
        const n = this.code(this.pos + 1);
        if (n === C.Star) {
          this.pos += 2;
          e = { kind: 'splat', target: e, range: { start: e.range.start, end: this.pos } };
          continue;
        }
        if (isIdentStart(n)) {
          this.pos++;
          const name = this.readIdent();
          e = this.extend(e, { kind: 'attr', name });
          continue;
        }
        if (isDigit(n)) {
          this.pos++;
          const start = this.pos;
          while (isDigit(this.code())) this.pos++;
          const key: Expr = { kind: 'literal', value: Number(this.text.slice(start, this.pos)), range: { start, end: this.pos } };
          e = this.extend(e, { kind: 'index', key });
          continue;
        }
        this.problem(`Expected an attribute name after ".", found ${describe(this.text, this.pos + 1)}.`, this.pos + 1);
        this.pos++;
        return e;
      }
      if (c === C.LBracket) {
        this.pos++;
        this.nlDepth++;
        this.skip();
        if (this.code() === C.Star) {
          this.pos++;
          this.skip();
          this.expect(C.RBracket, ']');
          this.nlDepth--;
          e = { kind: 'splat', target: e, range: { start: e.range.start, end: this.pos } };
          continue;
        }
        const key = this.parseExpr();
        this.skip();
        this.expect(C.RBracket, ']');
        this.nlDepth--;
        e = this.extend(e, { kind: 'index', key });
        continue;
      }
      this.pos = save;
      return e;
    }
  }

  /** Adds a step: a traversal grows; anything else is wrapped. */
  private extend(e: Expr, step: TraversalStep): Expr {
    const range = { start: e.range.start, end: this.pos };
    if (e.kind === 'traversal') return { kind: 'traversal', root: e.root, steps: [...e.steps, step], range };
    if (step.kind === 'attr') return { kind: 'getattr', target: e, name: step.name, range };
    return { kind: 'index', target: e, key: step.key, range };
  }

  private expect(code: number, ch: string): boolean {
    if (this.code() === code) {
      this.pos++;
      return true;
    }
    this.problem(`Expected "${ch}", found ${describe(this.text, this.pos)}.`, this.pos);
    return false;
  }

  private parsePrimary(): Expr {
    const start = this.pos;
    const c = this.code();
    if (isDigit(c)) return this.parseNumber();
    if (c === C.Quote) return this.parseQuoted();
    if (c === C.Lt && this.code(this.pos + 1) === C.Lt) return this.parseHeredoc();
    if (c === C.LBracket) return this.parseTuple();
    if (c === C.LBrace) return this.parseObject();
    if (c === C.LParen) {
      this.pos++;
      this.nlDepth++;
      const inner = this.parseExpr();
      this.skip();
      this.expect(C.RParen, ')');
      this.nlDepth--;
      return { kind: 'paren', inner, range: { start, end: this.pos } };
    }
    if (isIdentStart(c)) {
      let name = this.readIdent();
      while (this.text.startsWith('::', this.pos) && isIdentStart(this.code(this.pos + 2))) {
        this.pos += 2;
        name += '::' + this.readIdent();
      }
      if (name === 'true' || name === 'false') return { kind: 'literal', value: name === 'true', range: { start, end: this.pos } };
      if (name === 'null') return { kind: 'literal', value: null, range: { start, end: this.pos } };
      const save = this.pos;
      this.skip();
      if (this.code() === C.LParen) return this.parseCall(name, start);
      this.pos = save;
      return { kind: 'traversal', root: name, steps: [], range: { start, end: this.pos } };
    }
    this.problem(
      c < 0 || c === C.LF || c === C.CR ? 'Expected an expression before the end of the line.' : `Expected an expression, found ${describe(this.text, this.pos)}.`,
      this.pos,
    );
    return { kind: 'invalid', range: { start, end: start } };
  }

  private parseNumber(): Expr {
    const start = this.pos;
    while (isDigit(this.code())) this.pos++;
    if (this.code() === C.Dot && isDigit(this.code(this.pos + 1))) {
      this.pos++;
      while (isDigit(this.code())) this.pos++;
    }
    const e = this.code();
    if (e === 101 || e === 69) {
      const sign = this.code(this.pos + 1);
      const digitAt = sign === C.Plus || sign === C.Minus ? this.pos + 2 : this.pos + 1;
      if (isDigit(this.code(digitAt))) {
        this.pos = digitAt;
        while (isDigit(this.code())) this.pos++;
      }
    }
    return { kind: 'literal', value: Number(this.text.slice(start, this.pos)), range: { start, end: this.pos } };
  }

  private parseCall(name: string, start: number): Expr {
    this.pos++;
    this.nlDepth++;
    const args: Expr[] = [];
    let expandFinal = false;
    for (;;) {
      this.skip();
      const c = this.code();
      if (c === C.RParen) {
        this.pos++;
        break;
      }
      if (c < 0) {
        this.problem(`Unclosed call to ${quoteToken(name + '(')}: expected ")".`, start, this.pos);
        break;
      }
      const before = this.pos;
      args.push(this.parseExpr());
      this.skip();
      if (this.text.startsWith('...', this.pos)) {
        expandFinal = true;
        this.pos += 3;
        this.skip();
      }
      if (this.code() === C.Comma) {
        this.pos++;
        continue;
      }
      if (this.code() === C.RParen) continue;
      this.problem(`Expected "," or ")" in the arguments of ${quoteToken(name + '()')}, found ${describe(this.text, this.pos)}.`, this.pos);
      if (this.pos === before && !isCloser(this.code())) this.pos++;
      if (!this.skipToClose(C.RParen)) break;
    }
    this.nlDepth--;
    return { kind: 'call', name, args, expandFinal, range: { start, end: this.pos } };
  }

  /** After an error inside brackets: skips to the closing bracket (consumed). False at EOF. */
  private skipToClose(close: number): boolean {
    const t = this.text;
    let depth = 0;
    while (this.pos < t.length) {
      const c = t.charCodeAt(this.pos);
      if (c === C.LBrace || c === C.LBracket || c === C.LParen) depth++;
      else if (c === C.RBrace || c === C.RBracket || c === C.RParen) {
        if (depth === 0) {
          if (c === close) this.pos++;
          return c === close;
        }
        depth--;
      }
      this.pos++;
    }
    return false;
  }

  private isKeyword(word: string): boolean {
    return this.text.startsWith(word, this.pos) && !isIdentPart(this.code(this.pos + word.length));
  }

  private parseTuple(): Expr {
    const start = this.pos;
    this.pos++;
    this.nlDepth++;
    this.skip();
    if (this.isKeyword('for')) {
      const e = this.parseForRest(start, false);
      this.nlDepth--;
      return e;
    }
    const items: Expr[] = [];
    for (;;) {
      this.skip();
      const c = this.code();
      if (c === C.RBracket) {
        this.pos++;
        break;
      }
      if (c < 0) {
        this.problem('Unclosed list: "[" has no matching "]".', start);
        break;
      }
      const before = this.pos;
      items.push(this.parseExpr());
      this.skip();
      if (this.code() === C.Comma) {
        this.pos++;
        continue;
      }
      if (this.code() === C.RBracket) continue;
      this.problem(`Expected "," or "]" in list, found ${describe(this.text, this.pos)}.`, this.pos);
      if (this.pos === before && !isCloser(this.code())) this.pos++;
      if (!this.skipToClose(C.RBracket)) break;
      break;
    }
    this.nlDepth--;
    return { kind: 'tuple', items, range: { start, end: this.pos } };
  }

  private parseObject(): Expr {
    const start = this.pos;
    this.pos++;
    this.nlDepth++;
    this.skip();
    if (this.isKeyword('for')) {
      const e = this.parseForRest(start, true);
      this.nlDepth--;
      return e;
    }
    const items: ObjectItem[] = [];
    for (;;) {
      this.skip();
      const c = this.code();
      if (c === C.RBrace) {
        this.pos++;
        break;
      }
      if (c < 0) {
        this.problem('Unclosed object: "{" has no matching "}".', start);
        break;
      }
      const before = this.pos;
      const key = this.parseExpr();
      this.skip();
      const sep = this.code();
      if (sep !== C.Eq && sep !== C.Colon) {
        this.problem(`Expected "=" or ":" after an object key, found ${describe(this.text, this.pos)}.`, this.pos);
        if (this.pos === before && !isCloser(this.code())) this.pos++;
        if (!this.skipToClose(C.RBrace)) break;
        break;
      }
      this.pos++;
      const value = this.parseExpr();
      items.push({ key, value, range: { start: key.range.start, end: value.range.end } });
      this.skip();
      if (this.code() === C.Comma) this.pos++;
    }
    this.nlDepth--;
    return { kind: 'object', items, range: { start, end: this.pos } };
  }

  /** `for k, v in coll : [k =>] v [...] [if cond]` and the closing bracket. */
  private parseForRest(start: number, isObject: boolean): Expr {
    this.pos += 3;
    this.skip();
    let keyVar: string | undefined;
    let valueVar = '';
    if (isIdentStart(this.code())) valueVar = this.readIdent();
    else this.problem('Expected a variable name after "for".', this.pos);
    this.skip();
    if (this.code() === C.Comma) {
      this.pos++;
      this.skip();
      keyVar = valueVar;
      valueVar = isIdentStart(this.code()) ? this.readIdent() : '';
      this.skip();
    }
    if (this.isKeyword('in')) this.pos += 2;
    else this.problem(`Expected "in" in for expression, found ${describe(this.text, this.pos)}.`, this.pos);
    const collection = this.parseExpr();
    this.skip();
    this.expect(C.Colon, ':');
    let keyExpr: Expr | undefined;
    let valueExpr = this.parseExpr();
    this.skip();
    let grouping = false;
    if (isObject && this.text.startsWith('=>', this.pos)) {
      this.pos += 2;
      keyExpr = valueExpr;
      valueExpr = this.parseExpr();
      this.skip();
    }
    if (isObject && !keyExpr) this.problem('Expected "=>" in an object for expression: {for k, v in coll : key => value}.', valueExpr.range.start, Math.max(valueExpr.range.end, valueExpr.range.start + 1));
    if (this.text.startsWith('...', this.pos)) {
      grouping = true;
      this.pos += 3;
      this.skip();
    }
    let cond: Expr | undefined;
    if (this.isKeyword('if')) {
      this.pos += 2;
      cond = this.parseExpr();
      this.skip();
    }
    const close = isObject ? C.RBrace : C.RBracket;
    if (this.code() === close) this.pos++;
    else {
      this.problem(`Expected "${isObject ? '}' : ']'}" to end the for expression, found ${describe(this.text, this.pos)}.`, this.pos);
      this.skipToClose(close);
    }
    return {
      kind: 'for',
      keyVar: isObject ? keyVar ?? undefined : keyVar,
      valueVar,
      collection,
      keyExpr,
      valueExpr,
      cond,
      grouping,
      isObject,
      range: { start, end: this.pos },
    };
  }

  /** A quoted template: the opening quote is at `pos`. */
  parseQuoted(): Expr & { kind: 'template'; parts: readonly TemplatePart[] } {
    const start = this.pos;
    this.pos++;
    const parts = this.parseTemplateParts(-1, false, 0);
    return { kind: 'template', parts, heredoc: false, range: { start, end: this.pos } };
  }

  /**
   * Reads template text until a closing quote (quoted) or `end` (heredoc), splitting it into
   * text, interpolations and directives. `strip` removes that much leading indentation per line.
   */
  private parseTemplateParts(end: number, heredoc: boolean, strip: number): TemplatePart[] {
    const t = this.text;
    const parts: TemplatePart[] = [];
    let buf = '';
    let bufStart = this.pos;
    let lineStart = heredoc;
    const flush = (at: number): void => {
      if (buf) parts.push({ kind: 'text', value: buf, range: { start: bufStart, end: at } });
      buf = '';
    };
    const stop = heredoc ? end : t.length;
    while (this.pos < stop) {
      if (lineStart && strip > 0) {
        let n = 0;
        while (n < strip && (this.code() === C.Space || this.code() === C.Tab)) {
          this.pos++;
          n++;
        }
        lineStart = false;
        if (this.pos >= stop) break;
      }
      lineStart = false;
      const c = t.charCodeAt(this.pos);
      if (!heredoc && c === C.Quote) {
        flush(this.pos);
        this.pos++;
        return parts;
      }
      if (!heredoc && (c === C.LF || c === C.CR)) {
        flush(this.pos);
        this.problem('Unterminated string: a quoted string must close on the same line.', this.pos);
        return parts;
      }
      if (c === C.LF) lineStart = true;
      if (!heredoc && c === C.Backslash) {
        const n = this.code(this.pos + 1);
        const simple: Record<number, string> = { 110: '\n', 116: '\t', 114: '\r', 34: '"', 92: '\\' };
        if (simple[n] !== undefined) {
          buf += simple[n];
          this.pos += 2;
        } else if (n === 117 || n === 85) {
          const len = n === 117 ? 4 : 8;
          const hex = t.slice(this.pos + 2, this.pos + 2 + len);
          if (/^[0-9a-fA-F]+$/.test(hex) && hex.length === len) {
            buf += String.fromCodePoint(Math.min(parseInt(hex, 16), 0x10ffff));
            this.pos += 2 + len;
          } else {
            this.problem('Invalid unicode escape in string.', this.pos, this.pos + 2);
            this.pos += 2;
          }
        } else {
          this.problem(`Invalid escape sequence "\\${t[this.pos + 1] ?? ''}" in string.`, this.pos, this.pos + 2);
          this.pos += 2;
        }
        continue;
      }
      if ((c === C.Dollar || c === C.Percent) && this.code(this.pos + 1) === c && this.code(this.pos + 2) === C.LBrace) {
        buf += String.fromCharCode(c) + '{';
        this.pos += 3;
        continue;
      }
      if ((c === C.Dollar || c === C.Percent) && this.code(this.pos + 1) === C.LBrace) {
        flush(this.pos);
        const seqStart = this.pos;
        this.pos += 2;
        this.nlDepth++;
        if (this.code() === C.Tilde) this.pos++;
        if (c === C.Dollar) {
          const expr = this.parseExpr();
          this.skip();
          if (this.code() === C.Tilde) this.pos++;
          if (this.code() === C.RBrace) this.pos++;
          else {
            this.problem(`Expected "}" to close the interpolation, found ${describe(t, this.pos)}.`, this.pos);
            this.skipToClose(C.RBrace);
          }
          parts.push({ kind: 'interp', expr, range: { start: seqStart, end: this.pos } });
        } else {
          if (!this.skipToClose(C.RBrace)) this.problem('Unclosed template directive "%{".', seqStart, seqStart + 2);
          parts.push({ kind: 'directive', range: { start: seqStart, end: this.pos } });
        }
        this.nlDepth--;
        bufStart = this.pos;
        continue;
      }
      if (!buf) bufStart = this.pos;
      buf += t[this.pos];
      this.pos++;
    }
    flush(this.pos);
    if (!heredoc) this.problem('Unterminated string at end of file.', this.pos);
    return parts;
  }

  /** Template content between two offsets, with no quote handling. */
  templateSlice(start: number, end: number): { expr: Expr; problems: readonly SyntaxProblem[] } {
    this.pos = start;
    const parts = this.bounded(() => this.parseTemplateParts(end, true, 0));
    if (!parts) {
      this.problem(`Expression nested more than ${MAX_DEPTH} levels deep; the string is not read.`, start);
      return { expr: { kind: 'invalid', range: { start: start - 1, end: end + 1 } }, problems: this.problems };
    }
    return { expr: { kind: 'template', parts, heredoc: false, range: { start: start - 1, end: end + 1 } }, problems: this.problems };
  }

  private parseHeredoc(): Expr {
    const t = this.text;
    const start = this.pos;
    this.pos += 2;
    const indent = this.code() === C.Minus;
    if (indent) this.pos++;
    if (!isIdentStart(this.code())) {
      this.problem('Expected a heredoc marker after "<<".', this.pos);
      return { kind: 'invalid', range: { start, end: this.pos } };
    }
    const marker = this.readIdent();
    while (this.code() === C.Space || this.code() === C.Tab) this.pos++;
    if (this.code() === C.CR) this.pos++;
    if (this.code() !== C.LF) {
      this.problem(`Expected a line break after the heredoc marker ${quoteToken(marker)}.`, this.pos);
      this.recoverLine();
      return { kind: 'invalid', range: { start, end: this.pos } };
    }
    this.pos++;
    const contentStart = this.pos;
    // Find the closing marker: a line holding only the marker (after optional indentation).
    let lineAt = contentStart;
    let contentEnd = -1;
    let after = -1;
    while (lineAt <= t.length) {
      let nl = t.indexOf('\n', lineAt);
      if (nl < 0) nl = t.length;
      const line = t.slice(lineAt, nl).replace(/\r$/, '');
      if (line.trim() === marker) {
        contentEnd = lineAt;
        after = lineAt + line.length;
        break;
      }
      if (nl >= t.length) break;
      lineAt = nl + 1;
    }
    if (contentEnd < 0) {
      this.problem(`Unterminated heredoc: no line ${quoteToken(marker)} closes it.`, start, contentStart);
      contentEnd = t.length;
      after = t.length;
    }
    let strip = 0;
    if (indent) {
      strip = Infinity;
      for (const line of t.slice(contentStart, contentEnd).split('\n')) {
        if (!line.trim()) continue;
        strip = Math.min(strip, /^[ \t]*/.exec(line)![0].length);
      }
      if (!Number.isFinite(strip)) strip = 0;
    }
    this.pos = contentStart;
    const saved = this.nlDepth;
    this.nlDepth = 0;
    const parts = this.parseTemplateParts(contentEnd, true, strip);
    this.nlDepth = saved;
    this.pos = after;
    return { kind: 'template', parts, heredoc: true, range: { start, end: after } };
  }
}

/** Names the character at `at` for a message. */
function describe(text: string, at: number): string {
  if (at >= text.length) return 'end of file';
  const c = text[at]!;
  if (c === '\n' || c === '\r') return 'end of line';
  const code = c.charCodeAt(0);
  if (code < 32 || code === 0xfffd) return `byte 0x${code.toString(16).padStart(2, '0')}`;
  return `"${c}"`;
}

/** Parses `text[start, end)` as template content (the inside of a JSON string). */
export function parseTemplateSlice(text: string, start: number, end: number): { expr: Expr; problems: readonly SyntaxProblem[] } {
  const p = new HclParser(text);
  return p.templateSlice(start, end);
}
