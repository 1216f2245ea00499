/**
 * Rules read arguments through the model (`mod.attr`), which treats an argument set to null as
 * absent, as Terraform does. The syntax tree's `attr(block.body, name)` sees the text: used as a
 * presence test, it takes `x = null` for a set argument. Edits may use it (they need the text).
 */
import { strict as assert } from 'node:assert';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const RULES = join(__dirname, '..', 'rules');
// A raw accessor in a boolean position: `if (attr(`, `!attr(`, `|| attr(`, `&& attr(`, `attr(...) !== undefined`.
const PRESENCE = /(?:\bif \(|!|\|\||&&|\?\?)\s*attr\([\w.]+\.body, [^)]*\)|(?<![.\w])attr\([\w.]+\.body, [^)]*\)\s*[!=]==?\s*undefined/;

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() && e.name !== 'data' && e.name !== 'docs' && e.name !== 'i18n'
      ? sources(join(dir, e.name))
      : e.name.endsWith('.ts')
        ? [join(dir, e.name)]
        : [],
  );
}

describe('rule sources', () => {
  it('test the presence of a Terraform argument through the model, never through the syntax tree', () => {
    const found: string[] = [];
    for (const file of sources(RULES)) {
      readFileSync(file, 'utf8')
        .split('\n')
        .forEach((line, i) => {
          if (PRESENCE.test(line)) found.push(`${file.slice(RULES.length + 1)}:${i + 1}: ${line.trim()}`);
        });
    }
    assert.deepEqual(found, [], 'use mod.attr(block, name): an argument set to null is absent');
  });

  it('has a pattern that catches the raw presence test it forbids', () => {
    assert.ok(PRESENCE.test('  if (needed && !attr(r.block.body, needed)) continue;'));
    assert.ok(PRESENCE.test('  return skipWhen.some((name) => attr(r.block.body, name) !== undefined);'));
    assert.ok(!PRESENCE.test('  if (needed && !mod.attr(r.block, needed)) continue;'));
  });
});
