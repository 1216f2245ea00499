/** Modules installed by init, read from disk by the hosts: confinement, limits, caching, and the CLI on a realistic root module. */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { InstalledModuleReader, MAX_MANIFEST_BYTES, terraformFolders } from '../server/src/workspace/installed-modules';
import { Project } from '../server/src/workspace/confine';
import { SourceFile } from '../server/src/engine/source';
import { groupFiles } from '../server/src/lint/groups';
import { ROOT, cli, ensureBuilt } from './harness/cli';

const FIXTURE = path.join(ROOT, 'test/fixtures/installed-modules');
const VOLUME =
  'variable "encrypted" {\n  default = true\n}\n\nresource "aws_ebs_volume" "v" {\n  availability_zone = "eu-west-3a"\n  size              = 10\n  encrypted         = var.encrypted\n}\n';
const CALL = 'module "disk" {\n  source    = "acme/disk/aws"\n  encrypted = false\n}\n';
const manifest = (...entries: { Key: string; Source: string; Version?: string; Dir: string }[]): string =>
  JSON.stringify({ Modules: [{ Key: '', Source: '', Dir: '.' }, ...entries] });

/** A fresh folder with the given files. */
function tree(files: Readonly<Record<string, string>>): string {
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'snclint-installed-')));
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), text);
  }
  return dir;
}

describe('installed modules on disk', () => {
  const made: string[] = [];
  const make = (files: Readonly<Record<string, string>>): string => {
    const d = tree(files);
    made.push(d);
    return d;
  };
  after(() => {
    for (const d of made) fs.rmSync(d, { recursive: true, force: true });
  });

  it('reads the manifest and the Terraform files of each installed folder, local calls of the root excepted', () => {
    const root = make({
      'main.tf': CALL,
      'modules/own/main.tf': '',
      '.terraform/modules/modules.json': manifest(
        { Key: 'disk', Source: 'registry.terraform.io/acme/disk/aws', Version: '1.0.0', Dir: '.terraform/modules/disk' },
        { Key: 'disk.kms', Source: './modules/kms', Dir: '.terraform/modules/disk/modules/kms' },
        { Key: 'own', Source: './modules/own', Dir: 'modules/own' },
      ),
      '.terraform/modules/disk/main.tf': VOLUME,
      '.terraform/modules/disk/README.md': 'not read',
      '.terraform/modules/disk/override.tofu': '',
      '.terraform/modules/disk/modules/kms/main.tf.json': '{}',
    });
    const r = new InstalledModuleReader().read([root], Project.fromRoots([root]));
    assert.deepEqual(r.errors, []);
    assert.deepEqual(
      r.files.map((f) => [path.relative(root, f.path), f.language]),
      [
        ['.terraform/modules/modules.json', 'json'],
        ['.terraform/modules/disk/main.tf', 'terraform'],
        ['.terraform/modules/disk/override.tofu', 'terraform'],
        ['.terraform/modules/disk/modules/kms/main.tf.json', 'terraform-json'],
      ],
    );
  });

  it('refuses a Dir that resolves outside the project (.., absolute, symbolic link) and reads nothing there', () => {
    const outside = make({ 'secret/main.tf': VOLUME, 'other/main.tf': VOLUME, 'third/main.tf': VOLUME });
    const root = make({
      'main.tf': CALL,
      '.terraform/modules/modules.json': manifest(
        { Key: 'up', Source: 'acme/up/aws', Dir: `../${path.basename(outside)}/secret` },
        { Key: 'abs', Source: 'acme/abs/aws', Dir: path.join(outside, 'other') },
        { Key: 'link', Source: 'acme/link/aws', Dir: '.terraform/modules/link' },
      ),
    });
    fs.symlinkSync(path.join(outside, 'third'), path.join(root, '.terraform/modules/link'));
    const r = new InstalledModuleReader().read([root], Project.fromRoots([root]));
    assert.deepEqual(
      r.files.map((f) => path.relative(root, f.path)),
      ['.terraform/modules/modules.json'],
    );
    assert.deepEqual(
      r.errors.map((e) => [path.relative(root, e.file), e.kind]),
      [
        ['.terraform/modules/modules.json', 'skipped'],
        ['.terraform/modules/modules.json', 'skipped'],
        ['.terraform/modules/modules.json', 'skipped'],
      ],
    );
    assert.match(
      r.errors[0]!.message,
      /^The folder of module up \(acme\/up\/aws\), .*secret, was not read: it resolves outside the project/,
    );
    assert.match(
      r.errors[2]!.message,
      /^The folder of module link \(acme\/link\/aws\), .*\.terraform\/modules\/link, was not read: it resolves outside the project/,
    );
  });

  it('refuses a .terraform folder that is a link out of the project, and a manifest over the size limit', () => {
    const outside = make({ '.terraform/modules/modules.json': manifest() });
    const linked = make({ 'main.tf': CALL });
    fs.symlinkSync(path.join(outside, '.terraform'), path.join(linked, '.terraform'));
    const big = make({ 'main.tf': CALL, '.terraform/modules/modules.json': ' '.repeat(MAX_MANIFEST_BYTES + 1) });
    const reader = new InstalledModuleReader();
    const a = reader.read([linked], Project.fromRoots([linked]));
    assert.deepEqual(a.files, []);
    assert.match(a.errors[0]!.message, /modules\.json was not read: it resolves outside the project/);
    const b = reader.read([big], Project.fromRoots([big]));
    assert.deepEqual(b.files, []);
    assert.match(b.errors[0]!.message, /larger than the 1 MB limit/);
  });

  it('keeps a file read while its modification time and size do not change', () => {
    const root = make({
      'main.tf': CALL,
      '.terraform/modules/modules.json': manifest({ Key: 'disk', Source: 'acme/disk/aws', Dir: '.terraform/modules/disk' }),
      '.terraform/modules/disk/main.tf': VOLUME,
    });
    const reader = new InstalledModuleReader();
    const project = Project.fromRoots([root]);
    const first = reader.read([root], project).files;
    const again = reader.read([root], project).files;
    assert.ok(
      first.every((f, i) => f === again[i]),
      'the same objects, not read again',
    );
    const file = path.join(root, '.terraform/modules/disk/main.tf');
    fs.writeFileSync(file, VOLUME.replace('size              = 10', 'size              = 20'));
    fs.utimesSync(file, new Date(), new Date(Date.now() + 5000));
    const changed = reader.read([root], project).files.find((f) => f.path === file)!;
    assert.match(changed.text, /= 20/);
  });

  it("gives the folders of a run's Terraform files, never an installed one, and groups installed files with their root", () => {
    const files = [
      new SourceFile('a/main.tf', CALL, 'terraform'),
      new SourceFile('a/.terraform/modules/modules.json', '{}', 'json'),
      new SourceFile('a/.terraform/modules/disk/main.tf', VOLUME, 'terraform'),
      new SourceFile('b/main.tf', '', 'terraform'),
    ];
    assert.deepEqual(terraformFolders(files), ['a', 'b']);
    const groups = groupFiles(files, 1).map((g) => g.map((f) => f.path));
    assert.deepEqual(groups, [['a/main.tf', 'a/.terraform/modules/modules.json', 'a/.terraform/modules/disk/main.tf'], ['b/main.tf']]);
  });
});

describe('CLI with installed modules', () => {
  before(ensureBuilt);

  it('reports at the registry call of a root module what the installed corpus module does with its inputs', () => {
    const r = cli(['--format', 'json', 'test/fixtures/installed-modules'], ROOT);
    const out = JSON.parse(r.stdout) as {
      findings: { file: string; line: number; column: number; ruleId: string; message: string }[];
      errors: unknown[];
    };
    assert.deepEqual(out.errors, []);
    assert.ok(
      out.findings.every((f) => f.file === 'test/fixtures/installed-modules/main.tf'),
      'nothing is reported in .terraform/',
    );
    const volume = out.findings.find((f) => f.ruleId === 'unencrypted-volume');
    assert.ok(volume, r.stdout);
    assert.deepEqual([volume.line, volume.column], [10, 15]);
    assert.equal(
      volume.message,
      'module.efs (registry.terraform.io/terraform-aws-modules/efs/aws 2.0.0): aws_efs_file_system.this is not encrypted: encrypted is false.',
    );
    assert.ok(!out.findings.some((f) => f.ruleId === 'module-not-installed'));
    assert.ok(fs.existsSync(path.join(FIXTURE, '.terraform/modules/efs/main.tf')));
  });

  it('reports a manifest that is not JSON as a file error, and the call as not installed', () => {
    const dir = tree({ 'main.tf': CALL, '.terraform/modules/modules.json': '{"Modules": [' });
    try {
      const r = cli(['--format', 'json', '.'], dir);
      const out = JSON.parse(r.stdout) as { findings: { ruleId: string }[]; errors: { file: string; kind: string; message: string }[] };
      assert.deepEqual(
        out.errors.map((e) => [e.file, e.kind]),
        [['.terraform/modules/modules.json', 'syntax']],
      );
      assert.deepEqual(
        out.findings.map((f) => f.ruleId),
        ['module-not-installed'],
      );
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
