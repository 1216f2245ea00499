/**
 * Error recovery for the HCL parser: after a problem, skip to a point where parsing can resume
 * (the end of the line, the matching bracket, the end of a block), keeping brackets balanced.
 */
import { C, type Cursor } from './scanner';

/** Skips to the end of the line, keeping brackets balanced, stopping before an unmatched "}". */
export function recoverLine(s: Cursor): void {
  const t = s.text;
  let depth = 0;
  while (s.pos < t.length) {
    const c = t.charCodeAt(s.pos);
    if ((c === C.LF || c === C.CR) && depth <= 0) return;
    if (c === C.LBrace || c === C.LBracket || c === C.LParen) depth++;
    else if (c === C.RBrace || c === C.RBracket || c === C.RParen) {
      if (depth === 0 && c === C.RBrace) return;
      depth--;
    } else if (c === C.Quote) {
      s.pos++;
      while (s.pos < t.length) {
        const d = t.charCodeAt(s.pos);
        if (d === C.Backslash) s.pos++;
        else if (d === C.Quote || d === C.LF) break;
        s.pos++;
      }
    }
    s.pos++;
  }
}

/** After an error inside brackets: skips to the closing bracket (consumed). False at EOF. */
export function skipToClose(s: Cursor, close: number): boolean {
  const t = s.text;
  let depth = 0;
  while (s.pos < t.length) {
    const c = t.charCodeAt(s.pos);
    if (c === C.LBrace || c === C.LBracket || c === C.LParen) depth++;
    else if (c === C.RBrace || c === C.RBracket || c === C.RParen) {
      if (depth === 0) {
        if (c === close) s.pos++;
        return c === close;
      }
      depth--;
    }
    s.pos++;
  }
  return false;
}

/** From a block's "{", skips past its matching "}" (or to the end of the text), without recursion. */
export function skipBlockBody(s: Cursor): void {
  const t = s.text;
  let depth = 0;
  while (s.pos < t.length) {
    const c = t.charCodeAt(s.pos++);
    if (c === C.LBrace) depth++;
    else if (c === C.RBrace) {
      if (--depth === 0) return;
    } else if (c === C.Quote) {
      while (s.pos < t.length) {
        const d = t.charCodeAt(s.pos);
        if (d === C.Quote || d === C.LF) break;
        s.pos += d === C.Backslash ? 2 : 1;
      }
      s.pos++;
    } else if (c === C.Hash || (c === C.Slash && t.charCodeAt(s.pos) === C.Slash)) {
      while (s.pos < t.length && t.charCodeAt(s.pos) !== C.LF) s.pos++;
    }
  }
}
