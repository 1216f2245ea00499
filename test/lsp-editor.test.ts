import { strict as assert } from 'node:assert';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { CodeAction, Command, Diagnostic, MarkupContent } from 'vscode-languageserver-protocol';
import type { ScanResult, StatusParams } from '../server/src/protocol';
import { LspClient, SERVER, applyWorkspaceEdit, delay, ensureBuilt } from './harness/lsp-client';

const capabilities = {
  textDocument: {
    publishDiagnostics: { relatedInformation: true, versionSupport: true },
    codeAction: { dynamicRegistration: false },
    hover: {},
  },
  workspace: { workspaceEdit: { documentChanges: true }, workspaceFolders: true },
  window: { workDoneProgress: true },
};

const VOLUME = 'resource "aws_ebs_volume" "data" {\n  availability_zone = "eu-west-3a"\n  size              = 40\n}\n';
const PROVIDER = 'provider "aws" {\n  region = var.region\n}\n';
const VARIABLES = (region: string): string => `variable "region" {\n  default = "${region}"\n}\n`;
const DEPLOYMENT =
  'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: api\nspec:\n  template:\n    spec:\n      nodeSelector:\n        topology.kubernetes.io/region: us-east-1\n      containers:\n        - name: api\n          image: nginx\n';

const isAction = (a: CodeAction | Command): a is CodeAction => typeof a.command !== 'string';
/** The rules these fixtures are written for; other rules may report on them too and are left out of the checks. */
const TOPIC = new Set(['non-eu-region', 'unencrypted-volume', 'admin-without-mfa']);
const mine = (ds: readonly Diagnostic[]): Diagnostic[] => ds.filter((d) => TOPIC.has(String(d.code)));
const codes = (ds: readonly Diagnostic[]): string[] =>
  mine(ds)
    .map((d) => String(d.code))
    .sort();

/** The diagnostics of every file as last published, added up, as the status item should count them. */
function lastPublished(client: LspClient): Diagnostic[] {
  const last = new Map<string, Diagnostic[]>();
  for (const p of client.published) last.set(p.uri, p.diagnostics);
  return [...last.values()].flat();
}
const only = (ds: readonly Diagnostic[], code: string): Diagnostic => {
  const found = ds.filter((d) => d.code === code);
  assert.equal(found.length, 1, JSON.stringify(ds));
  return found[0]!;
};

/** A fresh folder with the given files, removed after the suite. */
function workspace(files: Readonly<Record<string, string>>): string {
  const dir = mkdtempSync(join(tmpdir(), 'snclint-lsp-'));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}

const fileUri = (dir: string, name: string): string => pathToFileURL(join(dir, name)).href;

describe('language server: code actions and hover', () => {
  let client: LspClient;
  let dir: string;

  before(async function () {
    this.timeout(60000);
    ensureBuilt();
    dir = workspace({});
    client = LspClient.start(SERVER);
    await client.initialize(capabilities);
  });

  after(async () => {
    await client?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('offers the rule fix first, marked preferred, then a suppression that puts the cursor after "-- "', async () => {
    const u = fileUri(dir, 'volume.tf');
    const text = `module "m" {\n  source = "./m"\n}\n\n${VOLUME.replace('resource', '  resource').replace(/\n(?=\S)/g, '\n')}`;
    await client.open(u, 'terraform', text);
    const d = only((await client.diagnostics(u, 1)).diagnostics, 'unencrypted-volume');
    const actions = (await client.codeActions(u, d.range, [d])).filter(isAction);
    assert.deepEqual(
      actions.map((a) => [a.title, a.kind, a.isPreferred === true]),
      [
        ['Set encrypted = true', 'quickfix', true],
        ['Suppress unencrypted-volume on this line', 'quickfix', false],
      ],
    );
    const suppress = actions[1]!;
    const doc = client.document(u);
    const suppressed = applyWorkspaceEdit(u, doc.text, doc.version, suppress.edit!);
    const lines = suppressed.split('\n');
    assert.equal(lines[4], '  # snclint:ignore unencrypted-volume -- ');
    assert.equal(lines[5], '  resource "aws_ebs_volume" "data" {');
    assert.deepEqual(suppress.command, {
      title: 'Place the cursor for the reason',
      command: 'snclint.placeCursor',
      arguments: [u, 4, lines[4]!.length],
    });
  });

  it('suppresses with a YAML comment indented like the line', async () => {
    const u = fileUri(dir, 'deployment.yaml');
    await client.open(u, 'yaml', DEPLOYMENT);
    const d = only((await client.diagnostics(u, 1)).diagnostics, 'non-eu-region');
    const suppress = (await client.codeActions(u, d.range, [d])).filter(isAction).find((a) => a.title.startsWith('Suppress'));
    assert.ok(suppress?.edit);
    const doc = client.document(u);
    const lines = applyWorkspaceEdit(u, doc.text, doc.version, suppress.edit).split('\n');
    assert.equal(lines[8], '        # snclint:ignore non-eu-region -- ');
    assert.equal(lines[9], '        topology.kubernetes.io/region: us-east-1');
  });

  it('suppresses a finding on a heredoc above the attribute, outside the string', async () => {
    const u = fileUri(dir, 'policy.tf');
    const text =
      'resource "aws_iam_policy" "admin" {\n  policy = <<EOF\n{\n  "Version": "2012-10-17",\n  "Statement": [{ "Effect": "Allow", "Action": "*", "Resource": "*" }]\n}\nEOF\n}\n';
    await client.open(u, 'terraform', text);
    const ds = (await client.diagnostics(u, 1)).diagnostics;
    const d = only(ds, 'admin-without-mfa');
    const suppress = (await client.codeActions(u, d.range, [d])).filter(isAction).find((a) => a.title.startsWith('Suppress'));
    assert.ok(suppress?.edit);
    const doc = client.document(u);
    const lines = applyWorkspaceEdit(u, doc.text, doc.version, suppress.edit).split('\n');
    assert.equal(lines[d.range.start.line], '  # snclint:ignore admin-without-mfa -- ');
    assert.equal(lines[d.range.start.line + 1], text.split('\n')[d.range.start.line]);
    assert.match(lines[d.range.start.line + 1]!, /^\s*policy = <<EOF$/);
  });

  it("applies only safe fixes in source.fixAll.snclint: none of the current rules' fixes is safe", async () => {
    const u = fileUri(dir, 'volume.tf');
    const doc = client.document(u);
    const end = { line: doc.text.split('\n').length, character: 0 };
    const range = { start: { line: 0, character: 0 }, end };
    assert.deepEqual(await client.codeActions(u, range, [], ['source.fixAll.snclint']), []);
    assert.deepEqual(await client.codeActions(u, range, [], ['source.fixAll']), []);
    // A request for quick fixes never returns fix-all.
    const published = client.published.filter((p) => p.uri === u).pop()!;
    const quick = (await client.codeActions(u, range, published.diagnostics, ['quickfix'])).filter(isAction);
    assert.ok(quick.length > 0 && quick.every((a) => a.kind === 'quickfix'));
  });

  it('explains a finding on hover: title, why, requirement titles, fix, example, documentation link', async () => {
    const u = fileUri(dir, 'volume.tf');
    const d = only(client.published.filter((p) => p.uri === u).pop()!.diagnostics, 'unencrypted-volume');
    const hover = await client.hover(u, d.range.start.line, d.range.start.character + 3);
    assert.ok(hover);
    assert.equal((hover.contents as MarkupContent).kind, 'markdown');
    // One part per finding under the cursor; other rules may report on the same header.
    const md = (hover.contents as MarkupContent).value.split('\n\n---\n\n').find((part) => part.includes('`unencrypted-volume`')) ?? '';
    assert.match(md, /^\*\*Encrypt block storage at rest\*\* \(snclint `unencrypted-volume`\)/);
    assert.match(md, /\*\*Why it matters\*\*: SecNumCloud 10\.1/);
    assert.match(md, /- \*\*10\.1\.a\*\*: Stored data encrypted/);
    assert.match(md, /Quick fix available: \*Set encrypted = true\*/);
    assert.match(md, /\*\*Good example\*\*/);
    assert.match(md, /\[Rule documentation\]\(file:\/\/.*\/rules\/docs\/unencrypted-volume\.md\)$/);
    assert.deepEqual(hover.range, d.range);
    assert.equal(await client.hover(u, 0, 0), null, 'no hover away from findings');
  });

  it('links each diagnostic to its rule page bundled beside the server', () => {
    const u = fileUri(dir, 'volume.tf');
    const d = only(client.published.filter((p) => p.uri === u).pop()!.diagnostics, 'unencrypted-volume');
    assert.match(d.codeDescription?.href ?? '', /^file:\/\/.*\/rules\/docs\/unencrypted-volume\.md$/);
  });
});

describe("language server: a Terraform module's files", () => {
  let client: LspClient;
  let dir: string;

  before(async function () {
    this.timeout(60000);
    ensureBuilt();
    dir = workspace({ 'main.tf': PROVIDER, 'variables.tf': VARIABLES('us-east-1') });
    client = LspClient.start(SERVER);
    await client.initialize(capabilities);
  });

  after(async () => {
    await client?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('re-lints main.tf when variables.tf changes in the editor, before it is saved', async () => {
    const main = fileUri(dir, 'main.tf');
    const vars = fileUri(dir, 'variables.tf');
    await client.open(main, 'terraform', PROVIDER);
    assert.deepEqual(codes((await client.diagnostics(main, 1)).diagnostics), ['non-eu-region']);
    await client.open(vars, 'terraform', VARIABLES('us-east-1'));
    await client.change(vars, VARIABLES('eu-west-3'));
    await client.latest(main, (p) => mine(p.diagnostics).length === 0);
    await client.change(vars, VARIABLES('ap-south-1'));
    const back = await client.latest(main, (p) => mine(p.diagnostics).length === 1);
    assert.match(String(mine(back.diagnostics)[0]!.message), /ap-south-1/);
  });

  it("goes back to the disk's version of a sibling closed without saving", async () => {
    const main = fileUri(dir, 'main.tf');
    await client.close(fileUri(dir, 'variables.tf'));
    const p = await client.latest(main, (x) => x.diagnostics.some((d) => String(d.message).includes('us-east-1')));
    assert.equal(mine(p.diagnostics).length, 1);
  });

  it('re-lints main.tf when a closed sibling changes on disk', async () => {
    const main = fileUri(dir, 'main.tf');
    writeFileSync(join(dir, 'variables.tf'), VARIABLES('eu-central-1'));
    await client.filesChanged([{ uri: fileUri(dir, 'variables.tf'), type: 2 }]);
    await client.latest(main, (p) => mine(p.diagnostics).length === 0);
    writeFileSync(join(dir, 'region.auto.tfvars'), 'region = "us-west-2"\n');
    await client.filesChanged([{ uri: fileUri(dir, 'region.auto.tfvars'), type: 1 }]);
    const p = await client.latest(main, (x) => mine(x.diagnostics).length === 1);
    assert.match(String(mine(p.diagnostics)[0]!.message), /us-west-2/);
  });
});

describe('language server: workspace scan', () => {
  let client: LspClient;
  let a: string;
  let b: string;

  before(async function () {
    this.timeout(60000);
    ensureBuilt();
    a = workspace({
      'infra/main.tf': PROVIDER,
      'infra/variables.tf': VARIABLES('us-east-1'),
      'infra/disk.tf': VOLUME,
      'node_modules/x/bad.tf': VOLUME,
      '.hidden/bad.tf': VOLUME,
    });
    b = workspace({ 'k8s/deployment.yaml': DEPLOYMENT, 'clean.tf': VOLUME.replace('size', 'encrypted = true\n  size') });
    client = LspClient.start(SERVER);
    await client.initialize(capabilities, {
      workspaceFolders: [
        { uri: pathToFileURL(a).href, name: 'a' },
        { uri: pathToFileURL(b).href, name: 'b' },
      ],
      initializationOptions: { settings: { run: 'onType', scanWorkspace: true } },
    });
  });

  after(async () => {
    await client?.stop();
    rmSync(a, { recursive: true, force: true });
    rmSync(b, { recursive: true, force: true });
  });

  it('lints every file of every workspace folder on start, skipping dependencies and hidden folders', async () => {
    const main = await client.latest(fileUri(a, 'infra/main.tf'), (p) => mine(p.diagnostics).length > 0);
    assert.deepEqual(codes(main.diagnostics), ['non-eu-region']);
    const disk = await client.latest(fileUri(a, 'infra/disk.tf'), (p) => mine(p.diagnostics).length > 0);
    assert.deepEqual(codes(disk.diagnostics), ['unencrypted-volume']);
    const deployment = await client.latest(fileUri(b, 'k8s/deployment.yaml'), (p) => mine(p.diagnostics).length > 0);
    assert.deepEqual(codes(deployment.diagnostics), ['non-eu-region']);
    await client.latest(fileUri(b, 'clean.tf'), (p) => mine(p.diagnostics).length === 0);
    assert.ok(!client.published.some((p) => p.uri.includes('node_modules') || p.uri.includes('.hidden')));
  });

  it('reports its figures for the status item', async () => {
    const expected = (): StatusParams => {
      const ds = lastPublished(client);
      const n = (severity: number): number => ds.filter((d) => d.severity === severity).length;
      return { files: 5, findings: ds.length, errors: n(1), warnings: n(2), infos: n(3), scanning: false, config: { kind: 'defaults' } };
    };
    const deadline = Date.now() + 5000;
    let last: StatusParams | undefined;
    while (Date.now() < deadline) {
      last = client.statuses[client.statuses.length - 1] as StatusParams | undefined;
      if (JSON.stringify(last) === JSON.stringify(expected())) break;
      await delay(20);
    }
    assert.deepEqual(last, expected());
    assert.ok(expected().errors >= 3, 'the three findings of the rules these files are written for');
  });

  it("updates a file's diagnostics when it changes on disk, and clears them when it is deleted", async () => {
    const deployment = fileUri(b, 'k8s/deployment.yaml');
    writeFileSync(join(b, 'k8s/deployment.yaml'), DEPLOYMENT.replace('us-east-1', 'eu-west-3'));
    await client.filesChanged([{ uri: deployment, type: 2 }]);
    await client.latest(deployment, (p) => mine(p.diagnostics).length === 0);
    writeFileSync(join(b, 'k8s/deployment.yaml'), DEPLOYMENT);
    await client.filesChanged([{ uri: deployment, type: 2 }]);
    await client.latest(deployment, (p) => mine(p.diagnostics).length === 1);
    rmSync(join(b, 'k8s/deployment.yaml'));
    await client.filesChanged([{ uri: deployment, type: 3 }]);
    await client.latest(deployment, (p) => p.diagnostics.length === 0);
  });

  it('ignores changes in dependency and hidden folders, as the scan does', async () => {
    writeFileSync(join(a, 'node_modules/x/bad.tf'), VOLUME.replace('40', '50'));
    writeFileSync(join(a, '.hidden/bad.tf'), VOLUME.replace('40', '50'));
    writeFileSync(join(a, 'infra/disk.tf'), VOLUME.replace('40', '50'));
    const before = client.published.length;
    await client.filesChanged([
      { uri: fileUri(a, 'node_modules/x/bad.tf'), type: 2 },
      { uri: fileUri(a, '.hidden/bad.tf'), type: 2 },
      { uri: fileUri(a, 'infra/disk.tf'), type: 2 },
    ]);
    // The change that counts is handled after the ones ignored, which would have been published by then.
    for (let i = 0; i < 250 && !client.published.slice(before).some((p) => p.uri === fileUri(a, 'infra/disk.tf')); i++) await delay(20);
    assert.ok(client.published.slice(before).some((p) => p.uri === fileUri(a, 'infra/disk.tf')));
    assert.ok(!client.published.some((p) => p.uri.includes('node_modules') || p.uri.includes('.hidden')));
  });

  it('answers the scan request with its totals', async () => {
    const result: ScanResult = await client.connection.sendRequest('snclint/scanWorkspace');
    assert.deepEqual(result, { files: 4, findings: lastPublished(client).length });
    assert.equal(mine(lastPublished(client)).length, 2);
  });

  it('writes the SecNumCloud coverage report of what it linted', async () => {
    const md: string = await client.connection.sendRequest('snclint/coverageReport');
    assert.match(md, /^# SecNumCloud coverage of the workspace/);
    assert.ok(md.includes(`Files scanned: **4** · Findings: **${lastPublished(client).length}**`), md);
    const withFindings = md.slice(md.indexOf('## Requirements with findings'), md.indexOf('## Requirements checked without findings'));
    assert.match(withFindings, /\| 10\.1\.a \| Stored data encrypted[^|]*\| [1-9]\d* \|[^|\n]*`unencrypted-volume`/);
    assert.match(withFindings, /\| 19\.2\.b \|[^|]*\| [1-9]\d* \|[^|\n]*`non-eu-region`/);
    const clean = md.slice(md.indexOf('## Requirements checked without findings'));
    assert.match(clean, /\| 10\.2\.c \|[^|]*\| 0 \|[^|\n]*`weak-tls`/);
    const rules = md.slice(md.indexOf('## Rules run'));
    assert.match(rules, /\| `unencrypted-volume` \| Encrypt block storage at rest \| 1 \|/);
  });

  it('gives the same HTML evidence report as the CLI, for what it linted', async () => {
    const html: string = await client.connection.sendRequest('snclint/htmlReport');
    assert.match(html, /^<!DOCTYPE html>/);
    assert.match(html, /<meta http-equiv="Content-Security-Policy" content="default-src 'none'/);
    assert.ok(Number(/<h2>Findings \((\d+)\)<\/h2>/.exec(html)?.[1]) > 0, 'the findings are listed');
    assert.match(html, /<code>unencrypted-volume<\/code> <span class="where">infra\/disk\.tf:/);
    assert.match(html, /<td class="id">10\.1\.a<\/td><td>[^<]*<\/td><td><span class="badge findings">/);
    assert.match(html, /Not listed by the editor: snclint --format html lists them\./);
  });

  it('stops keeping closed files linted when the setting is turned off', async () => {
    await client.changeConfiguration({ snclint: { run: 'onType', scanWorkspace: false } });
    await client.latest(fileUri(a, 'infra/disk.tf'), (p) => p.diagnostics.length === 0);
  });

  it('scans again when the setting is turned back on, and serves overlapping scan requests', async () => {
    await client.changeConfiguration({ snclint: { run: 'onType', scanWorkspace: true } });
    await client.latest(fileUri(a, 'infra/disk.tf'), (p) => mine(p.diagnostics).length === 1);
    const [x, y] = await Promise.all([
      client.connection.sendRequest('snclint/scanWorkspace'),
      client.connection.sendRequest('snclint/scanWorkspace'),
    ]);
    assert.deepEqual(x, { files: 4, findings: lastPublished(client).length });
    assert.deepEqual(y, x);
  });
});

describe('language server in French', () => {
  let client: LspClient;
  let dir: string;

  before(async function () {
    this.timeout(60000);
    ensureBuilt();
    dir = workspace({});
    client = LspClient.start(SERVER);
    await client.initialize(capabilities, { locale: 'fr' });
  });

  after(async () => {
    await client?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it("speaks the editor's language in messages, fixes, hovers and documentation links", async () => {
    const u = fileUri(dir, 'volume.tf');
    await client.open(u, 'terraform', VOLUME);
    const d = only((await client.diagnostics(u, 1)).diagnostics, 'unencrypted-volume');
    assert.equal(d.message, "aws_ebs_volume.data n'est pas chiffré : encrypted n'est pas défini et vaut false par défaut.");
    assert.match(d.codeDescription?.href ?? '', /\/rules\/docs\/fr\/unencrypted-volume\.md$/);
    const titles = (await client.codeActions(u, d.range, [d])).filter(isAction).map((a) => a.title);
    assert.deepEqual(titles, ['Définir encrypted = true', 'Ignorer unencrypted-volume sur cette ligne']);
    const hover = await client.hover(u, d.range.start.line, d.range.start.character);
    const md = (hover!.contents as MarkupContent).value.split('\n\n---\n\n').find((part) => part.includes('`unencrypted-volume`')) ?? '';
    assert.match(md, /^\*\*Chiffrer le stockage bloc au repos\*\*/);
    assert.match(md, /\*\*Pourquoi c'est important\*\*/);
    assert.match(md, /- \*\*10\.1\.a\*\*: Données stockées chiffrées/);
  });
});

describe('language server: values from var files', () => {
  let client: LspClient;
  let dir: string;
  const MAIN =
    'variable "enc" {}\nresource "aws_ebs_volume" "data" {\n  availability_zone = "eu-west-3a"\n  encrypted         = var.enc\n}\n';

  before(async function () {
    this.timeout(60000);
    ensureBuilt();
    dir = workspace({ 'main.tf': MAIN, 'terraform.tfvars': 'enc = false\n' });
    client = LspClient.start(SERVER);
    await client.initialize(capabilities);
  });

  after(async () => {
    await client?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('shows a finding caused by terraform.tfvars on the argument that reads it, with the var file line related, and honours a suppression there', async () => {
    const main = fileUri(dir, 'main.tf');
    await client.open(main, 'terraform', MAIN);
    const p = await client.latest(main, (x) => mine(x.diagnostics).length === 1, 15000);
    const d = only(p.diagnostics, 'unencrypted-volume');
    assert.deepEqual([d.range.start.line, d.range.start.character, d.range.end.line, d.range.end.character], [3, 22, 3, 29]);
    assert.deepEqual(
      d.relatedInformation?.map((r) => [r.location.uri, r.location.range.start.line]),
      [[fileUri(dir, 'terraform.tfvars'), 0]],
    );
    await client.change(
      main,
      MAIN.replace('  encrypted ', '  # snclint:ignore unencrypted-volume -- test volume, destroyed nightly\n  encrypted '),
    );
    const after = await client.latest(main, (x) => !x.diagnostics.some((y) => y.code === 'unencrypted-volume'), 15000);
    assert.deepEqual(
      after.diagnostics.filter((y) => String(y.code).startsWith('snclint') || String(y.message).includes('suppress')),
      [],
    );
  });
});
