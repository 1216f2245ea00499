/** The published JSON Schema of the configuration: up to date, and in agreement with the validator. */
import { strict as assert } from 'node:assert';
import Ajv from 'ajv';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse } from 'yaml';
import { execFileSync } from 'node:child_process';
import { CONFIG_SCHEMA_FILE, configSchemaText } from '../../rules/config-schema';
import { CONFIG_VOCABULARY, KNOWN_RULES } from '../../rules/vocabulary';
import { parseConfig } from '../../server/src/config/schema';
import { starterConfig } from '../../server/src/config/starter';
import pkg from '../../package.json';
import { STARTER_CONFIG } from '../../client/src/starter-config';

const ROOT = path.resolve(__dirname, '../..');
const SCHEMA = path.join(ROOT, CONFIG_SCHEMA_FILE);
// `npm test` builds first; this keeps `mocha` alone working.
if (!fs.existsSync(SCHEMA)) execFileSync(process.execPath, ['esbuild.mjs'], { cwd: ROOT });
const validate = new Ajv({ allErrors: true, strict: false }).compile(JSON.parse(fs.readFileSync(SCHEMA, 'utf8')) as object);

/** Whether the schema and the validator both accept (or both reject) a configuration. */
function verdicts(text: string): { schema: boolean; validator: boolean } {
  return {
    schema: validate(parse(text) ?? {}) as boolean,
    validator: parseConfig('/r/.snclint.yml', text, CONFIG_VOCABULARY).problems.length === 0,
  };
}

describe('configuration JSON Schema', () => {
  it('is written by the build from the rules of the registry', () => {
    assert.equal(fs.readFileSync(SCHEMA, 'utf8'), configSchemaText());
  });

  it('is contributed to VS Code for .snclint.json and, through the YAML extension, .snclint.yml', () => {
    const url = `./${CONFIG_SCHEMA_FILE}`;
    assert.deepEqual(pkg.contributes.jsonValidation, [{ fileMatch: ['.snclint.json'], url }]);
    assert.deepEqual(pkg.contributes.yamlValidation, [{ fileMatch: ['.snclint.yml', '.snclint.yaml'], url }]);
  });

  const accepted = [
    starterConfig(KNOWN_RULES),
    'extends: strict\nrules:\n  weak-tls: { level: warning }\n  non-eu-region: off\n',
    'regions:\n  policy: [FR, DE]\n  custom: { RegionOne: FR }\n  preferred: { aws: eu-west-3 }\n',
    'overrides:\n  - files: "legacy/**"\n    rules: { unencrypted-volume: info }\nterraform:\n  varFiles: [a.tfvars]\n',
  ];
  const rejected = [
    'rule: {}\n',
    'rules: { no-such-rule: off }\n',
    'rules: { weak-tls: fatal }\n',
    'extends: paranoid\n',
    'regions: { policy: world }\n',
    'regions: { policy: [France] }\n',
    'regions: { preferred: { digitalocean: fra1 } }\n',
    'overrides:\n  - rules: { weak-tls: off }\n',
    'terraform: { varFile: [a] }\n',
    'rules: { weak-tls: { level: error, options: { x: 1 } } }\n',
  ];

  for (const text of accepted) {
    it(`accepts, as the validator does: ${JSON.stringify(text.slice(0, 50))}`, () =>
      assert.deepEqual(verdicts(text), { schema: true, validator: true }));
  }
  for (const text of rejected) {
    it(`rejects, as the validator does: ${JSON.stringify(text.slice(0, 50))}`, () =>
      assert.deepEqual(verdicts(text), { schema: false, validator: false }));
  }
});

describe('starter configurations', () => {
  it('the editor command writes a configuration that validates', () => {
    assert.deepEqual(parseConfig('/r/.snclint.yml', STARTER_CONFIG, CONFIG_VOCABULARY).problems, []);
    assert.ok(validate(parse(STARTER_CONFIG) ?? {}));
  });
});
