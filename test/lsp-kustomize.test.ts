/**
 * The language server renders the kustomization an open file belongs to, from disk and open
 * buffers: a finding an overlay causes shows in the overlay's patch, not on the compliant base,
 * as in the CLI; editing the patch re-lints the base.
 */
import { strict as assert } from 'node:assert';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import { LspClient, SERVER, ensureBuilt } from './harness/lsp-client';
import { cli } from './harness/cli';

const BASE =
  'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: api\n  namespace: shop\nspec:\n  template:\n    spec:\n      automountServiceAccountToken: false\n      securityContext:\n        runAsNonRoot: true\n      containers:\n        - name: api\n          image: api:1\n          securityContext:\n            allowPrivilegeEscalation: false\n';
const PATCH = (value: string): string =>
  `- op: ${value}\n  path: /spec/template/spec/containers/0/securityContext/allowPrivilegeEscalation\n${value === 'remove' ? '' : '  value: false\n'}`;
const FILES: Readonly<Record<string, string>> = {
  '.git/HEAD': 'ref: refs/heads/main\n',
  'base/deployment.yaml': BASE,
  'base/policy.yaml':
    'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: deny\n  namespace: shop\nspec:\n  podSelector: {}\n',
  'base/kustomization.yaml': 'resources:\n  - deployment.yaml\n  - policy.yaml\n',
  'overlays/dev/kustomization.yaml': 'resources:\n  - ../../base\npatches:\n  - path: debug.yaml\n    target:\n      kind: Deployment\n',
  'overlays/dev/debug.yaml': PATCH('remove'),
};

const escalation = (ds: readonly Diagnostic[]): Diagnostic[] => ds.filter((d) => d.code === 'privilege-escalation');

describe('language server: Kustomize overlays', () => {
  let client: LspClient;
  let dir: string;
  const uri = (name: string): string => pathToFileURL(join(dir, name)).href;

  before(async function () {
    this.timeout(60000);
    ensureBuilt();
    dir = mkdtempSync(join(tmpdir(), 'snclint-kustomize-'));
    for (const [name, text] of Object.entries(FILES)) {
      mkdirSync(join(dir, name, '..'), { recursive: true });
      writeFileSync(join(dir, name), text);
    }
    client = LspClient.start(SERVER);
    await client.initialize({
      textDocument: { publishDiagnostics: { relatedInformation: true, versionSupport: true } },
      workspace: { workspaceFolders: true },
    });
  });

  after(async () => {
    await client?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('shows a setting removed by an overlay at the patch, not on the base, as the CLI does', async () => {
    await client.open(uri('overlays/dev/debug.yaml'), 'yaml', FILES['overlays/dev/debug.yaml']!);
    const patch = escalation((await client.diagnostics(uri('overlays/dev/debug.yaml'), 1)).diagnostics);
    assert.equal(patch.length, 1);
    assert.equal(patch[0]!.range.start.line, 0);
    assert.match(String(patch[0]!.message), /in overlay overlays\/dev/);
    await client.open(uri('base/deployment.yaml'), 'yaml', BASE);
    assert.deepEqual(escalation((await client.diagnostics(uri('base/deployment.yaml'), 1)).diagnostics), []);
    const run = JSON.parse(cli(['--format', 'json', '.'], dir).stdout) as { findings: { ruleId: string; file: string; line: number }[] };
    assert.deepEqual(
      run.findings.filter((f) => f.ruleId === 'privilege-escalation').map((f) => [f.file, f.line]),
      [['overlays/dev/debug.yaml', 1]],
    );
  });

  it('re-lints the base when the patch is edited, before it is saved', async () => {
    const base = uri('base/deployment.yaml');
    // A bad base that the only overlay corrects: nothing to report on the base.
    await client.change(uri('overlays/dev/debug.yaml'), PATCH('replace'));
    await client.change(base, BASE.replace('allowPrivilegeEscalation: false', 'allowPrivilegeEscalation: true'));
    await client.latest(base, (p) => p.version === 2 && escalation(p.diagnostics).length === 0);
    // The patch no longer corrects it: the base's own line is reported.
    await client.change(uri('overlays/dev/debug.yaml'), '- op: test\n  path: /metadata/name\n  value: api\n');
    const p = await client.latest(base, (x) => escalation(x.diagnostics).length === 1);
    assert.equal(escalation(p.diagnostics)[0]!.range.start.line, 15);
    assert.doesNotMatch(String(escalation(p.diagnostics)[0]!.message), /overlay/);
  });
});
