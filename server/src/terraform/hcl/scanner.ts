/**
 * The cursor every part of the HCL parser shares: the text, the offset, the bracket and nesting
 * depths, and what the scan collects on the way (comments, syntax problems). It reads
 * characters, whitespace, comments and identifiers; the grammar lives in the files beside it.
 */
import type { Comment, SyntaxProblem, TraversalStep } from '../ast';

/** Expressions nested deeper than this are cut short, so the parser cannot overflow the stack. */
export const MAX_DEPTH = 128;
/** Blocks nested deeper than this are skipped rather than read, so the parser cannot overflow the stack. */
export const MAX_BLOCK_DEPTH = 128;

/** Character codes the grammar tests for. */
export enum C {
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

/** True for a character that can start an identifier. */
export function isIdentStart(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === C.Underscore || c > 127;
}

/** True for a character that can continue an identifier. */
export function isIdentPart(c: number): boolean {
  return isIdentStart(c) || (c >= C.D0 && c <= C.D9) || c === C.Minus;
}

/** True for a closing bracket of any kind. */
export function isCloser(c: number): boolean {
  return c === C.RBrace || c === C.RBracket || c === C.RParen;
}

/** True for an ASCII digit. */
export function isDigit(c: number): boolean {
  return c >= C.D0 && c <= C.D9;
}

/** Thrown to unwind out of an expression nested beyond MAX_DEPTH. */
export class TooDeep extends Error {}

/** Names the character at `at` for a message. */
export function describe(text: string, at: number): string {
  if (at >= text.length) return 'end of file';
  const c = text[at]!;
  if (c === '\n' || c === '\r') return 'end of line';
  const code = c.charCodeAt(0);
  if (code < 32 || code === 0xfffd) return `byte 0x${code.toString(16).padStart(2, '0')}`;
  return `"${c}"`;
}

/**
 * The one empty list of every parse tree. Typed read-only (a tree is never changed; the parse cache's
 * tests freeze whole trees to prove it), but not frozen itself: lists of one kind of array keep the
 * loops over a tree's lists on V8's fast path.
 */
export const NONE: readonly never[] = [];

/**
 * The items of a list built by `push`, in an array of their exact size. An array grown by `push`
 * keeps room for 16 more items: a parse tree lives for its whole group of files, and most of its
 * lists hold none to three items.
 */
export function exact<T>(items: T[]): readonly T[] {
  // Array literals for the common sizes: V8 allocates what each literal makes where it learns that
  // those arrays live long, instead of copying them there at each collection.
  switch (items.length) {
    case 0:
      return NONE;
    case 1:
      return [items[0]!];
    case 2:
      return [items[0]!, items[1]!];
    case 3:
      return [items[0]!, items[1]!, items[2]!];
    default:
      return items.slice();
  }
}

/** The parse position and what has been collected so far; one per parse. */
export class Cursor {
  pos = 0;
  /** >0 while inside brackets, where newlines are plain whitespace. */
  nlDepth = 0;
  /** Expression nesting of the item being read, bounded by MAX_DEPTH. */
  depth = 0;
  /** Block nesting, bounded by MAX_BLOCK_DEPTH. */
  blockDepth = 0;
  private lastCommentEnd = 0;
  /** One `.name` step per name: steps are never changed, and a file repeats few names many times. */
  private readonly attrSteps = new Map<string, TraversalStep>();
  readonly comments: Comment[] = [];
  readonly problems: SyntaxProblem[] = [];

  constructor(readonly text: string) {}

  /** The character code at `at` (the cursor by default), -1 past the end. */
  code(at = this.pos): number {
    return at < this.text.length ? this.text.charCodeAt(at) : -1;
  }

  /** Records a syntax problem, its range clamped to the text. */
  problem(message: string, start: number, end = start + 1): void {
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
  skip(newlines = this.nlDepth > 0): void {
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
          // Once per comment, however often the parser looks past it.
          if (start >= this.lastCommentEnd) this.problem('Unterminated comment: "/*" has no closing "*/".', start, start + 2);
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

  /** Reads an identifier whose first character is at the cursor. */
  readIdent(): string {
    const start = this.pos;
    this.pos++;
    while (isIdentPart(this.code())) this.pos++;
    return this.text.slice(start, this.pos);
  }

  /** The step `.name`, shared by every traversal of this parse that takes it. */
  attrStep(name: string): TraversalStep {
    let step = this.attrSteps.get(name);
    if (!step) {
      step = { kind: 'attr', name };
      this.attrSteps.set(name, step);
    }
    return step;
  }

  /** True when `word` is at the cursor and not the start of a longer identifier. */
  isKeyword(word: string): boolean {
    return this.text.startsWith(word, this.pos) && !isIdentPart(this.code(this.pos + word.length));
  }

  /** Consumes `ch` (code `code`) or records that it is missing. */
  expect(code: number, ch: string): boolean {
    if (this.code() === code) {
      this.pos++;
      return true;
    }
    this.problem(`Expected "${ch}", found ${describe(this.text, this.pos)}.`, this.pos);
    return false;
  }

  /** Runs a parse outside an attribute value; undefined when it nests deeper than MAX_DEPTH. */
  bounded<T>(f: () => T): T | undefined {
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
}
