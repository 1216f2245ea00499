/** Fingerprints that identify a finding across runs, whatever line it moves to. */
import { createHash } from 'crypto';
import type { Finding } from '../engine/types';

/** A path with forward slashes, as reports and fingerprints write it. */
export function slashed(p: string): string {
  return p.split('\\').join('/');
}

function collapse(s: string): string {
  return s.replace(/\s+/g, ' ').trim();
}

/**
 * One fingerprint per finding, in order: a hash of the rule, the file (as `pathOf` gives it),
 * the message and the text the finding covers, none of which depend on line numbers. Identical
 * findings in one file get ":2", ":3", ... in order of appearance.
 */
export function fingerprints(findings: readonly Finding[], pathOf: (f: Finding) => string): string[] {
  const count = new Map<string, number>();
  return findings.map((f) => {
    const text = f.file.text.slice(f.range.start, f.range.end);
    const hash = createHash('sha256').update([f.ruleId, slashed(pathOf(f)), collapse(f.message), collapse(text)].join('\0')).digest('hex').slice(0, 32);
    const n = (count.get(hash) ?? 0) + 1;
    count.set(hash, n);
    return `${hash}:${n}`;
  });
}
