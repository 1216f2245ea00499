/** Code excerpts for reports people keep: the lines of a finding, with secrets masked. */
import type { Range, SourceFile } from '../engine/source';
import SECRETS from '../../../rules/data/secrets.json';

/** What replaces a masked value. */
export const MASK = '••••••';

/** One line of an excerpt: its 1-based number, its masked text, and whether the finding covers it. */
export interface ExcerptLine {
  readonly line: number;
  readonly text: string;
  readonly hit: boolean;
}

/** Lines of context shown before and after the finding's own lines. */
const CONTEXT = 2;
/** A finding spanning more lines shows its first ones only. */
const MAX_HIT_LINES = 6;
/** Longer lines are cut: an excerpt is for reading, not for copying a file out. */
const MAX_LINE = 200;

const VALUE_PATTERNS = SECRETS.valuePatterns.map((p) => ({ re: new RegExp(p.pattern, 'g'), group: (p as { group?: number }).group }));
const SUFFIXES = [...SECRETS.nameSuffixes].sort((a, b) => b.length - a.length).join('|');
/** `name = value`, `name: value` or `"name": value` where the name ends like a secret's. */
const NAMED = new RegExp(`([A-Za-z0-9_.-]*(?:${SUFFIXES})["']?\\s*[:=]\\s*)("(?:[^"\\\\]|\\\\.)*"|'[^']*'|[^\\s,#}\\]]+)`, 'gi');
/** Values that refer to a secret rather than hold one. */
const REFERENCE =
  /^(?:(?:var|local|module|data|each|count|self|path|terraform)\.|[A-Za-z_][\w.]*\(|\$\{|true$|false$|null$|\d+$|[|>][-+]?$|\{\{|<)/;
/** Long tokens mixing letters and digits: keys, tokens, hashes. Never echoed, whatever their name. */
const LONG_TOKEN = /[A-Za-z0-9+/_-]{32,}={0,2}/g;

function looksRandom(token: string): boolean {
  return /[0-9]/.test(token) && /[A-Za-z]/.test(token) && !/^[a-z]+(?:[-_][a-z]+)*$/.test(token);
}

function maskValue(value: string): string {
  const quote = value[0] === '"' || value[0] === "'" ? value[0] : '';
  const inner = quote ? value.slice(1, -1) : value;
  if (inner.length < SECRETS.minimumLength) return value;
  if (SECRETS.notSecretValuePrefixes.some((p) => inner.startsWith(p))) return value;
  if (!quote && REFERENCE.test(inner)) return value;
  return `${quote}${MASK}${quote}`;
}

/** A line with what looks like a secret replaced by the mask: known token shapes, values of secret-like names, long random tokens. */
export function maskSecrets(line: string): string {
  let out = line;
  for (const { re, group } of VALUE_PATTERNS) {
    out = out.replace(re, (match: string, ...groups: unknown[]) => {
      if (!group) return MASK;
      // Only the captured value is the secret (a password inside a connection string); a reference stays.
      const value = groups[group - 1];
      if (typeof value !== 'string' || REFERENCE.test(value)) return match;
      const at = match.lastIndexOf(value);
      return match.slice(0, at) + MASK + match.slice(at + value.length);
    });
  }
  out = out.replace(NAMED, (_, name: string, value: string) => name + maskValue(value));
  return out.replace(LONG_TOKEN, (t) => (looksRandom(t) ? MASK : t));
}

/** The masked lines around a range; with `maskRange`, the range's own text is masked too (a finding about a secret). */
export function excerpt(file: SourceFile, range: Range, maskRange: boolean): ExcerptLine[] {
  const first = file.positionAt(range.start).line;
  const last = Math.min(file.positionAt(Math.max(range.start, range.end - 1)).line, first + MAX_HIT_LINES - 1);
  const from = Math.max(0, first - CONTEXT);
  // The empty line after a final line break is not a line of the file.
  const lastLine = file.lines.length - 1 > 0 && file.lineText(file.lines.length - 1) === '' ? file.lines.length - 2 : file.lines.length - 1;
  const to = Math.max(last, Math.min(lastLine, last + CONTEXT));
  const out: ExcerptLine[] = [];
  for (let n = from; n <= to; n++) {
    let text = file.lineText(n);
    const hit = n >= first && n <= last;
    if (hit && maskRange) {
      const start = file.lines[n]!;
      const a = Math.max(range.start - start, 0);
      const b = Math.min(range.end - start, text.length);
      if (b > a) text = text.slice(0, a) + MASK + text.slice(b);
    }
    text = maskSecrets(text);
    out.push({ line: n + 1, text: text.length > MAX_LINE ? `${text.slice(0, MAX_LINE)}…` : text, hit });
  }
  return out;
}
