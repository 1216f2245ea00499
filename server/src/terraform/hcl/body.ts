/**
 * HCL bodies: attributes and blocks, each ending its line, with recovery at item boundaries so a
 * half-typed file still yields every item readable around the error.
 */
import { type Attribute, type Block, type Body, attrIn } from '../ast';
import { quoteToken } from '../../engine/echo';
import { C, type Cursor, describe, exact, isIdentStart, MAX_BLOCK_DEPTH, MAX_DEPTH } from './scanner';
import { recoverLine, skipBlockBody } from './recovery';
import { parseExpr, parseTopExpr } from './expressions';
import { parseQuoted } from './templates';

/** The body of a whole file, read to the end of the text. */
export function parseFileBody(s: Cursor): Body {
  const attributes: Attribute[] = [];
  const blocks: Block[] = [];
  parseBodyItems(s, attributes, blocks, false, 0);
  return {
    attributes: exact(attributes),
    blocks: exact(blocks),
    range: { start: 0, end: s.text.length },
    openBrace: -1,
    closeBrace: s.text.length,
  };
}

/** Reads attributes and blocks until EOF or, when `inBlock`, the closing brace. */
function parseBodyItems(s: Cursor, attributes: Attribute[], blocks: Block[], inBlock: boolean, openAt: number): boolean {
  // Names seen, once a body has more attributes than a scan of them is worth.
  let seen: Set<string> | undefined;
  for (;;) {
    s.skip(true);
    const c = s.code();
    if (c < 0) {
      if (inBlock) s.problem('Unclosed block: "{" has no matching "}".', openAt, openAt + 1);
      return false;
    }
    if (c === C.RBrace) {
      if (inBlock) return true;
      s.problem('Unexpected "}" with no block to close.', s.pos);
      s.pos++;
      continue;
    }
    if (!isIdentStart(c)) {
      s.problem(`Unexpected ${describe(s.text, s.pos)}: expected an attribute or a block.`, s.pos);
      recoverLine(s);
      continue;
    }
    const nameStart = s.pos;
    const name = s.readIdent();
    const nameRange = { start: nameStart, end: s.pos };
    s.skip(false);
    if (s.code() === C.Eq && s.code(s.pos + 1) !== C.Eq) {
      s.pos++;
      const expr = parseTopExpr(s);
      const a: Attribute = { name, nameRange, expr, range: { start: nameStart, end: expr.range.end } };
      if (!seen && attributes.length > 8) seen = new Set(attributes.map((b) => b.name));
      if (seen ? seen.has(name) : attrIn(attributes, name) !== undefined)
        s.problem(`Attribute ${quoteToken(name)} is defined twice in this block.`, nameStart, nameRange.end);
      seen?.add(name);
      attributes.push(a);
      endOfItem(s);
      continue;
    }
    const block = parseBlockRest(s, name, nameRange);
    if (block) blocks.push(block);
  }
}

/** After the block type name: labels, then the body. */
function parseBlockRest(s: Cursor, type: string, typeRange: { start: number; end: number }): Block | undefined {
  const labels: string[] = [];
  const labelRanges: { start: number; end: number }[] = [];
  for (;;) {
    const c = s.code();
    if (c === C.Quote) {
      const start = s.pos;
      const tpl = s.bounded(() => parseQuoted(s, parseExpr));
      if (!tpl) {
        s.problem(`Expression nested more than ${MAX_DEPTH} levels deep in a block label; the block is skipped.`, start);
        recoverLine(s);
        return undefined;
      }
      let label = '';
      for (const part of tpl.parts) if (part.kind === 'text') label += part.value;
      if (tpl.parts.some((p) => p.kind !== 'text')) s.problem('Block labels cannot contain template sequences.', start, s.pos);
      labels.push(label);
      labelRanges.push({ start, end: s.pos });
    } else if (isIdentStart(c)) {
      const start = s.pos;
      labels.push(s.readIdent());
      labelRanges.push({ start, end: s.pos });
    } else {
      break;
    }
    s.skip(false);
  }
  if (s.code() !== C.LBrace) {
    const what = labels.length ? 'after block labels' : `after ${quoteToken(type)}`;
    s.problem(`Expected "=" or "{" ${what}, found ${describe(s.text, s.pos)}.`, s.pos);
    recoverLine(s);
    return undefined;
  }
  const headerEnd = labelRanges.length ? labelRanges[labelRanges.length - 1]!.end : typeRange.end;
  const openAt = s.pos;
  if (s.blockDepth >= MAX_BLOCK_DEPTH) {
    s.problem(`Blocks nested more than ${MAX_BLOCK_DEPTH} levels deep; this block is skipped.`, typeRange.start, typeRange.end);
    skipBlockBody(s);
    return undefined;
  }
  s.pos++;
  const attributes: Attribute[] = [];
  const blocks: Block[] = [];
  const saved = s.nlDepth;
  s.nlDepth = 0;
  s.blockDepth++;
  const closed = parseBodyItems(s, attributes, blocks, true, openAt);
  s.blockDepth--;
  s.nlDepth = saved;
  const closeAt = s.pos;
  if (closed) s.pos++;
  const body: Body = {
    attributes: exact(attributes),
    blocks: exact(blocks),
    range: { start: openAt + 1, end: closeAt },
    openBrace: openAt + 1,
    closeBrace: closeAt,
  };
  if (closed) endOfItem(s);
  return {
    type,
    labels: exact(labels),
    labelRanges: exact(labelRanges),
    typeRange,
    // A block without labels is named by its type alone: one range object serves both.
    headerRange: labelRanges.length ? { start: typeRange.start, end: headerEnd } : typeRange,
    body,
    range: { start: typeRange.start, end: closed ? closeAt + 1 : closeAt },
  };
}

/** An attribute or block must end its line (or be followed by the closing brace). */
function endOfItem(s: Cursor): void {
  s.skip(false);
  const c = s.code();
  if (c < 0 || c === C.LF || c === C.CR || c === C.RBrace) return;
  s.problem(`Unexpected ${describe(s.text, s.pos)}: expected a line break after the item.`, s.pos);
  recoverLine(s);
}
