/**
 * How messages quote text taken from a file. A file may hold a credential pasted by mistake, and
 * messages reach terminals, CI logs and editors: a long token is cut to a short prefix, and a token
 * that looks like a secret is never quoted at all.
 */

/** Tokens longer than this are cut in messages. */
export const MAX_QUOTED = 32;

// Prefixes of well-known credential formats (GitHub, GitLab, Slack, AWS keys, Stripe, Google, JWTs).
const SECRET_PREFIX = /^(gh[pousr]_|github_pat_|glpat-|xox[abposr]-|AKIA|ASIA|sk-|sk_live_|rk_live_|AIza|ya29\.|eyJ)/;

/** Shannon entropy of a string, in bits per character. */
function entropy(s: string): number {
  const counts = new Map<string, number>();
  for (const c of s) counts.set(c, (counts.get(c) ?? 0) + 1);
  let h = 0;
  for (const n of counts.values()) {
    const p = n / s.length;
    h -= p * Math.log2(p);
  }
  return h;
}

/** Whether a token looks like a credential: a known format, or a long random mix of letters and digits. */
export function looksSecret(token: string): boolean {
  if (token.length < 16 || /\s/.test(token)) return false;
  if (SECRET_PREFIX.test(token)) return true;
  const letters = /[A-Za-z]/.test(token);
  const digits = /[0-9]/.test(token);
  return token.length >= 20 && letters && digits && entropy(token) >= 3.5;
}

/** A token from a file as a message may show it: quoted, cut when long, or described when it looks secret. */
export function quoteToken(token: string): string {
  if (looksSecret(token)) return `a ${token.length}-character token (not shown)`;
  if (token.length <= MAX_QUOTED) return `"${token}"`;
  return `"${token.slice(0, 16)}…" (${token.length} characters)`;
}

/** A message from a library (a YAML or JSON parser) with every secret-looking or long token in it cut. */
export function redactMessage(message: string): string {
  return message.replace(/[A-Za-z0-9_\-+=.~]{16,}/g, (t) =>
    looksSecret(t) ? `[${t.length}-character token not shown]` : t.length > MAX_QUOTED * 2 ? `${t.slice(0, 16)}…` : t,
  );
}
