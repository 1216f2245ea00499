/** Restricted Mode: an untrusted workspace is linted with the built-in defaults until the client says it is trusted. */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { PublishDiagnosticsParams } from 'vscode-languageserver-protocol';
import { LspClient, SERVER, ensureBuilt } from '../harness/lsp-client';

// The configuration turns two rules off and names a var file that makes the volume unencrypted.
const CONFIG = 'rules:\n  non-eu-region: off\n  extraterritorial-provider: off\nterraform:\n  varFiles: [prod.tfvars]\n';
const MAIN = `provider "aws" {
  region = "us-east-1"
}

variable "encrypted" {}

resource "aws_ebs_volume" "data" {
  availability_zone = "us-east-1a"
  size              = 10
  encrypted         = var.encrypted
}
`;

const codes = (p: PublishDiagnosticsParams): string[] => p.diagnostics.map((d) => String(d.code)).sort();
const configKinds = (client: LspClient): string[] => client.statuses.map((s) => (s as { config: { kind: string } }).config.kind);

describe('workspace trust (Restricted Mode)', function () {
  this.timeout(30000);
  let dir: string;
  let client: LspClient | undefined;

  before(() => {
    ensureBuilt();
    dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'snclint-trust-')));
    fs.writeFileSync(path.join(dir, '.snclint.yml'), CONFIG);
    fs.writeFileSync(path.join(dir, 'prod.tfvars'), 'encrypted = false\n');
    fs.writeFileSync(path.join(dir, 'main.tf'), MAIN);
  });

  afterEach(async () => {
    await client?.stop();
    client = undefined;
  });

  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  async function start(initializationOptions: unknown): Promise<LspClient> {
    const c = LspClient.start(SERVER);
    await c.initialize(
      { textDocument: { publishDiagnostics: { versionSupport: true } } },
      { initializationOptions, workspaceFolders: [{ uri: pathToFileURL(dir).href, name: 'repo' }] },
    );
    return c;
  }

  it('untrusted: the configuration and its var files are not read, the scan is refused, the status says so; trusted later: they apply', async () => {
    client = await start({ settings: { scanWorkspace: true }, trusted: false });
    const uri = pathToFileURL(path.join(dir, 'main.tf')).href;
    await client.open(uri, 'terraform', MAIN);
    // Built-in defaults: both rules are on; the volume's variable is unknown, so nothing is said of it.
    assert.deepEqual(codes(await client.diagnostics(uri, 1)), ['extraterritorial-provider', 'non-eu-region', 'non-eu-region']);
    await assert.rejects(
      client.connection.sendRequest('snclint/scanWorkspace'),
      (e: { code: number; message: string }) => e.code === -32803 && /Restricted Mode/.test(e.message),
    );
    const folder = path.basename(dir);
    assert.ok(
      !client.published.some((p) => p.uri.includes(`${folder}/prod.tfvars`) || p.uri.endsWith('.snclint.yml')),
      'no workspace scan',
    );
    await waitFor(() => configKinds(client!).includes('restricted'));
    assert.ok(!configKinds(client).includes('file'));

    await client.connection.sendNotification('snclint/workspaceTrusted');
    // The repository's configuration now applies: the two rules off, the var file read.
    const after = await client.latest(uri, (p) => codes(p).join() === 'unencrypted-volume', 10000);
    assert.match(String(after.diagnostics[0]!.message), /aws_ebs_volume\.data/);
    await waitFor(() => configKinds(client!).at(-1) === 'file');
    assert.ok(client.logs.some((l) => /The workspace is trusted/.test(l)));
    const scan: { files: number } = await client.connection.sendRequest('snclint/scanWorkspace');
    assert.ok(scan.files >= 1);
  });

  it('trusted from the start (or when the option is absent): the configuration applies', async () => {
    for (const options of [{ trusted: true }, {}]) {
      client = await start(options);
      const uri = pathToFileURL(path.join(dir, 'main.tf')).href;
      await client.open(uri, 'terraform', MAIN);
      assert.deepEqual(codes(await client.diagnostics(uri, 1)), ['unencrypted-volume']);
      await client.stop();
      client = undefined;
    }
  });
});

describe('the extension manifest', () => {
  it('declares limited support of untrusted workspaces, with a description in English and French', () => {
    const root = path.resolve(__dirname, '../..');
    const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as {
      capabilities: { untrustedWorkspaces: { supported: unknown; description: string } };
    };
    assert.equal(manifest.capabilities.untrustedWorkspaces.supported, 'limited');
    const key = /^%(.+)%$/.exec(manifest.capabilities.untrustedWorkspaces.description)?.[1];
    assert.ok(key);
    for (const nls of ['package.nls.json', 'package.nls.fr.json']) {
      const text = (JSON.parse(fs.readFileSync(path.join(root, nls), 'utf8')) as Record<string, string>)[key];
      assert.match(String(text), /\.snclint\.yml/, nls);
    }
  });
});

async function waitFor(condition: () => boolean, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
