// Bundles the extension, the language server and the CLI.
import * as esbuild from 'esbuild';
import { execFileSync } from 'node:child_process';
import { writeNotices } from './scripts/notices.mjs';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

/** @type {esbuild.BuildOptions} */
const common = {
  bundle: true,
  platform: 'node',
  target: 'node18',
  format: 'cjs',
  sourcemap: !production,
  minify: production,
  logLevel: 'warning',
  // Licences go to THIRD_PARTY_NOTICES.txt, written from the metafiles of the shipped bundles.
  legalComments: 'none',
  metafile: true,
  // jsonc-parser's UMD entry hides its requires from the bundler; its ESM entry bundles cleanly.
  mainFields: ['module', 'main'],
};

const builds = [
  { ...common, entryPoints: ['client/src/extension.ts'], outfile: 'client/out/extension.js', external: ['vscode'] },
  { ...common, entryPoints: ['server/src/server.ts'], outfile: 'server/out/server.js', banner: { js: '#!/usr/bin/env node' } },
  { ...common, entryPoints: ['server/src/lint-worker.ts'], outfile: 'server/out/lint-worker.js' },
  { ...common, entryPoints: ['server/src/cli.ts'], outfile: 'server/out/cli.js', banner: { js: '#!/usr/bin/env node' } },
  { ...common, entryPoints: ['rules/config-schema.ts'], outfile: 'server/out/config-schema.js', shipped: false },
];

if (watch) {
  for (const { shipped: _, ...b } of builds) await (await esbuild.context(b)).watch();
} else {
  const results = await Promise.all(
    builds.map(({ shipped, ...b }) => esbuild.build(b).then((r) => ({ shipped: shipped !== false, meta: r.metafile }))),
  );
  writeNotices(results.filter((r) => r.shipped).map((r) => r.meta));
  // The configuration's JSON Schema lists the rules of this build.
  execFileSync(process.execPath, ['server/out/config-schema.js', 'server/out/config.schema.json'], { stdio: 'inherit' });
}
