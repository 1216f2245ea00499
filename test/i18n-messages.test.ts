import { strict as assert } from 'node:assert';
import { createHash } from 'node:crypto';
import { RULES } from '../rules';
import { placeholdersOf } from '../server/src/lint/rule';
import { fixTemplates, messageTemplates } from '../server/src/i18n/catalogue';

/** The hash stored beside a French template: the first 12 hex digits of the SHA-256 of its English template. */
function sourceHash(english: string): string {
  return createHash('sha256').update(english, 'utf8').digest('hex').slice(0, 12);
}

/** Finding messages (meta.messages, under rules) and fix titles (meta.fixes, under fixes): the same checks for both. */
const KINDS = [
  { what: 'message', section: 'rules', fr: messageTemplates('fr'), declared: (m: (typeof RULES)[number]['meta']) => m.messages ?? {} },
  { what: 'fix', section: 'fixes', fr: fixTemplates('fr'), declared: (m: (typeof RULES)[number]['meta']) => m.fixes ?? {} },
] as const;

for (const { what, section, fr: FR, declared } of KINDS) {
  describe(`${what} catalogues`, () => {
    it(`has a French template for every ${what} id a rule declares`, () => {
      const missing = RULES.flatMap((r) =>
        Object.keys(declared(r.meta))
          .filter((id) => !FR[r.meta.id]?.[id])
          .map((id) => `${r.meta.id} ${id}`),
      );
      assert.deepEqual(missing, [], `${what} ids with no template under ${section} in rules/i18n/messages.fr.json`);
    });

    it(`has no French template for a rule or ${what} id that does not exist`, () => {
      const ids = new Map(RULES.map((r) => [r.meta.id, declared(r.meta)]));
      const orphans = Object.entries(FR).flatMap(([rule, templates]) =>
        Object.keys(templates)
          .filter((id) => ids.get(rule)?.[id] === undefined)
          .map((id) => `${rule} ${id}`),
      );
      assert.deepEqual(orphans, []);
    });

    it('uses the same placeholders in French as in English', () => {
      const wrong = RULES.flatMap((r) =>
        Object.entries(declared(r.meta)).flatMap(([id, en]) => {
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
        Object.entries(declared(r.meta)).flatMap(([id, en]) => {
          const fr = FR[r.meta.id]?.[id];
          return fr && fr.source !== sourceHash(en)
            ? [`${section} ${r.meta.id} ${id}: review the French, then set source to ${sourceHash(en)}`]
            : [];
        }),
      );
      assert.deepEqual(stale, [], 'English templates changed since their French was written');
    });

    it(`declares ${what} ids in kebab-case and templates that are not empty`, () => {
      const bad = RULES.flatMap((r) =>
        Object.entries(declared(r.meta))
          .filter(([id, en]) => !/^[a-z]+(-[a-z]+)*$/.test(id) || en.trim() === '')
          .map(([id]) => `${r.meta.id} ${id}`),
      );
      assert.deepEqual(bad, []);
    });
  });
}

describe('fix titles', () => {
  it('are declared only by rules that say they are fixable', () => {
    const wrong = RULES.filter((r) => Object.keys(r.meta.fixes ?? {}).length > 0 && !r.meta.fixable).map((r) => r.meta.id);
    assert.deepEqual(wrong, []);
  });
});
