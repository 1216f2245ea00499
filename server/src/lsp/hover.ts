/** Hovers on snclint findings: the rule's title, why it matters, requirements, the fix, a good example. */
import type { Hover, Position } from 'vscode-languageserver';
import type { Rule } from '../lint/rule';
import { hoverMarkdown } from '../docs/rule-docs';
import { fixTitle, type Locale } from '../i18n/catalogue';
import { toLspRange } from './diagnostics';
import type { LintSnapshot } from './document-linter';

function contains(range: { start: Position; end: Position }, p: Position): boolean {
  const after = p.line > range.start.line || (p.line === range.start.line && p.character >= range.start.character);
  const before = p.line < range.end.line || (p.line === range.end.line && p.character <= range.end.character);
  return after && before;
}

/** The hover at `position`, or null when no finding covers it. */
export function findingHover(
  snapshot: LintSnapshot,
  position: Position,
  rules: readonly Rule[],
  locale: Locale,
  docUri: (ruleId: string) => string | undefined,
): Hover | null {
  const parts: string[] = [];
  let range: Hover['range'];
  for (const f of snapshot.findings) {
    const r = toLspRange(snapshot.file, f.range);
    if (!contains(r, position)) continue;
    const rule = rules.find((x) => x.meta.id === f.ruleId);
    if (!rule) continue;
    range ??= r;
    const fixes = f.fixes.filter((x) => x.edits.length).map((x) => fixTitle(f.ruleId, x, locale));
    parts.push(hoverMarkdown(rule.meta, fixes, locale, docUri(f.ruleId)));
  }
  if (!parts.length) return null;
  return { contents: { kind: 'markdown', value: parts.join('\n\n---\n\n') }, ...(range ? { range } : {}) };
}
