/** The npm package: only what runs, a `snclint` bin, no runtime dependency. */
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ROOT } from './harness/cli';

interface PackageJson {
  readonly private?: boolean;
  readonly dependencies?: Record<string, string>;
  readonly bin: Record<string, string>;
  readonly scripts: Record<string, string>;
}

interface PackEntry {
  readonly files: readonly { readonly path: string; readonly size: number }[];
}

const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as PackageJson;

/** Every file the tarball may hold; anything else (sources, maps, tests, node_modules) is a mistake. */
const ALLOWED = [
  /^package\.json$/,
  /^README\.md$/,
  /^LICENSE$/,
  /^THIRD_PARTY_NOTICES\.txt$/,
  /^server\/out\/(cli|server|lint-worker)\.js$/,
  /^server\/out\/config\.schema\.json$/,
  /^rules\/docs\/(fr\/)?[a-zA-Z-]+\.md$/,
];

describe('npm package', function () {
  this.timeout(120000);
  // Packing leaves the production bundles behind; the tests after this one run the development build.
  after(() => assert.equal(spawnSync(process.execPath, ['esbuild.mjs'], { cwd: ROOT, stdio: 'ignore' }).status, 0));

  it('is public, with no runtime dependency: the bundles hold them', () => {
    assert.equal(pkg.private, undefined);
    assert.deepEqual(pkg.dependencies ?? {}, {});
  });

  it('chooses its files by .npmignore, since vsce refuses a "files" list beside .vscodeignore', () => {
    assert.equal((pkg as { files?: unknown }).files, undefined);
    assert.ok(fs.existsSync(path.join(ROOT, '.npmignore')) && fs.existsSync(path.join(ROOT, '.vscodeignore')));
  });

  it('has a snclint bin and a language server bin, built before packing', () => {
    assert.equal(pkg.bin.snclint, 'server/out/cli.js');
    assert.equal(pkg.bin['snclint-language-server'], 'server/out/server.js');
    assert.match(pkg.scripts.prepack ?? '', /esbuild\.mjs --production/);
  });

  it('npm pack holds only what runs: the bundles, the rule docs, the JSON Schema, README, LICENSE and notices', () => {
    const r = spawnSync('npm', ['pack', '--dry-run', '--json', '--silent'], { cwd: ROOT, encoding: 'utf8', timeout: 110000 });
    assert.equal(r.status, 0, r.stderr);
    const entry = (JSON.parse(r.stdout.slice(r.stdout.indexOf('['))) as PackEntry[])[0]!;
    const files = entry.files.map((f) => f.path).sort();
    for (const f of files)
      assert.ok(
        ALLOWED.some((re) => re.test(f)),
        `unexpected file in the package: ${f}`,
      );
    for (const must of [
      'LICENSE',
      'README.md',
      'THIRD_PARTY_NOTICES.txt',
      'server/out/cli.js',
      'server/out/server.js',
      'server/out/lint-worker.js',
      'server/out/config.schema.json',
      'rules/docs/README.md',
      'rules/docs/fr/README.md',
    ])
      assert.ok(files.includes(must), `${must} is packed`);
    for (const bin of Object.values(pkg.bin)) {
      assert.ok(files.includes(bin), `${bin} is packed`);
      assert.ok(fs.readFileSync(path.join(ROOT, bin), 'utf8').startsWith('#!/usr/bin/env node\n'), `${bin} runs as a command`);
    }
    assert.ok(
      !fs.readFileSync(path.join(ROOT, 'server/out/cli.js'), 'utf8').includes('sourceMappingURL'),
      'the packed bundles are the production build',
    );
  });
});
