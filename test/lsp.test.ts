import { strict as assert } from 'node:assert';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { CodeAction, Command, Diagnostic, InitializeResult } from 'vscode-languageserver-protocol';
import { ruleById } from '../rules';
import { LspClient, applyWorkspaceEdit, delay, ensureBuilt } from './harness/lsp-client';

const ROOT = resolve(__dirname, '..');
const SERVER = join(ROOT, 'server/out/server.js');
const uri = (name: string): string => pathToFileURL(join(ROOT, 'test/fixtures/lsp', name)).href;

const TERRAFORM = 'provider "aws" {\n  region = "us-east-1"\n}\n\nresource "aws_ebs_volume" "v" {\n  size = 10\n}\n';
const POD =
  'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  nodeSelector:\n    topology.kubernetes.io/region: us-east-1\n  containers:\n    - name: web\n      image: nginx\n';
const BROKEN = 'resource "aws_s3_bucket" "b" {\n  bucket = \n}\n\nprovider "aws" {\n  region = "us-east-1"\n}\n';

function textAt(text: string, d: Diagnostic): string {
  const lines = text.split('\n');
  assert.equal(d.range.start.line, d.range.end.line, 'single-line range');
  return (lines[d.range.start.line] ?? '').slice(d.range.start.character, d.range.end.character);
}

function byCode(ds: readonly Diagnostic[], code: string): Diagnostic[] {
  return ds.filter((d) => d.code === code);
}

function isCodeAction(a: CodeAction | Command): a is CodeAction {
  return typeof a.command !== 'string';
}

const pushCapabilities = {
  textDocument: { publishDiagnostics: { relatedInformation: true, versionSupport: true }, codeAction: { dynamicRegistration: false } },
  workspace: { workspaceEdit: { documentChanges: true } },
};

describe('language server (push diagnostics)', () => {
  let client: LspClient;
  let init: InitializeResult;

  before(async function () {
    this.timeout(60000);
    ensureBuilt();
    client = LspClient.start(SERVER);
    init = await client.initialize(pushCapabilities);
  });

  after(async () => {
    await client?.stop();
  });

  it('announces full sync with saves, quick fixes, fix-all, hovers, and no pull diagnostics', () => {
    assert.deepEqual(init.capabilities.textDocumentSync, { openClose: true, change: 1, save: { includeText: false } });
    assert.deepEqual(init.capabilities.codeActionProvider, { codeActionKinds: ['quickfix', 'source.fixAll.snclint'] });
    assert.equal(init.capabilities.hoverProvider, true);
    assert.equal(init.capabilities.diagnosticProvider, undefined);
  });

  it('publishes Terraform diagnostics on open, with code, source, range and version', async () => {
    assert.ok(ruleById('non-eu-region'), 'rule non-eu-region is registered');
    await client.open(uri('main.tf'), 'terraform', TERRAFORM);
    const p = await client.diagnostics(uri('main.tf'), 1);
    const [region, ...others] = byCode(p.diagnostics, 'non-eu-region');
    assert.ok(region, JSON.stringify(p.diagnostics));
    assert.equal(others.length, 0);
    assert.equal(region.source, 'snclint');
    assert.deepEqual(region.range, { start: { line: 1, character: 11 }, end: { line: 1, character: 22 } });
    assert.equal(textAt(TERRAFORM, region), '"us-east-1"');
    assert.ok(region.severity !== undefined && region.severity >= 1 && region.severity <= 3);
    assert.match(typeof region.message === 'string' ? region.message : region.message.value, /us-east-1/);
  });

  it('reports an unencrypted volume on its header line', async function () {
    if (!ruleById('unencrypted-volume')) this.skip();
    const p = await client.diagnostics(uri('main.tf'), 1);
    const [volume] = byCode(p.diagnostics, 'unencrypted-volume');
    assert.ok(volume, JSON.stringify(p.diagnostics));
    assert.equal(volume.range.start.line, 4);
    assert.equal(volume.source, 'snclint');
  });

  it("evaluates variables declared in the module's other files on disk, as the CLI does", async () => {
    const u = pathToFileURL(join(ROOT, 'test/fixtures/lsp-module/main.tf')).href;
    const text = 'provider "aws" {\n  region = var.region\n}\n';
    await client.open(u, 'terraform', text);
    const p = await client.diagnostics(u, 1);
    const [region] = byCode(p.diagnostics, 'non-eu-region');
    assert.ok(region, JSON.stringify(p.diagnostics));
    assert.equal(textAt(text, region), 'var.region');
  });

  it('reads the local modules a file calls, and reports a finding caused by an input at the call', async () => {
    const u = pathToFileURL(join(ROOT, 'test/fixtures/lsp-calls/main.tf')).href;
    const text = 'module "store" {\n  source = "./modules/store"\n  region = "ap-south-1"\n}\n';
    await client.open(u, 'terraform', text);
    const p = await client.diagnostics(u, 1);
    const [region] = byCode(p.diagnostics, 'non-eu-region');
    assert.ok(region, JSON.stringify(p.diagnostics));
    assert.equal(textAt(text, region), '"ap-south-1"');
    assert.match(String(region.message), /^module\.store: aws_s3_bucket\.data uses region ap-south-1/);
    assert.match(region.relatedInformation?.[0]?.location.uri ?? '', /lsp-calls\/modules\/store\/main\.tf$/);
  });

  it('publishes Kubernetes diagnostics on open', async () => {
    await client.open(uri('pod.yaml'), 'yaml', POD);
    const p = await client.diagnostics(uri('pod.yaml'), 1);
    const [region] = byCode(p.diagnostics, 'non-eu-region');
    assert.ok(region, JSON.stringify(p.diagnostics));
    assert.equal(region.source, 'snclint');
    assert.equal(region.range.start.line, 6);
    assert.equal(textAt(POD, region), 'us-east-1');
  });

  it('publishes empty diagnostics for files it does not read', async () => {
    await client.open(uri('notes.md'), 'markdown', 'region = "us-east-1"\n');
    const p = await client.diagnostics(uri('notes.md'), 1);
    assert.deepEqual(p.diagnostics, []);
    await delay(200);
    assert.equal(client.published.filter((x) => x.uri === uri('notes.md')).length, 1, 'opening publishes once');
  });

  it('re-lints each change once the typing stops, for the latest version', async () => {
    const u = uri('change.tf');
    await client.open(u, 'terraform', TERRAFORM);
    await client.diagnostics(u, 1);
    await client.change(u, TERRAFORM.replace('us-east-1', 'us-west-1'));
    const last = await client.change(u, TERRAFORM.replace('us-east-1', 'eu-west-3'));
    const p = await client.diagnostics(u, last);
    assert.deepEqual(byCode(p.diagnostics, 'non-eu-region'), []);
    const v4 = await client.change(u, TERRAFORM.replace('us-east-1', 'ap-south-1'));
    const again = await client.diagnostics(u, v4);
    const [region] = byCode(again.diagnostics, 'non-eu-region');
    assert.ok(region);
    assert.equal(textAt(client.document(u).text, region), '"ap-south-1"');
  });

  it('offers a quick fix whose edit removes the diagnostic', async () => {
    const u = uri('fix.tf');
    await client.open(u, 'terraform', TERRAFORM);
    const p = await client.diagnostics(u, 1);
    const [region] = byCode(p.diagnostics, 'non-eu-region');
    assert.ok(region);
    const actions = (await client.codeActions(u, region.range, [region])).filter(isCodeAction);
    const fix = actions.find((a) => a.kind === 'quickfix' && a.diagnostics?.[0]?.code === 'non-eu-region');
    assert.ok(fix?.edit, JSON.stringify(actions));
    assert.match(fix.title, /eu-west-3/);
    assert.equal(fix.isPreferred, true);
    const doc = client.document(u);
    const fixed = applyWorkspaceEdit(u, doc.text, doc.version, fix.edit);
    assert.equal(fixed, TERRAFORM.replace('us-east-1', 'eu-west-3'));
    const v2 = await client.change(u, fixed);
    const after = await client.diagnostics(u, v2);
    assert.deepEqual(byCode(after.diagnostics, 'non-eu-region'), []);
  });

  it('inserts encrypted = true for an unencrypted volume', async function () {
    if (!ruleById('unencrypted-volume')) this.skip();
    const u = uri('volume.tf');
    await client.open(u, 'terraform', TERRAFORM);
    const p = await client.diagnostics(u, 1);
    const [volume] = byCode(p.diagnostics, 'unencrypted-volume');
    assert.ok(volume);
    const fix = (await client.codeActions(u, volume.range, [volume])).filter(isCodeAction).find((a) => a.kind === 'quickfix');
    assert.ok(fix?.edit);
    const doc = client.document(u);
    const fixed = applyWorkspaceEdit(u, doc.text, doc.version, fix.edit);
    assert.match(fixed, /encrypted\s*=\s*true/);
    const after = await client.diagnostics(u, await client.change(u, fixed));
    assert.deepEqual(byCode(after.diagnostics, 'unencrypted-volume'), []);
  });

  it('never offers a fix computed for another version of the document', async () => {
    const u = uri('stale.tf');
    await client.open(u, 'terraform', TERRAFORM);
    const [old] = byCode((await client.diagnostics(u, 1)).diagnostics, 'non-eu-region');
    assert.ok(old);
    // The code action request arrives before the debounced lint of the shifted text has run.
    await client.change(u, `# moved down\n${TERRAFORM}`);
    const actions = await client.codeActions(u, old.range, [old]);
    assert.deepEqual(actions, []);
    const [moved] = byCode((await client.diagnostics(u, 2)).diagnostics, 'non-eu-region');
    assert.ok(moved);
    const fix = (await client.codeActions(u, moved.range, [moved])).filter(isCodeAction)[0];
    assert.ok(fix?.edit?.documentChanges);
    const doc = client.document(u);
    assert.equal(applyWorkspaceEdit(u, doc.text, doc.version, fix.edit), `# moved down\n${TERRAFORM.replace('us-east-1', 'eu-west-3')}`);
  });

  it('returns no quick fix when only other kinds are asked for, or for diagnostics of others', async () => {
    const u = uri('fix.tf');
    const [region] = byCode((await client.diagnostics(u, 1)).diagnostics, 'non-eu-region');
    assert.ok(region);
    assert.deepEqual(await client.codeActions(u, region.range, [region], ['refactor']), []);
    assert.deepEqual(await client.codeActions(u, region.range, [{ ...region, source: 'tflint' }]), []);
  });

  it('reports syntax errors and still lints the readable parts of a broken file', async () => {
    const u = uri('broken.tf');
    await client.open(u, 'terraform', BROKEN);
    const p = await client.diagnostics(u, 1);
    const [syntax] = byCode(p.diagnostics, 'syntax');
    assert.ok(syntax, JSON.stringify(p.diagnostics));
    assert.equal(syntax.severity, 1);
    assert.equal(syntax.source, 'snclint');
    assert.equal(syntax.range.start.line, 1);
    const [region] = byCode(p.diagnostics, 'non-eu-region');
    assert.ok(region, 'the provider after the error is still checked');
    assert.equal(textAt(BROKEN, region), '"us-east-1"');
  });

  it('keeps answering after odd input, and clears diagnostics on close', async () => {
    const u = uri('odd.tf');
    await client.open(u, 'terraform', `${'{'.repeat(5000)}\u0000"\${`);
    await client.diagnostics(u, 1);
    await client.open(uri('odd.yaml'), 'yaml', '- &a [*a\n: : {\n');
    await client.diagnostics(uri('odd.yaml'), 1);
    await client.close(u);
    await delay(200);
    const last = client.published.filter((x) => x.uri === u).at(-1);
    assert.deepEqual(last?.diagnostics, []);
    const v2 = await client.change(uri('fix.tf'), TERRAFORM);
    assert.ok((await client.diagnostics(uri('fix.tf'), v2)).diagnostics.length > 0);
    assert.ok(client.alive);
  });
});

describe('language server (pull diagnostics)', () => {
  let client: LspClient;
  let init: InitializeResult;

  before(async function () {
    this.timeout(60000);
    ensureBuilt();
    client = LspClient.start(SERVER);
    init = await client.initialize({
      textDocument: { diagnostic: { dynamicRegistration: false, relatedDocumentSupport: false } },
      workspace: { diagnostics: { refreshSupport: true } },
    });
  });

  after(async () => {
    await client?.stop();
  });

  it("announces a diagnostic provider with inter-file dependencies (a module's files) and no workspace diagnostics", () => {
    const provider = init.capabilities.diagnosticProvider;
    assert.ok(provider && 'interFileDependencies' in provider);
    assert.equal(provider.interFileDependencies, true);
    assert.equal(provider.workspaceDiagnostics, false);
  });

  it('answers textDocument/diagnostic and does not push', async () => {
    const u = uri('pull.tf');
    await client.open(u, 'terraform', TERRAFORM);
    const report = await client.pull(u);
    assert.equal(report.kind, 'full');
    assert.ok(report.kind === 'full');
    const [region] = byCode(report.items, 'non-eu-region');
    assert.ok(region);
    assert.equal(region.source, 'snclint');
    assert.equal(textAt(TERRAFORM, region), '"us-east-1"');
    const same = await client.pull(u, report.resultId);
    assert.deepEqual(same, { kind: 'unchanged', resultId: report.resultId });
    await client.change(u, TERRAFORM.replace('us-east-1', 'eu-west-3'));
    const changed = await client.pull(u, report.resultId);
    assert.ok(changed.kind === 'full');
    assert.deepEqual(byCode(changed.items, 'non-eu-region'), []);
    await delay(300);
    assert.deepEqual(client.published, []);
  });

  it('serves quick fixes for pulled diagnostics', async () => {
    const u = uri('pull-fix.tf');
    await client.open(u, 'terraform', TERRAFORM);
    const report = await client.pull(u);
    assert.ok(report.kind === 'full');
    const [region] = byCode(report.items, 'non-eu-region');
    assert.ok(region);
    const fix = (await client.codeActions(u, region.range, [region])).filter(isCodeAction)[0];
    assert.ok(fix?.edit?.changes, 'plain changes for a client without documentChanges');
    const doc = client.document(u);
    assert.equal(applyWorkspaceEdit(u, doc.text, doc.version, fix.edit), TERRAFORM.replace('us-east-1', 'eu-west-3'));
  });

  it('asks the client to pull again when the configuration changes', async () => {
    // Edits of a module's files ask for refreshes too: count from here.
    await delay(100);
    const before = client.refreshRequests;
    await client.changeConfiguration();
    for (let i = 0; i < 50 && client.refreshRequests === before; i++) await delay(20);
    assert.equal(client.refreshRequests, before + 1);
  });
});
