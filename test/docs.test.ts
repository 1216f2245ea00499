import { strict as assert } from 'node:assert';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { RULES, ruleById } from '../rules';
import { allPages, hoverMarkdown, rulePage } from '../server/src/docs/rule-docs';
import {
  findingMessage,
  fixTitle,
  localeFromEnv,
  localeOf,
  requirementTitle,
  ruleTexts,
  translatedRules,
} from '../server/src/i18n/catalogue';

const ROOT = resolve(__dirname, '..');

describe('rule documentation', () => {
  it('is current: the committed rules/docs/ is what npm run docs writes', () => {
    const pages = allPages(RULES, ['en', 'fr']);
    const stale: string[] = [];
    for (const [rel, text] of pages) {
      const path = join(ROOT, rel);
      if (!existsSync(path) || readFileSync(path, 'utf8') !== text) stale.push(rel);
    }
    for (const folder of ['rules/docs', 'rules/docs/fr']) {
      for (const name of readdirSync(join(ROOT, folder)).filter((n) => n.endsWith('.md'))) {
        if (!pages.has(`${folder}/${name}`)) stale.push(`${folder}/${name} (no such rule)`);
      }
    }
    assert.deepEqual(stale, [], 'rules/docs/ is stale: run `npm run docs` and commit the result');
  });

  it('has a page per registered rule, with its requirements and a good example', () => {
    for (const { meta } of RULES) {
      const page = rulePage(meta, 'en');
      assert.match(page, new RegExp(`^# ${meta.id}: `, 'm'));
      for (const id of meta.requirements) assert.ok(page.includes(`**${id}**: `), `${meta.id} names the title of ${id}`);
      if (meta.examples.good.length) assert.match(page, /## Good example/);
    }
  });

  it('builds a hover with the title, why, requirement titles, fix and a good example', () => {
    const meta = RULES.find((r) => r.meta.id === 'unencrypted-volume')!.meta;
    const md = hoverMarkdown(meta, ['Set encrypted = true'], 'en', 'file:///x.md');
    assert.match(md, /^\*\*Encrypt block storage at rest\*\*/);
    assert.match(md, /\*\*Why it matters\*\*: SecNumCloud 10\.1/);
    assert.match(md, /- \*\*10\.1\.a\*\*: Stored data encrypted/);
    assert.match(md, /Quick fix available: \*Set encrypted = true\*/);
    assert.match(md, /```hcl\n/);
    assert.match(md, /\[Rule documentation\]\(file:\/\/\/x\.md\)$/);
  });
});

describe('message catalogue', () => {
  it('reads locales from VS Code tags and POSIX environments', () => {
    assert.equal(localeOf('fr'), 'fr');
    assert.equal(localeOf('fr-CA'), 'fr');
    assert.equal(localeOf('fr_FR.UTF-8'), 'fr');
    assert.equal(localeOf('en-US'), 'en');
    assert.equal(localeOf('fy'), 'en');
    assert.equal(localeOf(undefined), 'en');
    assert.equal(localeFromEnv({ LANG: 'fr_FR.UTF-8' }), 'fr');
    assert.equal(localeFromEnv({ LANG: 'fr_FR.UTF-8', LC_ALL: 'C' }), 'en');
    assert.equal(localeFromEnv({ LANG: 'C', LC_MESSAGES: 'fr_BE' }), 'fr');
    assert.equal(localeFromEnv({}), 'en');
  });

  it('translates the title, description, rationale and remediation of every catalogued rule', () => {
    for (const id of translatedRules('fr')) {
      const rule = RULES.find((r) => r.meta.id === id);
      assert.ok(rule, `the French catalogue names a registered rule: ${id}`);
      const en = ruleTexts(rule.meta, 'en');
      const fr = ruleTexts(rule.meta, 'fr');
      for (const k of ['title', 'description', 'rationale', 'remediation'] as const)
        assert.notEqual(fr[k], en[k], `${id}.${k} is translated`);
    }
  });

  it('falls back to English for a rule the catalogue does not know', () => {
    const meta = { ...RULES[0]!.meta, id: 'not-catalogued' };
    assert.equal(ruleTexts(meta, 'fr').title, meta.title);
    assert.equal(findingMessage({ ruleId: 'not-catalogued', message: 'x is wrong' }, 'fr'), 'x is wrong');
  });

  it('translates the terms inside the data of a message', () => {
    const template = ruleById('non-eu-region')!.meta.messages!['region-outside']!;
    const data = {
      subject: 'provider "aws"',
      region: 'us-east-1 (N. Virginia, US)',
      via: ' (evaluated from var.region)',
      area: 'the European Union',
    };
    const message = 'provider "aws" uses region us-east-1 (N. Virginia, US) (evaluated from var.region), outside the European Union.';
    assert.equal(
      findingMessage({ ruleId: 'non-eu-region', message, messageKey: { id: 'region-outside', template, data } }, 'fr'),
      'provider "aws" utilise la région us-east-1 (N. Virginia, US) (évaluée depuis var.region), hors de l\'Union européenne.',
    );
    assert.equal(
      findingMessage({ ruleId: 'unencrypted-volume', message: 'aws_ebs_volume.data is not encrypted: encrypted is false.' }, 'en'),
      'aws_ebs_volume.data is not encrypted: encrypted is false.',
    );
  });

  it('translates messages by id, with the data translated as data and a module call prefix kept', () => {
    const template = ruleById('privilege-escalation')!.meta.messages!['escalation-default']!;
    const messageKey = {
      id: 'escalation-default',
      template,
      data: { object: 'Deployment api', container: 'init container setup', field: 'allowPrivilegeEscalation' },
    };
    const message = 'Deployment api lets init container setup gain privileges: allowPrivilegeEscalation is not set and defaults to true.';
    const french =
      "Deployment api laisse le conteneur d'initialisation setup gagner des privilèges : allowPrivilegeEscalation n'est pas défini et vaut true par défaut.";
    assert.equal(findingMessage({ ruleId: 'privilege-escalation', message, messageKey }, 'fr'), french);
    assert.equal(
      findingMessage({ ruleId: 'privilege-escalation', message: `module.app: ${message}`, messageKey }, 'fr'),
      `module.app: ${french}`,
    );
    assert.equal(findingMessage({ ruleId: 'privilege-escalation', message, messageKey }, 'en'), message);
    // A message that is not the template's output (a host rewrote it) is left as it is rather than mistranslated.
    assert.equal(findingMessage({ ruleId: 'privilege-escalation', message: 'something else', messageKey }, 'fr'), 'something else');
  });

  it('translates fix titles by rule id and fix id, with the values as written', () => {
    const set = {
      title: 'Set encrypted = true',
      titleKey: { id: 'set-attribute', template: 'Set {{attribute}} = {{value}}', data: { attribute: 'encrypted', value: 'true' } },
    };
    assert.equal(fixTitle('unencrypted-volume', set, 'fr'), 'Définir encrypted = true');
    assert.equal(fixTitle('unencrypted-volume', set, 'en'), 'Set encrypted = true');
    const region = {
      title: 'Replace with eu-west-3',
      titleKey: { id: 'replace-region', template: 'Replace with {{region}}', data: { region: 'eu-west-3' } },
    };
    assert.equal(fixTitle('non-eu-region', region, 'fr'), 'Remplacer par eu-west-3');
    // Names and values are code: words the message terms translate ("users", "France", "container ") stay as written.
    const move = {
      title: 'Move the value to a sensitive variable var.users_container_password',
      titleKey: {
        id: 'move-to-variable',
        template: 'Move the value to a sensitive variable var.{{name}}',
        data: { name: 'users_container_password' },
      },
    };
    assert.equal(fixTitle('hardcoded-secret', move, 'fr'), 'Déplacer la valeur dans une variable sensible var.users_container_password');
    const location = {
      title: 'Set location = "France Central"',
      titleKey: {
        id: 'set-attribute',
        template: 'Set {{attribute}} = {{value}}',
        data: { attribute: 'location', value: '"France Central"' },
      },
    };
    assert.equal(fixTitle('non-eu-region', location, 'fr'), 'Définir location = "France Central"');
    // A fix the engine makes itself, or an id with no French template, keeps its English title.
    assert.equal(fixTitle('invalid-suppression', { title: 'Remove the unused suppression' }, 'fr'), 'Remove the unused suppression');
    assert.equal(
      fixTitle('unencrypted-volume', { ...set, titleKey: { ...set.titleKey, id: 'no-such-fix' } }, 'fr'),
      'Set encrypted = true',
    );
  });

  it('titles every SecNumCloud item the rules cite, in both languages', () => {
    for (const { meta } of RULES) {
      for (const id of meta.requirements) {
        assert.ok(requirementTitle(id, 'en'), `${id} has an English title`);
        assert.ok(requirementTitle(id, 'fr'), `${id} has a French title`);
      }
    }
  });
});
