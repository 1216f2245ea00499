/** Runs the extension tests inside a downloaded VS Code (`npx tsx test/vscode/runTest.ts`); needs network access. */
import { execFileSync } from 'child_process';
import { resolve } from 'path';
import * as esbuild from 'esbuild';
import { runTests } from '@vscode/test-electron';

const ROOT = resolve(__dirname, '../..');
const OUT = resolve(ROOT, '.vscode-test/suite');

async function main(): Promise<void> {
  execFileSync(process.execPath, ['esbuild.mjs'], { cwd: ROOT, stdio: 'inherit' });
  // The extension host loads plain JavaScript: bundle the suite next to VS Code's own test folder.
  await esbuild.build({
    entryPoints: [resolve(__dirname, 'suite/index.ts'), resolve(__dirname, 'suite/diagnostics.test.ts')],
    outdir: OUT,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node18',
    sourcemap: true,
    external: ['vscode', 'mocha'],
    logLevel: 'warning',
  });
  await runTests({
    version: process.env.VSCODE_VERSION ?? 'stable',
    extensionDevelopmentPath: ROOT,
    extensionTestsPath: resolve(OUT, 'index.js'),
    launchArgs: [resolve(ROOT, 'test/fixtures/vscode'), '--disable-extensions', '--disable-workspace-trust'],
  });
}

main().catch((e: unknown) => {
  process.stderr.write(`VS Code tests failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exit(1);
});
