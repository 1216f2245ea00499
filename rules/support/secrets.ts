/** What a secret looks like: names that hold one, known key formats, and how to mention one without revealing it. */
import DATA from '../data/secrets.json';

const NAME = new RegExp(`(?:^|[_.-])(?:${DATA.nameSuffixes.map((s) => s.replace(/_/g, '[_-]?')).join('|')})$`, 'i');
const PATTERNS = DATA.valuePatterns.map((p) => ({
  name: p.name,
  re: new RegExp(p.pattern, 'g'),
  group: 'group' in p && typeof p.group === 'number' ? p.group : 0,
}));
const MARKS = new RegExp(DATA.placeholderMarks.join('|'), 'i');
const EXAMPLES = new Set(DATA.documentedExamples);

/** Names already judged: the same few hundred names (tags, name, type...) come back in every module. */
const secretNames = new Map<string, boolean>();

/** Whether a name (attribute, key, variable, environment variable) says it holds a secret. */
export function isSecretName(name: string): boolean {
  let secret = secretNames.get(name);
  if (secret === undefined) {
    secret = NAME.test(name.replace(/([a-z0-9])([A-Z])/g, '$1_$2'));
    // Bounded: a run over generated names does not grow it without end.
    if (secretNames.size >= 10_000) secretNames.clear();
    secretNames.set(name, secret);
  }
  return secret;
}

const PLACEHOLDER_START = new RegExp(`^(?:${DATA.placeholderStarts.join('|')})`, 'i');
const SECRET_WORDS = /pass|secret|token|key|credential/i;

/** A value that stands for a secret rather than being one: `client_secret`, `GOOGLE_API_KEY_VAL`, `changeme`, `<password>`, `xxxxxxxx`, `fake-token`. */
export function isPlaceholder(v: string): boolean {
  // `$DB_PASSWORD`, `%DB_PASSWORD%`: a variable substituted later (envsubst, a shell, Windows).
  if (/^\$[A-Za-z_][A-Za-z0-9_]*$|^%[A-Za-z_][A-Za-z0-9_]*%$/.test(v)) return true;
  if (EXAMPLES.has(v) || /^(.)\1+$/s.test(v) || MARKS.test(v) || /<[^<>]*>/.test(v) || /^\.{3}$|…/.test(v)) return true;
  if (/^[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+$/.test(v) || /^(?:true|false|null|none|yes|no|on|off|enabled|disabled|required|optional)$/i.test(v))
    return true;
  // An identifier naming the secret (`client_secret`, `db-password`), not a word used as one (`supersecret`).
  if (/^[A-Za-z]+(?:[_.-][A-Za-z]+)+$/.test(v) && SECRET_WORDS.test(v)) return true;
  return PLACEHOLDER_START.test(v);
}

/** Whether a string written under a secret name is a real value rather than a reference, a path or a placeholder. */
export function isLiteralSecret(value: string): boolean {
  const v = value.trim();
  if (v.length < DATA.minimumLength || /[\r\n]/.test(v)) return false;
  // A passphrase may hold spaces; a sentence telling what to put there is not one.
  if (/\s/.test(v) && (/\b(?:your|enter|set|here|the|generated|managed)\b/i.test(v) || SECRET_WORDS.test(v))) return false;
  return !DATA.notSecretValuePrefixes.some((p) => v.startsWith(p)) && !isPlaceholder(v);
}

/** A private key whose body is elided (`...`) or missing: an example of the format, not a key. */
function isElidedKey(text: string, at: number): boolean {
  const rest = text.slice(at).replace(/^-----BEGIN [A-Z ]+-----/, '');
  const end = rest.search(/-----END /);
  const body = (end >= 0 ? rest.slice(0, end) : rest).replace(/\s+/g, '');
  return body === '' || /^(?:\.|…)+$/.test(body) || isPlaceholder(body) || (end < 0 && body.length < 64);
}

/** A well-known credential found in a text: what it is (`an AWS access key id`) and the matching text. */
export interface KnownSecret {
  readonly name: string;
  readonly match: string;
}

/** The first well-known credential in a text, or undefined. */
export function knownSecretIn(text: string): KnownSecret | undefined {
  for (const p of PATTERNS) {
    p.re.lastIndex = 0;
    for (let m = p.re.exec(text); m; m = p.re.exec(text)) {
      const match = m[p.group] ?? m[0];
      if (!match) continue;
      if (p.name === 'a private key' ? !isElidedKey(text, m.index) : !isPlaceholder(match) && !EXAMPLES.has(match.slice(-40)))
        return { name: p.name, match };
    }
  }
  return undefined;
}

/** How a message names a secret: a literal value, a well-known credential with a sample, or a private key (named only). */
export type SecretKind = 'literal' | 'known' | 'private-key';

/** How a secret is named in a message by id: its kind, and the data (`secret`, `sample`, `length`) that names it without revealing it. */
export function secretMessage(
  known: KnownSecret | undefined,
  text: string,
): { readonly kind: SecretKind; readonly data: Readonly<Record<string, string | number>> } {
  if (known?.name === 'a private key') return { kind: 'private-key', data: { secret: known.name } };
  const value = known ? known.match : text;
  const sample = { sample: sampleOf(value), length: value.length };
  return known ? { kind: 'known', data: { secret: known.name, ...sample } } : { kind: 'literal', data: sample };
}

/** A secret as a message may show it: a few leading characters and its length, never the whole value. */
export function masked(value: string): string {
  return `${sampleOf(value)} (${value.length} characters)`;
}

/** A few leading characters of a secret, quoted, with an ellipsis. */
function sampleOf(value: string): string {
  const shown = value.length >= 16 ? 4 : value.length >= 8 ? 2 : 0;
  return `"${value.slice(0, shown)}…"`;
}
