// Writes rules/docs/ (one page per rule and an index, per language) from the rules' metadata: `npm run docs`.
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { RULES } from '../rules';
import { allPages } from '../server/src/docs/rule-docs';

const ROOT = resolve(__dirname, '..');
const DOCS = join(ROOT, 'rules/docs');

const pages = allPages(RULES, ['en', 'fr']);
// Pages of rules that no longer exist go away.
for (const folder of [DOCS, join(DOCS, 'fr')]) {
  let names: string[] = [];
  try {
    names = readdirSync(folder);
  } catch {
    continue;
  }
  for (const name of names) {
    const rel = `rules/docs/${folder === DOCS ? '' : 'fr/'}${name}`;
    if (name.endsWith('.md') && !pages.has(rel)) rmSync(join(folder, name));
  }
}
for (const [rel, text] of pages) {
  mkdirSync(dirname(join(ROOT, rel)), { recursive: true });
  writeFileSync(join(ROOT, rel), text);
}
process.stdout.write(`Wrote ${pages.size} pages under rules/docs/\n`);
