/**
 * HCL templates: quoted strings (with escapes), heredocs (with `<<-` indentation stripping) and the
 * interpolations and directives inside them. The expression inside `${...}` is read by the
 * expression parser passed in, so this file does not depend on it.
 */
import type { Expr, SyntaxProblem, TemplatePart } from '../ast';
import { quoteToken } from '../../engine/echo';
import { C, type Cursor, describe, exact, isIdentStart, MAX_DEPTH } from './scanner';
import { recoverLine, skipToClose } from './recovery';

/** Reads one expression at the cursor (the expression parser's entry point). */
export type ExprReader = (s: Cursor) => Expr;

/** A template expression. */
export type TemplateExpr = Expr & { kind: 'template'; parts: readonly TemplatePart[] };

/** A quoted template: the opening quote is at the cursor. */
export function parseQuoted(s: Cursor, expr: ExprReader): TemplateExpr {
  const start = s.pos;
  s.pos++;
  const parts = parseTemplateParts(s, expr, -1, false, 0);
  return { kind: 'template', parts, heredoc: false, range: { start, end: s.pos } };
}

const SIMPLE_ESCAPES: Record<number, string> = { 110: '\n', 116: '\t', 114: '\r', 34: '"', 92: '\\' };

/**
 * Reads template text until a closing quote (quoted) or `end` (heredoc), splitting it into
 * text, interpolations and directives. `strip` removes that much leading indentation per line.
 */
function parseTemplateParts(s: Cursor, expr: ExprReader, end: number, heredoc: boolean, strip: number): readonly TemplatePart[] {
  const t = s.text;
  const parts: TemplatePart[] = [];
  let buf = '';
  let bufStart = s.pos;
  let lineStart = heredoc;
  const flush = (at: number): void => {
    if (buf) parts.push({ kind: 'text', value: buf, range: { start: bufStart, end: at } });
    buf = '';
  };
  const stop = heredoc ? end : t.length;
  while (s.pos < stop) {
    if (lineStart && strip > 0) {
      let n = 0;
      while (n < strip && (s.code() === C.Space || s.code() === C.Tab)) {
        s.pos++;
        n++;
      }
      lineStart = false;
      if (s.pos >= stop) break;
    }
    lineStart = false;
    const c = t.charCodeAt(s.pos);
    if (!heredoc && c === C.Quote) {
      flush(s.pos);
      s.pos++;
      return exact(parts);
    }
    if (!heredoc && (c === C.LF || c === C.CR)) {
      flush(s.pos);
      s.problem('Unterminated string: a quoted string must close on the same line.', s.pos);
      return exact(parts);
    }
    if (c === C.LF) lineStart = true;
    if (!heredoc && c === C.Backslash) {
      const n = s.code(s.pos + 1);
      const simple = SIMPLE_ESCAPES[n];
      if (simple !== undefined) {
        buf += simple;
        s.pos += 2;
      } else if (n === 117 || n === 85) {
        const len = n === 117 ? 4 : 8;
        const hex = t.slice(s.pos + 2, s.pos + 2 + len);
        if (/^[0-9a-fA-F]+$/.test(hex) && hex.length === len) {
          buf += String.fromCodePoint(Math.min(parseInt(hex, 16), 0x10ffff));
          s.pos += 2 + len;
        } else {
          s.problem('Invalid unicode escape in string.', s.pos, s.pos + 2);
          s.pos += 2;
        }
      } else {
        s.problem(`Invalid escape sequence "\\${t[s.pos + 1] ?? ''}" in string.`, s.pos, s.pos + 2);
        s.pos += 2;
      }
      continue;
    }
    if ((c === C.Dollar || c === C.Percent) && s.code(s.pos + 1) === c && s.code(s.pos + 2) === C.LBrace) {
      buf += `${String.fromCharCode(c)}{`;
      s.pos += 3;
      continue;
    }
    if ((c === C.Dollar || c === C.Percent) && s.code(s.pos + 1) === C.LBrace) {
      flush(s.pos);
      parts.push(parseSequence(s, expr, c));
      bufStart = s.pos;
      continue;
    }
    if (!buf) bufStart = s.pos;
    // A run of plain characters at once: none of them ends the text or starts a sequence.
    let j = s.pos + 1;
    if (!lineStart) while (j < stop && !isSpecial(t.charCodeAt(j))) j++;
    buf += t.slice(s.pos, j);
    s.pos = j;
  }
  flush(s.pos);
  if (!heredoc) s.problem('Unterminated string at end of file.', s.pos);
  return exact(parts);
}

/** Whether a template character needs a look of its own: quote, line break, escape, `$` or `%`. */
function isSpecial(c: number): boolean {
  return c === C.Quote || c === C.LF || c === C.CR || c === C.Backslash || c === C.Dollar || c === C.Percent;
}

/** An interpolation `${...}` or a directive `%{...}` (kept as a range only); `c` is `$` or `%`. */
function parseSequence(s: Cursor, expr: ExprReader, c: number): TemplatePart {
  const seqStart = s.pos;
  s.pos += 2;
  s.nlDepth++;
  if (s.code() === C.Tilde) s.pos++;
  let part: TemplatePart;
  if (c === C.Dollar) {
    const e = expr(s);
    s.skip();
    if (s.code() === C.Tilde) s.pos++;
    if (s.code() === C.RBrace) s.pos++;
    else {
      s.problem(`Expected "}" to close the interpolation, found ${describe(s.text, s.pos)}.`, s.pos);
      skipToClose(s, C.RBrace);
    }
    part = { kind: 'interp', expr: e, range: { start: seqStart, end: s.pos } };
  } else {
    if (!skipToClose(s, C.RBrace)) s.problem('Unclosed template directive "%{".', seqStart, seqStart + 2);
    part = { kind: 'directive', range: { start: seqStart, end: s.pos } };
  }
  s.nlDepth--;
  return part;
}

/** Template content between two offsets, with no quote handling (the inside of a JSON string). */
export function parseTemplateContent(
  s: Cursor,
  expr: ExprReader,
  start: number,
  end: number,
): { expr: Expr; problems: readonly SyntaxProblem[] } {
  s.pos = start;
  const parts = s.bounded(() => parseTemplateParts(s, expr, end, true, 0));
  if (!parts) {
    s.problem(`Expression nested more than ${MAX_DEPTH} levels deep; the string is not read.`, start);
    return { expr: { kind: 'invalid', range: { start: start - 1, end: end + 1 } }, problems: s.problems };
  }
  return { expr: { kind: 'template', parts, heredoc: false, range: { start: start - 1, end: end + 1 } }, problems: s.problems };
}

/** A heredoc: `<<` is at the cursor. */
export function parseHeredoc(s: Cursor, expr: ExprReader): Expr {
  const t = s.text;
  const start = s.pos;
  s.pos += 2;
  const indent = s.code() === C.Minus;
  if (indent) s.pos++;
  if (!isIdentStart(s.code())) {
    s.problem('Expected a heredoc marker after "<<".', s.pos);
    return { kind: 'invalid', range: { start, end: s.pos } };
  }
  const marker = s.readIdent();
  while (s.code() === C.Space || s.code() === C.Tab) s.pos++;
  if (s.code() === C.CR) s.pos++;
  if (s.code() !== C.LF) {
    s.problem(`Expected a line break after the heredoc marker ${quoteToken(marker)}.`, s.pos);
    recoverLine(s);
    return { kind: 'invalid', range: { start, end: s.pos } };
  }
  s.pos++;
  const contentStart = s.pos;
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
    s.problem(`Unterminated heredoc: no line ${quoteToken(marker)} closes it.`, start, contentStart);
    contentEnd = t.length;
    after = t.length;
  }
  const strip = indent ? commonIndent(t.slice(contentStart, contentEnd)) : 0;
  s.pos = contentStart;
  const saved = s.nlDepth;
  s.nlDepth = 0;
  const parts = parseTemplateParts(s, expr, contentEnd, true, strip);
  s.nlDepth = saved;
  s.pos = after;
  return { kind: 'template', parts, heredoc: true, range: { start, end: after } };
}

/** The indentation `<<-` strips: the least of the non-blank lines, 0 when all are blank. */
function commonIndent(content: string): number {
  let strip = Infinity;
  for (const line of content.split('\n')) {
    if (!line.trim()) continue;
    strip = Math.min(strip, /^[ \t]*/.exec(line)![0].length);
  }
  return Number.isFinite(strip) ? strip : 0;
}
