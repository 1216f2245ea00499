/**
 * The editor looks for the kustomizations of an open manifest a few folders up, never above the
 * repository's root: a folder holding `.git`, a folder or (a worktree, a submodule) a file.
 */
import { strict as assert } from 'node:assert';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SourceFile } from '../server/src/engine/source';
import { kustomizeFiles, searchRoot } from '../server/src/lsp/kustomize-files';

const DEPLOYMENT =
  'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: api\nspec:\n  template:\n    spec:\n      containers:\n        - name: api\n          image: api:1\n';

describe('kustomize files: the search root', () => {
  let top: string;
  const write = (name: string, text: string): void => {
    mkdirSync(join(top, name, '..'), { recursive: true });
    writeFileSync(join(top, name), text);
  };

  beforeEach(() => {
    top = mkdtempSync(join(tmpdir(), 'snclint-kfiles-'));
    // A kustomization above the repository reaches into it: it must never be read from inside.
    write('kustomization.yaml', 'resources:\n  - repo/app/deploy/deployment.yaml\n');
  });
  afterEach(() => rmSync(top, { recursive: true, force: true }));

  it('stops at a .git file, as a worktree or submodule has', () => {
    write('repo/.git', 'gitdir: /elsewhere/.git/worktrees/repo\n');
    write('repo/app/deploy/deployment.yaml', DEPLOYMENT);
    const file = join(top, 'repo/app/deploy/deployment.yaml');
    assert.equal(searchRoot(file), join(top, 'repo'));
    assert.deepEqual(
      kustomizeFiles(new SourceFile(file, DEPLOYMENT, 'yaml'), () => undefined),
      [],
    );
  });

  it('stops at a .git folder', () => {
    write('repo/.git/HEAD', 'ref: refs/heads/main\n');
    write('repo/app/deploy/deployment.yaml', DEPLOYMENT);
    assert.equal(searchRoot(join(top, 'repo/app/deploy/deployment.yaml')), join(top, 'repo'));
  });

  it('goes a few folders up outside a repository, and finds the kustomization there', () => {
    write('repo/app/deploy/deployment.yaml', DEPLOYMENT);
    const file = join(top, 'repo/app/deploy/deployment.yaml');
    assert.equal(searchRoot(file), top);
    assert.deepEqual(
      kustomizeFiles(new SourceFile(file, DEPLOYMENT, 'yaml'), () => undefined).map((f) => f.path),
      [join(top, 'kustomization.yaml')],
    );
  });
});
