// Mutations for the fuzz target (bench/fuzz.mjs): each takes a text and a seeded random source and
// returns a damaged text. They aim at what breaks hand-written parsers and evaluators: cut input,
// unbalanced brackets and quotes, stray bytes, huge repetition and deep nesting.

/** A small, fast, seedable PRNG (mulberry32), so a run is reproduced from its seed. */
export function random(seed) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n) => Math.floor(next() * n);
  return { next, int, pick: (xs) => xs[int(xs.length)], chance: (p) => next() < p };
}

/** Texts larger than this are not grown further: the point is robustness, not the size limit. */
const MAX_GROWTH = 400_000;

const at = (text, r) => r.int(text.length + 1);
const insert = (text, pos, s) => text.slice(0, pos) + s + text.slice(pos);

/** Tokens with a meaning in HCL, templates, JSON or YAML, to drop in anywhere. */
const TOKENS = [
  '{',
  '}',
  '[',
  ']',
  '(',
  ')',
  '"',
  "'",
  '${',
  '%{',
  '}}',
  '<<EOF\n',
  '<<-EOT\n',
  'EOF\n',
  '\\',
  '\\u',
  '#',
  '//',
  '/*',
  '*/',
  '=',
  ':',
  '=>',
  '?',
  '...',
  '.*',
  '[*]',
  ',',
  '\n',
  '\r',
  '\r\n',
  '\t',
  ' ',
  'for x in',
  'if',
  'null',
  'true',
  '-1e999',
  '0x',
  '---\n',
  '- ',
  '? ',
  '&a ',
  '*a',
  '<<: *a',
  '!!binary ',
  '!!str ',
  '|\n',
  '>-\n',
  '%YAML 1.2\n',
  '...\n',
  '@',
  '`',
  '&',
  '*',
  'var.',
  'local.',
  'module.',
  'each.value',
  'count.index',
  'self.',
  'data.',
  'resource "aws_s3_bucket" "x" {',
  'dynamic "x" {',
  'content {',
  'for_each = ',
  'count = ',
  'provider = aws.',
  'lookup(',
  'merge(',
  'try(',
  'jsondecode("',
  'yamldecode("',
  'format("%',
  'kind: ',
  'apiVersion: ',
  'metadata:',
  'spec:',
  'containers:',
  'resources:',
  'patches:',
  '$patch: delete',
  'kustomization',
  '"\uD800"',
];

/** A mutation: a name (recorded with each finding) and a function of (text, random, other seed text). */
export const MUTATIONS = [
  ['truncate', (t, r) => t.slice(0, at(t, r))],
  [
    'delete-range',
    (t, r) => {
      const a = at(t, r);
      return t.slice(0, a) + t.slice(Math.min(t.length, a + 1 + r.int(200)));
    },
  ],
  [
    'splice-other',
    (t, r, other) => {
      const a = r.int(other.length + 1);
      return insert(t, at(t, r), other.slice(a, a + 1 + r.int(2000)));
    },
  ],
  [
    'splice-self',
    (t, r) => {
      const a = r.int(t.length + 1);
      return insert(t, at(t, r), t.slice(a, a + 1 + r.int(500)));
    },
  ],
  [
    'unbalance',
    (t, r) => {
      let out = t;
      for (let n = 1 + r.int(4); n > 0; n--) {
        const ch = r.pick(['{', '}', '[', ']', '(', ')', '"', "'", '${', '<<EOF\n', '\n']);
        if (r.chance(0.5)) out = insert(out, at(out, r), ch);
        else {
          const i = out.indexOf(ch, at(out, r));
          if (i >= 0) out = out.slice(0, i) + out.slice(i + ch.length);
        }
      }
      return out;
    },
  ],
  [
    'binary',
    (t, r) => {
      let s = '';
      for (let n = 1 + r.int(16); n > 0; n--)
        s += String.fromCharCode(r.chance(0.3) ? 0 : r.chance(0.1) ? 0xd800 + r.int(0x800) : r.int(256));
      return insert(t, at(t, r), s);
    },
  ],
  [
    'token',
    (t, r) => {
      let out = t;
      for (let n = 1 + r.int(3); n > 0; n--) out = insert(out, at(out, r), r.pick(TOKENS));
      return out;
    },
  ],
  [
    'multiply-lines',
    (t, r) => {
      const lines = t.split('\n');
      const a = r.int(lines.length);
      const chunk = `${lines.slice(a, a + 1 + r.int(20)).join('\n')}\n`;
      const times = Math.min(1 + r.int(r.chance(0.1) ? 5000 : 50), Math.floor(MAX_GROWTH / Math.max(1, chunk.length)));
      return `${lines.slice(0, a).join('\n')}\n${chunk.repeat(times)}${lines.slice(a).join('\n')}`;
    },
  ],
  [
    'deep-nesting',
    (t, r) => {
      const n = r.pick([50, 200, 1000, 5000, 20000]);
      const [open, close] = r.pick([
        ['[', ']'],
        ['{', '}'],
        ['(', ')'],
        ['${', '}'],
        ['"${', '}"'],
        ['f(', ')'],
        ['- ', ''],
        ['a: {', '}'],
        ['[{"a":', '}]'],
        ['!', ''],
        ['-', ''],
      ]);
      const body = open.repeat(n) + (r.chance(0.5) ? close.repeat(n) : close.repeat(r.int(n)));
      return insert(t, at(t, r), r.chance(0.5) ? `\nx = ${body}\n` : body);
    },
  ],
  [
    'deep-blocks',
    (t, r) => {
      const n = r.pick([100, 1000, 5000]);
      const body = 'b {\n'.repeat(n) + (r.chance(0.7) ? '}\n'.repeat(n) : '');
      return insert(t, at(t, r), `\nresource "aws_instance" "deep" {\n${body}}\n`);
    },
  ],
  [
    'deep-yaml',
    (t, r) => {
      const n = r.pick([50, 200, 1000]);
      let s = '';
      for (let i = 0; i < n; i++) s += `${' '.repeat(i)}a:\n`;
      return r.chance(0.5) ? `${t}\n---\n${s}` : `${s}${t}`;
    },
  ],
  [
    'alias-bomb',
    (t, r) => {
      const levels = 5 + r.int(6);
      let s = 'a0: &a0 ["x","x","x","x","x","x","x","x","x","x"]\n';
      for (let i = 1; i < levels; i++)
        s += `a${i}: &a${i} [${Array(10)
          .fill(`*a${i - 1}`)
          .join(',')}]\n`;
      s += `kind: ConfigMap\napiVersion: v1\nmetadata: {name: bomb}\ndata: *a${levels - 1}\n`;
      return r.chance(0.5) ? `${t}\n---\n${s}` : s;
    },
  ],
  [
    'swap-lines',
    (t, r) => {
      const lines = t.split('\n');
      for (let n = 1 + r.int(5); n > 0; n--) {
        const a = r.int(lines.length);
        const b = r.int(lines.length);
        [lines[a], lines[b]] = [lines[b], lines[a]];
      }
      return lines.join('\n');
    },
  ],
  [
    'indent',
    (t, r) => {
      const lines = t.split('\n');
      for (let n = 1 + r.int(10); n > 0; n--) {
        const a = r.int(lines.length);
        lines[a] = r.chance(0.5) ? r.pick(['\t', '  ', ' ', '    ']) + lines[a] : lines[a].trimStart();
      }
      return lines.join('\n');
    },
  ],
  ['line-endings', (t, r) => t.replace(/\n/g, () => r.pick(['\r\n', '\r', '\n', '\u2028', '\u0085']))],
  [
    'numbers',
    (t, r) =>
      t.replace(/\d+/g, (d) =>
        r.chance(0.1) ? r.pick(['99999999999999999999', '-0', '1e308', '0.0000001', 'NaN', '1.5', '-1', '4294967296']) : d,
      ),
  ],
];

/** Applies 1 to 3 random mutations; returns the text and the mutations' names. */
export function mutate(text, r, other) {
  const names = [];
  let out = text;
  for (let n = 1 + r.int(3); n > 0; n--) {
    const [name, f] = r.pick(MUTATIONS);
    names.push(name);
    out = f(out, r, other);
    if (out.length > 4 * MAX_GROWTH) out = out.slice(0, 4 * MAX_GROWTH);
  }
  return { text: out, mutations: names };
}
