/** The workspace loader both hosts share: skip rules, ignore files, links, folder listings, module files and the names of languages. */
import { CONFIG_VOCABULARY } from '../rules/vocabulary';
import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Temps } from './harness/cli';
import { SourceFile, isTerraformPath, isTerraformVarsJson, manifestLanguageOf } from '../server/src/engine/source';
import { ConfigLoader, readConfigFile } from '../server/src/config/loader';
import { Project } from '../server/src/workspace/confine';
import { coveredBy, folderFiles, lintableFolders } from '../server/src/workspace/folders';
import { FolderListings } from '../server/src/workspace/listings';
import { InstalledModuleReader } from '../server/src/workspace/installed-modules';
import { moduleContext, moduleSiblings } from '../server/src/workspace/module-files';
import { collectFiles } from '../server/src/workspace/walk';

const GIT = { '.git/HEAD': 'ref: refs/heads/main\n' };
const TF = 'resource "aws_ebs_volume" "v" {\n  size = 1\n}\n';

function relPaths(files: readonly SourceFile[], root: string): string[] {
  return files.map((f) => path.relative(root, f.path)).sort();
}

describe('workspace loader', () => {
  const temps = new Temps();
  after(() => temps.cleanup());

  describe('names', () => {
    it('a .tfvars.json belongs to a Terraform module, a plain .json does not', () => {
      assert.equal(isTerraformVarsJson('env/PROD.TFVARS.JSON'), true);
      assert.equal(isTerraformPath('env/prod.tfvars.json'), true);
      assert.equal(isTerraformPath('main.tofu'), true);
      assert.equal(isTerraformPath('deploy.json'), false);
      assert.equal(isTerraformPath('values.yaml'), false);
    });

    it('a kustomization without extension is YAML, a name merely ending in the word is not', () => {
      assert.equal(manifestLanguageOf('overlays/dev/Kustomization'), 'yaml');
      assert.equal(manifestLanguageOf('Kustomization'), 'yaml');
      assert.equal(manifestLanguageOf('overlays/NotKustomization'), undefined);
      assert.equal(manifestLanguageOf('base/deploy.json'), 'json');
      assert.equal(manifestLanguageOf('main.tf'), undefined);
    });
  });

  describe('the walk', () => {
    it('matches .gitignore rules of the folder and of those above, negations and folder patterns included', () => {
      const repo = temps.make({
        ...GIT,
        '.gitignore': 'build/\n*.auto.tfvars\n!keep.auto.tfvars\n',
        'main.tf': TF,
        'a.auto.tfvars': 'x = 1\n',
        'keep.auto.tfvars': 'x = 1\n',
        'build/main.tf': TF,
        'mod/.gitignore': 'generated.tf\n',
        'mod/generated.tf': TF,
        'mod/main.tf': TF,
        'mod/deep/generated.tf': TF,
      });
      const c = collectFiles([repo]);
      assert.deepEqual(relPaths(c.files, repo), ['keep.auto.tfvars', 'main.tf', 'mod/main.tf']);
    });

    it('walks a folder once through a link looping back up the tree, and records each folder it lists', () => {
      const repo = temps.make({ ...GIT, 'a/main.tf': TF });
      fs.symlinkSync(path.join(repo, 'a'), path.join(repo, 'a', 'again'));
      const listings = new FolderListings();
      const c = collectFiles([repo], { project: Project.of([repo]), listings });
      assert.deepEqual(relPaths(c.files, repo), ['a/main.tf']);
      assert.deepEqual(c.errors, []);
      assert.equal(listings.has(path.join(repo, 'a'), 'main.tf'), true);
      assert.equal(listings.has(repo, '.git'), true, 'hidden entries are recorded, though never walked');
      assert.equal(listings.has(repo, '.snclint.yml'), false);
      assert.equal(listings.has(path.join(repo, 'elsewhere'), 'main.tf'), undefined);
    });

    it('skips dependency, VCS and provider-cache folders', () => {
      const repo = temps.make({
        ...GIT,
        'main.tf': TF,
        'node_modules/x/main.tf': TF,
        '.terraform/providers/main.tf': TF,
        '.hidden/main.tf': TF,
      });
      assert.deepEqual(relPaths(collectFiles([repo]).files, repo), ['main.tf']);
    });
  });

  describe('folder listings', () => {
    it('answer "no such file" for a listed folder without the name, and leave every other question to the reader', () => {
      const listings = new FolderListings();
      listings.record('/r/a', ['main.tf', '.snclint.yml']);
      const asked: string[] = [];
      const read = listings.reader((file: string) => {
        asked.push(file);
        return 'text';
      });
      assert.equal(read('/r/a/.snclint.yaml'), undefined);
      assert.equal(read('/r/a/.snclint.yml'), 'text');
      assert.equal(read('/r/b/.snclint.yml'), 'text');
      assert.equal(read('/r/a/.SNCLINT.YML'), 'text', 'a case-insensitive file system may open it: the reader decides');
      assert.deepEqual(asked, ['/r/a/.snclint.yml', '/r/b/.snclint.yml', '/r/a/.SNCLINT.YML']);
    });

    it('answer whether a folder is a repository root, and whether a root module has a manifest to read, from the walk', () => {
      const repo = temps.make({ ...GIT, 'main.tf': TF, '.terraform/modules/modules.json': '{"Modules":[]}\n', 'sub/main.tf': TF });
      const listings = new FolderListings();
      collectFiles([repo], { listings });
      assert.equal(listings.isRepositoryRoot(repo), true);
      assert.equal(listings.isRepositoryRoot(path.join(repo, 'sub')), false);
      const project = Project.of([repo]);
      const manifests = (l: FolderListings) =>
        new InstalledModuleReader()
          .read([repo, path.join(repo, 'sub')], project, { listings: l })
          .files.map((f) => path.relative(repo, f.path));
      assert.deepEqual(manifests(listings), ['.terraform/modules/modules.json']);
      const stale = new FolderListings();
      stale.record(repo, ['main.tf']);
      assert.deepEqual(manifests(stale), [], 'a listing without .terraform is taken at its word');
    });

    it('give configuration discovery the same answers as the disk', () => {
      const repo = temps.make({
        ...GIT,
        '.snclint.yml': 'rules:\n  unencrypted-volume: off\n',
        'infra/main.tf': TF,
        'infra/app/main.tf': TF,
      });
      const listings = new FolderListings();
      collectFiles([repo], { listings });
      for (const f of ['infra/main.tf', 'infra/app/main.tf']) {
        const viaListings = new ConfigLoader(listings.reader(readConfigFile), CONFIG_VOCABULARY, undefined, (d) =>
          listings.isRepositoryRoot(d),
        ).load(path.join(repo, f));
        const viaDisk = new ConfigLoader(readConfigFile, CONFIG_VOCABULARY).load(path.join(repo, f));
        assert.deepEqual(viaListings.sources, viaDisk.sources);
        assert.deepEqual(viaListings.settings, viaDisk.settings);
      }
    });
  });

  describe('configuration chains kept per folder', () => {
    it('report the nearest problems first and see a configuration created above once told', () => {
      const repo = temps.make({ ...GIT, 'a/.snclint.yml': 'rules: 3\n', 'a/b/.snclint.yml': 'nope: 1\n', 'a/b/c/main.tf': TF });
      const loader = new ConfigLoader(readConfigFile, CONFIG_VOCABULARY);
      const file = path.join(repo, 'a', 'b', 'c', 'main.tf');
      const files = loader.load(file).problems.map((p) => path.relative(repo, p.file));
      assert.deepEqual([...new Set(files)], ['a/b/.snclint.yml', 'a/.snclint.yml']);
      const clean = temps.make({ ...GIT, 'x/y/main.tf': TF });
      const later = new ConfigLoader(readConfigFile, CONFIG_VOCABULARY);
      const deep = path.join(clean, 'x', 'y', 'main.tf');
      assert.deepEqual(later.load(deep).sources, []);
      fs.writeFileSync(path.join(clean, 'x', '.snclint.yml'), 'rules:\n  unencrypted-volume: off\n');
      later.invalidate(path.join(clean, 'x', '.snclint.yml'));
      assert.deepEqual(later.load(deep).sources, [path.join(clean, 'x', '.snclint.yml')]);
    });
  });

  describe("the editor's folders", () => {
    it('covers a path in no hidden or dependency folder of a root', () => {
      assert.equal(coveredBy(['/r'], '/r/infra/main.tf'), true);
      assert.equal(coveredBy(['/r'], '/r/.terraform/modules/x/main.tf'), false);
      assert.equal(coveredBy(['/r'], '/r/node_modules/x/main.tf'), false);
      assert.equal(coveredBy(['/r'], '/elsewhere/main.tf'), false);
    });

    it("lists folders holding lintable files and reads a folder's regular files, never a FIFO or a link leaving the repository", () => {
      const outside = temps.make({ 'secret.tf': TF });
      const repo = temps.make({
        ...GIT,
        'main.tf': TF,
        'vars.auto.tfvars': 'x = 1\n',
        'node_modules/m/main.tf': TF,
        'docs/readme.md': '# x\n',
        'k8s/deploy.yaml': 'kind: Pod\n',
      });
      fs.symlinkSync(path.join(outside, 'secret.tf'), path.join(repo, 'leak.tf'));
      fs.symlinkSync(path.join(repo, 'main.tf'), path.join(repo, 'alias.tf'));
      execFileSync('mkfifo', [path.join(repo, 'pipe.tf')]);
      assert.deepEqual(
        lintableFolders([repo])
          .map((d) => path.relative(repo, d))
          .sort(),
        ['', 'k8s'],
      );
      const read = folderFiles(repo, { openText: (p) => (p === path.join(repo, 'main.tf') ? 'locals {}\n' : undefined) });
      assert.deepEqual(relPaths(read, repo), ['alias.tf', 'main.tf', 'vars.auto.tfvars']);
      assert.equal(read.find((f) => f.path.endsWith('main.tf'))!.text, 'locals {}\n', 'an open buffer wins over the disk');
    });
  });

  describe('module files', () => {
    it("reads a module's siblings and called modules, but no sibling linking out of the project", () => {
      const outside = temps.make({ 'secret.tf': TF });
      const repo = temps.make({
        ...GIT,
        'main.tf': 'module "m" {\n  source = "./mod"\n}\n',
        'vars.tf': 'variable "x" {}\n',
        'mod/main.tf': TF,
        'notes.txt': 'x\n',
      });
      fs.symlinkSync(path.join(outside, 'secret.tf'), path.join(repo, 'leak.tf'));
      const file = new SourceFile(path.join(repo, 'main.tf'), 'module "m" {\n  source = "./mod"\n}\n', 'terraform');
      const read = moduleSiblings(file, () => undefined, [], Project.of([repo]));
      assert.deepEqual(relPaths(read, repo), ['mod/main.tf', 'vars.tf']);
    });

    it("gives a file named alone its module's other files, once, and none already in the run", () => {
      const repo = temps.make({ ...GIT, 'a.tf': TF, 'b.tf': 'variable "x" {}\n', 'c.tf': 'locals {}\n' });
      const a = new SourceFile(path.join(repo, 'a.tf'), TF, 'terraform');
      const b = new SourceFile(path.join(repo, 'b.tf'), 'variable "x" {}\n', 'terraform');
      const context = moduleContext(new Set([a.path, b.path]), [a, b], Project.of([repo]));
      assert.deepEqual(relPaths(context, repo), ['c.tf']);
    });
  });
});
