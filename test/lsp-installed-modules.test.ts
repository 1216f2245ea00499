/** The language server reads what init installed for the open module, and OpenTofu's precedence of .tofu over .tf. */
import { strict as assert } from 'node:assert';
import { mkdirSync, mkdtempSync, realpathSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import { LspClient, SERVER, ensureBuilt } from './harness/lsp-client';

const capabilities = {
  textDocument: { publishDiagnostics: { relatedInformation: true, versionSupport: true } },
  workspace: { workspaceFolders: true },
};
const CALL = 'module "disk" {\n  source    = "acme/disk/aws"\n  version   = "~> 1.0"\n  encrypted = false\n}\n';
const VOLUME =
  'variable "encrypted" {\n  default = true\n}\n\nresource "aws_ebs_volume" "v" {\n  availability_zone = "eu-west-3a"\n  size              = 10\n  encrypted         = var.encrypted\n}\n';
const MANIFEST = (version: string): string =>
  JSON.stringify({
    Modules: [
      { Key: '', Source: '', Dir: '.' },
      { Key: 'disk', Source: 'registry.terraform.io/acme/disk/aws', Version: version, Dir: '.terraform/modules/disk' },
    ],
  });
const BUCKET = (region: string): string => `resource "aws_s3_bucket" "b" {\n  bucket = "b"\n  region = "${region}"\n}\n`;

const of = (ds: readonly Diagnostic[], code: string): Diagnostic[] => ds.filter((d) => d.code === code);

describe('language server: installed modules and OpenTofu files', () => {
  let client: LspClient;
  let dir: string;
  const write = (name: string, text: string): void => {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), text);
  };
  const uri = (name: string): string => pathToFileURL(join(dir, name)).href;

  before(async function () {
    this.timeout(60000);
    ensureBuilt();
    dir = realpathSync(mkdtempSync(join(tmpdir(), 'snclint-lsp-installed-')));
    write('root/.terraform/modules/modules.json', MANIFEST('1.4.0'));
    write('root/.terraform/modules/disk/main.tf', VOLUME);
    write('tofu/main.tf', BUCKET('us-east-1'));
    write('tofu/main.tofu', BUCKET('eu-west-3'));
    client = LspClient.start(SERVER);
    await client.initialize(capabilities, { workspaceFolders: [{ uri: pathToFileURL(dir).href, name: 'w' }] });
  });

  after(async () => {
    await client?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('shows at the registry call of the open root module what the installed module does with its inputs', async () => {
    const u = uri('root/main.tf');
    write('root/main.tf', CALL);
    await client.open(u, 'terraform', CALL);
    const ds = (await client.diagnostics(u, 1)).diagnostics;
    const [volume] = of(ds, 'unencrypted-volume');
    assert.ok(volume, JSON.stringify(ds));
    assert.equal(
      volume.message,
      'module.disk (registry.terraform.io/acme/disk/aws 1.4.0): aws_ebs_volume.v is not encrypted: encrypted is false.',
    );
    assert.deepEqual([volume.range.start.line, volume.range.start.character], [3, 14]);
    assert.deepEqual(
      volume.relatedInformation?.map((r) => [r.location.uri, r.location.range.start.line]),
      [[uri('root/.terraform/modules/disk/main.tf'), 7]],
    );
    assert.deepEqual(of(ds, 'module-not-installed'), []);
  });

  it('reads the manifest again when init rewrites it', async () => {
    const u = uri('root/main.tf');
    write('root/.terraform/modules/modules.json', MANIFEST('2.0.0'));
    utimesSync(join(dir, 'root/.terraform/modules/modules.json'), new Date(), new Date(Date.now() + 5000));
    const version = await client.change(u, CALL.replace('encrypted = false', 'encrypted = false '));
    const ds = (await client.diagnostics(u, version)).diagnostics;
    assert.deepEqual(
      of(ds, 'module-not-installed').map((d) => [String(d.message).split(':')[0], d.range.start.line]),
      [['module.disk asks for version ~> 1.0, but 2.0.0 is installed (.terraform/modules/modules.json)', 2]],
    );
  });

  it('says nothing of uninstalled calls in a module whose callers it does not read, and says it in an initialised folder', async () => {
    const child = uri('modules/app/main.tf');
    await client.open(child, 'terraform', 'module "vpc" {\n  source = "acme/vpc/aws"\n}\n');
    assert.deepEqual(of((await client.diagnostics(child, 1)).diagnostics, 'module-not-installed'), []);
    const u = uri('root/main.tf');
    const version = await client.change(u, `${CALL}\nmodule "vpc" {\n  source = "acme/vpc/aws"\n}\n`);
    const ds = of((await client.diagnostics(u, version)).diagnostics, 'module-not-installed');
    assert.deepEqual(ds.map((d) => [String(d.message).split(':')[0], d.range.start.line]).sort(), [
      ['1 module call with a non-local source (module.vpc) is not followed', 6],
      ['module.disk asks for version ~> 1.0, but 2.0.0 is installed (.terraform/modules/modules.json)', 2],
    ]);
  });

  it('lints .tofu files, and says nothing on x.tf where x.tofu beside it takes its place', async () => {
    const tofu = uri('tofu/main.tofu');
    await client.open(tofu, 'terraform', BUCKET('us-west-2'));
    assert.deepEqual(
      of((await client.diagnostics(tofu, 1)).diagnostics, 'non-eu-region').map((d) => d.range.start.line),
      [2],
    );
    const tf = uri('tofu/main.tf');
    await client.open(tf, 'terraform', BUCKET('us-east-1'));
    assert.deepEqual((await client.diagnostics(tf, 1)).diagnostics, []);
  });
});
