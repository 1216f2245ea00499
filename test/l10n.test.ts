import { strict as assert } from 'node:assert';
import { readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';

const ROOT = resolve(__dirname, '..');
const json = (p: string): Record<string, unknown> => JSON.parse(readFileSync(join(ROOT, p), 'utf8')) as Record<string, unknown>;

/** Every `vscode.l10n.t('...')` string of the client's sources. */
function clientStrings(): Set<string> {
  const out = new Set<string>();
  const dir = join(ROOT, 'client/src');
  for (const name of readdirSync(dir).filter((n) => n.endsWith('.ts'))) {
    for (const m of readFileSync(join(dir, name), 'utf8').matchAll(/l10n\.t\(\s*'((?:[^'\\]|\\.)*)'/g)) out.add(m[1]!.replace(/\\'/g, "'"));
  }
  return out;
}

describe('extension translations', () => {
  it('names every %key% of package.json in package.nls.json and package.nls.fr.json', () => {
    const keys = [...readFileSync(join(ROOT, 'package.json'), 'utf8').matchAll(/"%([\w.]+)%"/g)].map((m) => m[1]!);
    assert.ok(keys.length > 5);
    const en = json('package.nls.json');
    const fr = json('package.nls.fr.json');
    for (const k of keys) {
      assert.equal(typeof en[k], 'string', `package.nls.json lacks ${k}`);
      assert.equal(typeof fr[k], 'string', `package.nls.fr.json lacks ${k}`);
    }
    assert.deepEqual(Object.keys(fr).sort(), Object.keys(en).sort(), 'the French file has the same keys as the English one');
  });

  it('translates every client string into French, with the same placeholders', () => {
    const fr = json('l10n/bundle.l10n.fr.json');
    const strings = clientStrings();
    assert.ok(strings.size > 5);
    for (const s of strings) {
      const tr = fr[s];
      assert.equal(typeof tr, 'string', `l10n/bundle.l10n.fr.json lacks "${s}"`);
      const holes = (x: string): string[] => (x.match(/\{\d+\}/g) ?? []).sort();
      assert.deepEqual(holes(tr as string), holes(s), `placeholders of "${s}"`);
    }
    for (const k of Object.keys(fr)) assert.ok(strings.has(k), `l10n/bundle.l10n.fr.json has a string the client no longer uses: "${k}"`);
  });
});
