/** Fixes a rule offers by fix id: the linter makes their titles from the rule's templates, and refuses an id the rule does not declare. */
import { strict as assert } from 'node:assert';
import { SourceFile } from '../../server/src/engine/source';
import { lint } from '../../server/src/lint/linter';
import { type Rule, defineRule } from '../../server/src/lint/rule';
import { RULES } from '../../rules';

const TEXT = 'resource "aws_ebs_volume" "v" {\n  encrypted = false\n}\n';
const META = { ...RULES[0]!.meta, id: 'test-fix-ids', messages: { off: '{{resource}} is off.' } };

/** A rule reporting the `encrypted` value of every aws_ebs_volume, with the fix `fixId`. */
function ruleOffering(fixes: Readonly<Record<string, string>>, fixId: string): Rule {
  return defineRule({
    meta: { ...META, fixes },
    check(ctx) {
      for (const mod of ctx.terraform) {
        for (const r of mod.resourcesOf('aws_ebs_volume')) {
          const v = mod.attr(r.block, 'encrypted');
          if (!v) continue;
          ctx.report({
            file: r.file,
            range: v.value.range,
            messageId: 'off',
            data: { resource: r.address },
            fixes: [
              {
                fixId,
                data: { attribute: 'encrypted', value: 'true' },
                safety: 'unsafe',
                edits: [{ range: v.value.range, newText: 'true' }],
              },
            ],
          });
        }
      }
    },
  });
}

describe('fixes by id', () => {
  it('titles a fix from the template of its id, and keeps the key for translations', () => {
    const r = lint([new SourceFile('main.tf', TEXT, 'terraform')], {
      rules: [ruleOffering({ 'set-attribute': 'Set {{attribute}} = {{value}}' }, 'set-attribute')],
    });
    assert.deepEqual(r.errors, []);
    const fix = r.findings[0]!.fixes[0]!;
    assert.equal(fix.title, 'Set encrypted = true');
    assert.deepEqual(fix.titleKey, {
      id: 'set-attribute',
      template: 'Set {{attribute}} = {{value}}',
      data: { attribute: 'encrypted', value: 'true' },
    });
    assert.equal(fix.preferred, undefined);
  });

  it('turns a fix id the rule does not declare into an internal error of that rule, not a finding', () => {
    const r = lint([new SourceFile('main.tf', TEXT, 'terraform')], {
      rules: [ruleOffering({ 'set-attribute': 'Set {{attribute}} = {{value}}' }, 'set-value')],
    });
    assert.deepEqual(r.findings, []);
    assert.equal(r.errors.length, 1);
    assert.equal(r.errors[0]!.kind, 'internal');
    assert.match(r.errors[0]!.message, /Rule test-fix-ids .*the undeclared fix id set-value/s);
  });
});
