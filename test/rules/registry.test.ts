/** Checks that hold for every rule of the registry at once. */
import { strict as assert } from 'node:assert';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { RULES } from '../../rules';
import catalogue from '../../rules/data/secnumcloud.json';

describe('rule registry', () => {
  it('has unique kebab-case ids', () => {
    const ids = RULES.map((r) => r.meta.id);
    assert.deepEqual(
      ids.filter((id, i) => ids.indexOf(id) !== i),
      [],
    );
    for (const id of ids) assert.match(id, /^[a-z]+(-[a-z0-9]+)*$/);
  });

  it('keeps the same SecNumCloud ids as the shared catalogue it was converted from', function () {
    const shared = join(__dirname, '..', '..', '..', 'shared', 'secnumcloud', 'requirements.yml');
    if (!existsSync(shared)) this.skip();
    const ids = new Set([...readFileSync(shared, 'utf8').matchAll(/^ {2}"([0-9.a-z]+)":/gm)].map((m) => m[1]!));
    assert.deepEqual(
      [...Object.keys(catalogue.items), ...Object.keys(catalogue.sections)].filter((id) => !ids.has(id)),
      [],
    );
  });

  it('cites only SecNumCloud items or sections of the catalogue', () => {
    const known = new Set([...Object.keys(catalogue.items), ...Object.keys(catalogue.sections)]);
    const unknown = RULES.flatMap((r) => r.meta.requirements.filter((id) => !known.has(id)).map((id) => `${r.meta.id}: ${id}`));
    assert.deepEqual(unknown, []);
  });

  it('lists every rule in the README', () => {
    const readme = readFileSync(join(__dirname, '..', '..', 'README.md'), 'utf8');
    assert.deepEqual(
      RULES.map((r) => r.meta.id).filter((id) => !readme.includes(`[${id}](rules/docs/${id}.md)`)),
      [],
    );
  });
});
