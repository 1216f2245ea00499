// Writes the third-party notices of the shipped bundles: the licence of every package esbuild put in them.
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** The file written at the root of the repository, shipped in the VSIX and the npm package. */
export const NOTICES_FILE = 'THIRD_PARTY_NOTICES.txt';

/** Folders of the packages whose files a metafile lists as inputs (the last node_modules/<name> of each path). */
export function bundledPackages(metafiles, cwd = process.cwd()) {
  const dirs = new Set();
  for (const meta of metafiles) {
    for (const input of Object.keys(meta.inputs)) {
      const m = /^(.*node_modules\/(?:@[^/]+\/)?[^/]+)\//.exec(input.split('\\').join('/'));
      if (m) dirs.add(resolve(cwd, m[1]));
    }
  }
  return [...dirs];
}

/** The licence texts of a package folder (LICENSE, LICENCE, COPYING, NOTICE files), joined. */
function licenceTexts(dir) {
  const names = readdirSync(dir)
    .filter((n) => /^(licen[sc]e|copying|notice)(\.|-|$)/i.test(n))
    .sort();
  return names.map((n) => readFileSync(join(dir, n), 'utf8').trim()).join('\n\n');
}

/** The notices text for these package folders; throws when one has no licence at all, so a build cannot ship without it. */
export function noticesText(dirs, productName) {
  const pkgs = dirs
    .map((dir) => ({ dir, pkg: JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) }))
    .sort((a, b) => (a.pkg.name < b.pkg.name ? -1 : a.pkg.name > b.pkg.name ? 1 : 0));
  const seen = new Set();
  const parts = [
    `${productName} bundles the following third-party packages into its JavaScript files.`,
    'Their licences and notices follow, as their authors wrote them.',
  ];
  for (const { dir, pkg } of pkgs) {
    const key = `${pkg.name}@${pkg.version}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const text = licenceTexts(dir);
    const licence = typeof pkg.license === 'string' ? pkg.license : pkg.license?.type;
    if (!licence && !text) throw new Error(`${key} (${dir}) declares no licence and ships no licence file`);
    const home = typeof pkg.repository === 'string' ? pkg.repository : (pkg.repository?.url ?? pkg.homepage ?? '');
    parts.push(
      [
        '-'.repeat(78),
        `${key}`,
        `License: ${licence ?? 'see below'}`,
        ...(home ? [`Source: ${home}`] : []),
        '',
        text || `(no licence file in the package; its package.json declares ${licence})`,
      ].join('\n'),
    );
  }
  return `${parts.join('\n\n')}\n`;
}

/** Writes the notices of the packages the metafiles list into the repository's root. */
export function writeNotices(metafiles, root = process.cwd()) {
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  const file = join(root, NOTICES_FILE);
  writeFileSync(file, noticesText(bundledPackages(metafiles, root), pkg.name));
  return existsSync(file) ? file : undefined;
}
