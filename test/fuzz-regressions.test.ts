/** Every input the fuzz target (npm run fuzz) found crashing or stalling a parser or the engine, kept as a regression. */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { RULES } from '../rules';
import { lint } from '../server/src/lint/linter';
import { SourceFile, languageOf } from '../server/src/engine/source';
import { parseHcl } from '../server/src/terraform/parser';
import { parseTerraformJson } from '../server/src/terraform/json';
import { parsePlanJson } from '../server/src/terraform/plan';
import { parseJsonFile, parseYamlFile } from '../server/src/kubernetes/parser';

const DIR = path.join(__dirname, 'fixtures', 'fuzz');
const FIXTURES = fs
  .readdirSync(DIR)
  .filter((f) => languageOf(f))
  .sort();

/** What each fixture must say about itself: a clear message rather than a crash; `null` for a valid file that must be linted in full. */
const EXPECTED: Readonly<Record<string, RegExp | null>> = {
  'deep-blocks.tf': /Blocks nested more than 128 levels deep/,
  'deep-label.tf': /nested more than 128 levels deep in a block label/,
  'deep-arrays.tf.json': /JSON nested more than 500 levels deep/,
  'deep-arrays.json': /JSON nested more than 500 levels deep/,
  'deep-flow.yaml': /YAML nested more than 500 levels deep/,
  'deep-unclosed.yaml': /YAML nested more than 500 levels deep/,
  'alias-bomb.yaml': /YAML aliases expand to more than 100000 nodes/,
  'alias-stream.yaml': /YAML aliases expand to more than 100000 nodes/,
  'for-object-without-key.tf': /Expected "=>" in an object for expression/,
  'many-containers.yaml': null,
  'deep-block.yaml': /YAML nested more than 500 levels deep; the deeper part was not read/,
};

describe('fuzz regressions', () => {
  it('has an expectation for every fixture', () => {
    assert.deepEqual(FIXTURES, Object.keys(EXPECTED).sort());
  });

  for (const name of FIXTURES) {
    const text = fs.readFileSync(path.join(DIR, name), 'utf8');
    it(`${name}: every parser returns`, () => {
      assert.doesNotThrow(() => parseHcl(text));
      assert.doesNotThrow(() => parseTerraformJson(text));
      assert.doesNotThrow(() => parseTerraformJson(text, { vars: true }));
      assert.doesNotThrow(() => parsePlanJson(text));
      assert.doesNotThrow(() => parseYamlFile(new SourceFile(name, text, 'yaml')));
      assert.doesNotThrow(() => parseJsonFile(new SourceFile(name, text, 'json')));
    });

    it(`${name}: the engine reports it clearly, with no internal error`, () => {
      const result = lint([new SourceFile(`fuzz/${name}`, text, languageOf(name)!)], { rules: RULES });
      assert.deepEqual(
        result.errors.filter((e) => e.kind === 'internal').map((e) => e.message.split('\n')[0]),
        [],
      );
      const messages = result.errors.map((e) => e.message);
      const expected = EXPECTED[name];
      if (expected)
        assert.ok(
          messages.some((m) => expected.test(m)),
          `expected ${expected} among ${JSON.stringify(messages.slice(0, 5))}`,
        );
      else {
        assert.deepEqual(messages, []);
        // Every container is checked, each with its own fix.
        const escalation = result.findings.filter((f) => f.ruleId === 'privilege-escalation');
        assert.equal(escalation.length, 2000);
        assert.ok(escalation.every((f) => f.fixes.length === 1));
      }
    });
  }
});
