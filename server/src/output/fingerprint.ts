/** Fingerprints that identify a finding across runs, whatever line it moves to. */
import { createHash } from 'node:crypto';
import type { Finding } from '../engine/types';

/** A path with forward slashes, as reports and fingerprints write it. */
export function slashed(p: string): string {
  return p.split('\\').join('/');
}

function collapse(s: string): string {
  return s.replace(/\s+/g, ' ').trim();
}

/**
 * One fingerprint per finding, in order: a hash of the rule, the file (as `pathOf` gives it) and
 * the message (which names the resource), none of which depend on line numbers. Identical
 * findings in one file get ":2", ":3", ... in order of appearance. The text under the finding is
 * left out on purpose: it may be a secret, and a hash of a short secret can be reversed.
 */
export function fingerprints(findings: readonly Finding[], pathOf: (f: Finding) => string): string[] {
  const count = new Map<string, number>();
  return findings.map((f) => {
    const hash = createHash('sha256')
      .update([f.ruleId, slashed(pathOf(f)), collapse(f.message)].join('\0'))
      .digest('hex')
      .slice(0, 32);
    const n = (count.get(hash) ?? 0) + 1;
    count.set(hash, n);
    return `${hash}:${n}`;
  });
}
