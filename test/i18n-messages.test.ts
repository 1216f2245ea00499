import { strict as assert } from 'assert';
import { createHash } from 'crypto';
import { RULES } from '../rules';
import { placeholdersOf } from '../server/src/lint/rule';
import { messageTemplates } from '../server/src/i18n/catalogue';

/** The hash stored beside a French template: the first 12 hex digits of the SHA-256 of its English template. */
function sourceHash(english: string): string {
  return createHash('sha256').update(english, 'utf8').digest('hex').slice(0, 12);
}

const FR = messageTemplates('fr');

describe('message catalogues', () => {
  it('has a French template for every message id a rule declares', () => {
    const missing = RULES.flatMap((r) => Object.keys(r.meta.messages ?? {}).filter((id) => !FR[r.meta.id]?.[id]).map((id) => `${r.meta.id} ${id}`));
    assert.deepEqual(missing, [], 'message ids with no template in rules/i18n/messages.fr.json');
  });

  it('has no French template for a rule or message id that does not exist', () => {
    const declared = new Map(RULES.map((r) => [r.meta.id, r.meta.messages ?? {}]));
    const orphans = Object.entries(FR).flatMap(([rule, ids]) => Object.keys(ids).filter((id) => declared.get(rule)?.[id] === undefined).map((id) => `${rule} ${id}`));
    assert.deepEqual(orphans, []);
  });

  it('uses the same placeholders in French as in English', () => {
    const wrong = RULES.flatMap((r) =>
      Object.entries(r.meta.messages ?? {}).flatMap(([id, en]) => {
        const fr = FR[r.meta.id]?.[id];
        if (!fr) return [];
        const a = placeholdersOf(en).sort();
        const b = placeholdersOf(fr.text).sort();
        return a.join() === b.join() ? [] : [`${r.meta.id} ${id}: English {{${a.join('}}, {{')}}}, French {{${b.join('}}, {{')}}}`];
      }),
    );
    assert.deepEqual(wrong, []);
  });

  it('lists the French templates whose English changed since they were written', () => {
    const stale = RULES.flatMap((r) =>
      Object.entries(r.meta.messages ?? {}).flatMap(([id, en]) => {
        const fr = FR[r.meta.id]?.[id];
        return fr && fr.source !== sourceHash(en) ? [`${r.meta.id} ${id}: review the French, then set source to ${sourceHash(en)}`] : [];
      }),
    );
    assert.deepEqual(stale, [], 'English templates changed since their French was written');
  });

  it('declares message ids in kebab-case and templates that are not empty', () => {
    const bad = RULES.flatMap((r) => Object.entries(r.meta.messages ?? {}).filter(([id, en]) => !/^[a-z]+(-[a-z]+)*$/.test(id) || en.trim() === '').map(([id]) => `${r.meta.id} ${id}`));
    assert.deepEqual(bad, []);
  });
});
