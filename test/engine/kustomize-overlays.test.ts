/**
 * Kustomize overlays: findings caused by an overlay are reported in the overlay (at the operation
 * or patch line), named after it; a bad base kept by overlays is reported once, in the base.
 */
import { strict as assert } from 'node:assert';
import { SourceFile, languageOf } from '../../server/src/engine/source';
import { lint } from '../../server/src/lint/linter';
import type { LintResult } from '../../server/src/engine/types';
import { RULES } from '../../rules';

const run = (files: Record<string, string>): LintResult =>
  lint(
    Object.entries(files).map(([p, t]) => new SourceFile(p, t, languageOf(p) ?? 'yaml')),
    { rules: RULES },
  );

const where = (r: LintResult, ruleId: string): string[] =>
  r.findings
    .filter((f) => f.ruleId === ruleId)
    .map((f) => `${f.file.path}:${f.file.positionAt(f.range.start).line + 1} ${f.file.text.slice(f.range.start, f.range.end)}`);

/** A compliant Deployment: every setting the pod rules read is safe. */
const BASE = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: api
  namespace: shop
spec:
  template:
    spec:
      automountServiceAccountToken: false
      securityContext:
        runAsNonRoot: true
      containers:
        - name: api
          image: api:1
          securityContext:
            allowPrivilegeEscalation: false
`;
const POLICY =
  'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: deny\n  namespace: shop\nspec:\n  podSelector: {}\n';
const base = {
  'app/base/deployment.yaml': BASE,
  'app/base/policy.yaml': POLICY,
  'app/base/kustomization.yaml': 'resources:\n  - deployment.yaml\n  - policy.yaml\n',
};

describe('Kustomize overlays', () => {
  it('reports a setting removed by a JSON 6902 remove at that remove, never on the compliant base line', () => {
    const r = run({
      ...base,
      'app/overlays/dev/kustomization.yaml':
        'resources:\n  - ../../base\npatches:\n  - target:\n      kind: Deployment\n      name: api\n    patch: |-\n      - op: remove\n        path: /spec/template/spec/containers/0/securityContext\n      - op: remove\n        path: /spec/template/spec/securityContext\n',
    });
    assert.deepEqual(r.errors, []);
    assert.deepEqual(where(r, 'privilege-escalation'), ['app/overlays/dev/kustomization.yaml:8 op: remove']);
    assert.deepEqual(where(r, 'run-as-root'), ['app/overlays/dev/kustomization.yaml:10 op: remove']);
    assert.ok(!r.findings.some((f) => f.file.path.startsWith('app/base/')), 'nothing on the base');
    const msg = r.findings.find((f) => f.ruleId === 'privilege-escalation')!.message;
    assert.match(msg, /^Deployment api in overlay overlays\/dev lets container api gain privileges/);
  });

  it('reports a removal deep in a security context at its operation', () => {
    const r = run({
      ...base,
      'app/overlays/dev/kustomization.yaml':
        'resources: [../../base]\npatchesJson6902:\n  - target: {group: apps, version: v1, kind: Deployment, name: api}\n    path: debug.yaml\n',
      'app/overlays/dev/debug.yaml':
        '- op: test\n  path: /metadata/name\n  value: api\n- op: remove\n  path: /spec/template/spec/containers/0/securityContext/allowPrivilegeEscalation\n',
    });
    assert.deepEqual(where(r, 'privilege-escalation'), ['app/overlays/dev/debug.yaml:4 op: remove']);
  });

  it('reports a strategic-merge null at the null of the patch file', () => {
    const r = run({
      ...base,
      'app/overlays/dev/kustomization.yaml': 'resources: [../../base]\npatchesStrategicMerge: [debug.yaml]\n',
      'app/overlays/dev/debug.yaml':
        'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: api\nspec:\n  template:\n    spec:\n      automountServiceAccountToken: null\n',
    });
    assert.deepEqual(where(r, 'service-account-token-automount'), ['app/overlays/dev/debug.yaml:8 null']);
  });

  it('reports a bad base kept by two overlays once, in the base, without naming an overlay', () => {
    const bad = BASE.replace('allowPrivilegeEscalation: false', 'allowPrivilegeEscalation: true');
    const r = run({
      ...base,
      'app/base/deployment.yaml': bad,
      'app/overlays/dev/kustomization.yaml': 'resources: [../../base]\nnamePrefix: dev-\n',
      'app/overlays/prod/kustomization.yaml': 'resources: [../../base]\nnamePrefix: prod-\n',
    });
    // The names differ by overlay, so the base line carries one finding per rendered object name.
    const found = r.findings.filter((f) => f.ruleId === 'privilege-escalation');
    assert.deepEqual(
      found.map((f) => `${f.file.path}:${f.file.positionAt(f.range.start).line + 1}`),
      ['app/base/deployment.yaml:16', 'app/base/deployment.yaml:16'],
    );
    assert.ok(found.every((f) => !/in overlay/.test(f.message)));
    const same = run({
      ...base,
      'app/base/deployment.yaml': bad,
      'app/overlays/dev/kustomization.yaml': 'resources: [../../base]\n',
      'app/overlays/prod/kustomization.yaml': 'resources: [../../base]\n',
    });
    assert.deepEqual(where(same, 'privilege-escalation'), ['app/base/deployment.yaml:16 true']);
  });

  it('moves and copies values as Kustomize does, and stops a patch at a failed test', () => {
    const r = run({
      ...base,
      'app/overlays/dev/kustomization.yaml':
        'resources: [../../base]\npatches:\n  - target: {kind: Deployment}\n    patch: |-\n      - op: copy\n        from: /spec/template/spec/automountServiceAccountToken\n        path: /spec/template/spec/hostNetwork\n      - op: test\n        path: /metadata/name\n        value: other\n      - op: add\n        path: /spec/template/spec/hostPID\n        value: true\n',
    });
    // hostNetwork copied from false; the add after the failed test is not applied.
    assert.deepEqual(where(r, 'host-namespace'), []);
    const moved = run({
      ...base,
      'app/overlays/dev/kustomization.yaml':
        'resources: [../../base]\npatches:\n  - target: {kind: Deployment}\n    patch: |-\n      - op: move\n        from: /spec/template/spec/automountServiceAccountToken\n        path: /spec/template/spec/movedHere\n',
    });
    assert.deepEqual(where(moved, 'service-account-token-automount'), ['app/overlays/dev/kustomization.yaml:5 op: move']);
  });

  it('orders namespace and JSON 6902 patches as Kustomize does', () => {
    const files = { 'k/d.yaml': BASE.replace('  namespace: shop\n', ''), 'k/p.yaml': POLICY };
    const remove = '- op: remove\n  path: /metadata/namespace\n';
    // patches run before the namespace transformer: the namespace is set again.
    const early = run({
      ...files,
      'k/kustomization.yaml': 'namespace: shop\nresources: [d.yaml, p.yaml]\npatches:\n  - path: rm.yaml\n    target: {kind: Deployment}\n',
      'k/rm.yaml': remove,
    });
    assert.deepEqual(where(early, 'missing-network-policy'), []);
    // patchesJson6902 runs after it: the Deployment lands in default, which no policy covers.
    const late = run({
      ...files,
      'k/kustomization.yaml':
        'namespace: shop\nresources: [d.yaml, p.yaml]\npatchesJson6902:\n  - path: rm.yaml\n    target: {kind: Deployment, name: api}\n',
      'k/rm.yaml': remove,
    });
    assert.equal(where(late, 'missing-network-policy').length, 1);
    assert.match(late.findings.find((f) => f.ruleId === 'missing-network-policy')!.message, /namespace default/);
  });

  it('judges a workload without an image only through the overlay that completes it', () => {
    const stub = BASE.replace('          image: api:1\n', '').replace('allowPrivilegeEscalation: false', 'allowPrivilegeEscalation: true');
    assert.deepEqual(
      run({ 'stub.yaml': stub })
        .findings.filter((f) => f.ruleId !== 'missing-network-policy')
        .map((f) => f.ruleId),
      [],
    );
    const r = run({
      ...base,
      'app/base/deployment.yaml': stub,
      'app/overlays/dev/kustomization.yaml': 'resources: [../../base]\npatches:\n  - path: image.yaml\n',
      'app/overlays/dev/image.yaml':
        'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: api\nspec:\n  template:\n    spec:\n      containers:\n        - name: api\n          image: api:2\n',
    });
    assert.deepEqual(where(r, 'privilege-escalation'), ['app/base/deployment.yaml:15 true']);
    // The base alone (the overlay not rendering it) stays silent.
    assert.deepEqual(where(run({ ...base, 'app/base/deployment.yaml': stub }), 'privilege-escalation'), []);
  });

  it('applies commonLabels to the pod template and images to the containers', () => {
    const r = run({
      ...base,
      'app/base/kustomization.yaml':
        'resources:\n  - deployment.yaml\n  - policy.yaml\ncommonLabels:\n  team: shop\nimages:\n  - name: api\n    newName: registry.example/api\n    newTag: "2"\n',
      'app/overlays/dev/kustomization.yaml':
        'resources: [../../base]\npatches:\n  - target: {kind: Deployment, labelSelector: team=shop}\n    patch: |-\n      - op: add\n        path: /spec/template/spec/hostIPC\n        value: true\n',
    });
    assert.deepEqual(where(r, 'host-namespace'), ['app/overlays/dev/kustomization.yaml:7 true']);
    // Labels come after patches in one kustomization: its own patch does not see them.
    const same = run({
      ...base,
      'app/base/kustomization.yaml':
        'resources: [deployment.yaml]\ncommonLabels: {team: shop}\npatches:\n  - target: {kind: Deployment, labelSelector: team=shop}\n    patch: |-\n      - op: add\n        path: /spec/template/spec/hostIPC\n        value: true\n',
    });
    assert.deepEqual(where(same, 'host-namespace'), []);
  });

  it('never names an overlay on a base line, even from a rule that judges across overlays', () => {
    const r = run({
      'app/base/deployment.yaml': BASE,
      'app/base/kustomization.yaml': 'resources: [deployment.yaml]\n',
      'app/overlays/dev/kustomization.yaml': 'namespace: dev\nresources: [../../base]\n',
      'app/overlays/prod/kustomization.yaml': 'namespace: prod\nresources: [../../base]\n',
    });
    const found = r.findings.filter((f) => f.ruleId === 'missing-network-policy');
    assert.deepEqual(
      found.map((f) => f.file.path),
      ['app/base/deployment.yaml', 'app/base/deployment.yaml'],
    );
    assert.deepEqual(
      found.map((f) => /in overlay/.test(f.message)),
      [false, false],
    );
  });
});
