/** Paths: the shortcut for paths already normal gives what the full normalisation gives. */
import { strict as assert } from 'node:assert';
import * as path from 'node:path';
import { isNormalPath, leavesFolder, relativeInside, resolvePath } from '../../server/src/engine/paths';
import { normalizePath } from '../../server/src/terraform/paths';
import { isWithin } from '../../server/src/workspace/confine';

const SEGMENTS = ['a', 'bc', '.', '..', '', '.hidden', '...', 'x.tf', '..a', 'a..'];

/** Every path of up to three segments, relative and absolute, with and without a trailing slash. */
function paths(): string[] {
  const out = new Set<string>(['', '/', '//', '.', '..', '/..', '/.']);
  const rec = (prefix: string[], depth: number): void => {
    if (prefix.length) {
      const joined = prefix.join('/');
      for (const p of [joined, `/${joined}`, `${joined}/`, `/${joined}/`]) out.add(p);
    }
    if (depth === 0) return;
    for (const s of SEGMENTS) rec([...prefix, s], depth - 1);
  };
  rec([], 3);
  return [...out];
}

/** What `normalizePath` means, from Node's own POSIX normalisation: no trailing slash. */
function expected(p: string): string {
  const n = path.posix.normalize(p);
  return n.length > 1 && n.endsWith('/') ? n.slice(0, -1) : n;
}

describe('paths', () => {
  const all = paths();

  it('normalises every shape as Node does, the shortcut taken or not', () => {
    let short = 0;
    for (const p of all) {
      assert.equal(normalizePath(p), expected(p), JSON.stringify(p));
      if (isNormalPath(p)) {
        short++;
        assert.equal(normalizePath(p), p, `${JSON.stringify(p)} is said to be normal`);
      }
    }
    assert.ok(short > 100 && short < all.length, 'both ways are exercised');
    assert.equal(normalizePath('a\\b\\..\\c'), 'a/c');
    assert.equal(isNormalPath('a\\b'), false);
  });

  it('resolves as path.resolve does', function () {
    if (path.sep !== '/') this.skip();
    for (const p of all) assert.equal(resolvePath(p), path.resolve(p), JSON.stringify(p));
  });

  it('tells whether a path is inside a folder as path.relative does', function () {
    if (path.sep !== '/') this.skip();
    const byRelative = (parent: string, child: string): boolean => {
      const rel = path.relative(parent, child);
      return rel === '' || (rel !== '..' && !rel.startsWith('../') && !path.isAbsolute(rel));
    };
    const absolute = all.filter((p) => p.startsWith('/')).slice(0, 400);
    for (const parent of absolute)
      for (const child of absolute) assert.equal(isWithin(parent, child), byRelative(parent, child), `${parent} ⊇ ${child}`);
    // A folder is not inside its longer namesake; one named `...` or `..x` is inside its parent.
    assert.equal(isWithin('/repo/a', '/repo/ab/x'), false);
    assert.equal(isWithin('/repo', '/repo/.../x'), true);
    assert.equal(isWithin('/repo', '/repo/..x'), true);
    assert.equal(isWithin('/repo', '/repo/../x'), false);
    assert.equal(isWithin('/repo/', '/repo/..x'), true);
    assert.equal(isWithin('/repo/a', '/repo/a/b'), true);
  });
  it('says a relative path leaves its folder only through a whole `..` segment', () => {
    for (const rel of ['..', '../x', `..${path.sep}x`]) assert.equal(leavesFolder(rel), true, rel);
    for (const rel of ['', 'x', '...', '..x', '.../x', 'x/..']) assert.equal(leavesFolder(rel), false, rel);
  });

  it('gives a path relative to a folder only when it lies inside it', () => {
    assert.equal(relativeInside('/repo', '/repo'), '');
    assert.equal(relativeInside('/repo', '/repo/..cache/x.tf'), path.join('..cache', 'x.tf'));
    assert.equal(relativeInside('/repo/a', '/repo/ab'), undefined);
    assert.equal(relativeInside('/repo', '/x'), undefined);
  });
});
