// Builds the production bundles and packs them into a VSIX with @vscode/vsce, then checks the size budget.
import { execFileSync } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
/** The VSIX may not grow past this without a decision: a linter should install in a blink. */
const BUDGET_BYTES = 1024 * 1024;

const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
const out = process.env.SNCLINT_VSIX ?? join(ROOT, `${pkg.name}-${pkg.version}.vsix`);
const vsce = join(dirname(createRequire(import.meta.url).resolve('@vscode/vsce/package.json')), 'vsce');

execFileSync(process.execPath, ['esbuild.mjs', '--production'], { cwd: ROOT, stdio: 'inherit' });
// The bundles hold every dependency: node_modules stays out of the VSIX.
execFileSync(
  process.execPath,
  [vsce, 'package', '--no-dependencies', '--allow-missing-repository', '--skip-license', '--no-rewrite-relative-links', '--out', out],
  {
    cwd: ROOT,
    stdio: ['ignore', 'inherit', 'inherit'],
  },
);
const size = statSync(out).size;
const kib = (n) => `${(n / 1024).toFixed(1)} KiB`;
const verdict = size <= BUDGET_BYTES ? 'within' : 'OVER';
console.log(`${out}: ${kib(size)}, ${verdict} the ${kib(BUDGET_BYTES)} budget (${((100 * size) / BUDGET_BYTES).toFixed(0)}%)`);
if (size > BUDGET_BYTES) process.exit(1);
