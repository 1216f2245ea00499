/** Applies text edits to a text. */
import type { Finding, Safety, TextEdit } from './types';

/** Applies non-overlapping edits; an edit overlapping one already taken is skipped. */
export function applyEdits(text: string, edits: readonly TextEdit[]): { text: string; applied: number } {
  const sorted = [...edits].sort((a, b) => a.range.start - b.range.start || a.range.end - b.range.end);
  const taken: TextEdit[] = [];
  let lastEnd = -1;
  for (const e of sorted) {
    if (e.range.start < lastEnd) continue;
    // Two inserts at one offset would interleave unpredictably: keep the first.
    if (
      e.range.start === lastEnd &&
      e.range.start === e.range.end &&
      taken.length &&
      taken[taken.length - 1]!.range.start === e.range.start
    )
      continue;
    taken.push(e);
    lastEnd = e.range.end;
  }
  let out = '';
  let at = 0;
  for (const e of taken) {
    out += text.slice(at, e.range.start) + e.newText;
    at = e.range.end;
  }
  return { text: out + text.slice(at), applied: taken.length };
}

/**
 * The edits of the preferred (else first) fix of each finding, limited to the safety allowed.
 * Fixes whose edits overlap an earlier finding's are left for the next pass.
 */
export function fixEdits(findings: readonly Finding[], allow: Safety): TextEdit[] {
  const edits: TextEdit[] = [];
  for (const f of findings) {
    const fix = f.fixes.find((x) => x.preferred) ?? f.fixes[0];
    if (!fix || (allow === 'safe' && fix.safety !== 'safe')) continue;
    const overlaps = fix.edits.some((e) => edits.some((o) => e.range.start < o.range.end && o.range.start < e.range.end));
    if (!overlaps) edits.push(...fix.edits);
  }
  return edits;
}
