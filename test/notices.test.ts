/** The licence and the third-party notices: every package bundled into a shipped file is listed with its licence. */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as esbuild from 'esbuild';
import { ROOT, ensureBuilt } from './harness/cli';

interface NoticesModule {
  NOTICES_FILE: string;
  bundledPackages(metafiles: readonly esbuild.Metafile[], cwd?: string): string[];
  noticesText(dirs: readonly string[], productName: string): string;
}

// The build script is plain JavaScript run by node; the test loads the same module.
const notices = require(path.join(ROOT, 'scripts/notices.mjs')) as NoticesModule;

/** The entry points of the files users run: the extension, the language server and the CLI. */
const SHIPPED = ['client/src/extension.ts', 'server/src/server.ts', 'server/src/cli.ts'];

describe('licence and third-party notices', function () {
  this.timeout(60000);
  before(ensureBuilt);

  it('LICENSE is the Apache License 2.0 the package declares', () => {
    const text = fs.readFileSync(path.join(ROOT, 'LICENSE'), 'utf8');
    assert.match(text, /Apache License\s+Version 2\.0, January 2004/);
    assert.match(text, /END OF TERMS AND CONDITIONS/);
    assert.equal((JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { license: string }).license, 'Apache-2.0');
  });

  it('the notices name every package bundled into a shipped file, with its licence text, and nothing else', async () => {
    const metas: esbuild.Metafile[] = [];
    for (const entry of SHIPPED) {
      const r = await esbuild.build({
        entryPoints: [path.join(ROOT, entry)],
        absWorkingDir: ROOT,
        bundle: true,
        platform: 'node',
        format: 'cjs',
        write: false,
        metafile: true,
        outfile: 'out.js',
        external: ['vscode'],
        mainFields: ['module', 'main'],
        logLevel: 'silent',
      });
      metas.push(r.metafile);
    }
    const dirs = notices.bundledPackages(metas, ROOT);
    const names = dirs
      .map((d) => JSON.parse(fs.readFileSync(path.join(d, 'package.json'), 'utf8')) as { name: string; version: string })
      .map((p) => `${p.name}@${p.version}`);
    for (const dependency of ['yaml', 'jsonc-parser', 'vscode-languageserver', 'vscode-languageclient', 'ignore'])
      assert.ok(
        names.some((n) => n.startsWith(`${dependency}@`)),
        dependency,
      );
    const text = fs.readFileSync(path.join(ROOT, notices.NOTICES_FILE), 'utf8');
    const listed = [...text.matchAll(/^-{78}\n(\S+)\nLicense: (.+)$/gm)];
    assert.deepEqual(listed.map((m) => m[1]).sort(), [...new Set(names)].sort());
    for (const m of listed) assert.notEqual(m[2], 'see below', `${m[1]} names its licence`);
    assert.match(text, /Permission is hereby granted, free of charge/, 'licence texts, not only names');
    assert.doesNotMatch(text, /@cdktf|mocha|typescript@/, 'no development-only package');
  });

  it('a bundled package with no licence at all stops the build', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'snclint-notices-'));
    try {
      fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: 'anonymous', version: '1.0.0' }));
      assert.throws(() => notices.noticesText([dir], 'snclint'), /anonymous@1\.0\.0 .* declares no licence/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('the VSIX takes the licence and the notices', () => {
    const lines = fs.readFileSync(path.join(ROOT, '.vscodeignore'), 'utf8').split('\n');
    assert.ok(lines.includes('!LICENSE'));
    assert.ok(lines.includes(`!${notices.NOTICES_FILE}`));
  });
});
