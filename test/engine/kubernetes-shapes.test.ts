/**
 * The same pod spec in every shape Kubernetes is written in gives the same findings; Kustomize
 * patches point at the file holding the line; Helm templates and non-Kubernetes YAML stay silent.
 */
import { strict as assert } from 'node:assert';
import { stringify } from 'yaml';
import { SourceFile, languageOf } from '../../server/src/engine/source';
import { lint } from '../../server/src/lint/linter';
import type { LintResult } from '../../server/src/engine/types';
import { RULES } from '../../rules';

const run = (files: Record<string, string>): LintResult =>
  lint(
    Object.entries(files).map(([p, t]) => new SourceFile(p, t, languageOf(p) ?? 'yaml')),
    { rules: RULES },
  );

const summary = (r: LintResult): string[] => r.findings.map((f) => `${f.ruleId}/${f.severity}`).sort();

const at = (r: LintResult, ruleId: string): { file: string; text: string; line: number }[] =>
  r.findings
    .filter((f) => f.ruleId === ruleId)
    .map((f) => ({
      file: f.file.path,
      text: f.file.text.slice(f.range.start, f.range.end),
      line: f.file.positionAt(f.range.start).line + 1,
    }));

function clean(r: LintResult): void {
  assert.deepEqual(
    r.errors.map((e) => `${e.kind} ${e.file}: ${e.message}`),
    [],
  );
}

/** The insecure pod spec of every shape. */
const POD = {
  hostPID: true,
  securityContext: { runAsUser: 0 },
  containers: [
    { name: 'app', image: 'nginx', securityContext: { privileged: true, capabilities: { add: ['SYS_ADMIN'] } } },
    { name: 'sidecar', image: 'busybox', securityContext: { allowPrivilegeEscalation: true } },
  ],
  volumes: [{ name: 'sock', hostPath: { path: '/var/run/docker.sock' } }],
};
const META = { name: 'web', namespace: 'shop' };
const DEPLOYMENT = { apiVersion: 'apps/v1', kind: 'Deployment', metadata: META, spec: { template: { spec: POD } } };

const EXPECTED = [
  'dangerous-capability/error',
  'host-namespace/error',
  'host-path-mount/error',
  'missing-network-policy/info',
  'privilege-escalation/error',
  'privileged-container/error',
  'run-as-root/error',
  'service-account-token-automount/warning',
];

const TERRAFORM = `resource "kubernetes_deployment" "web" {
  metadata {
    name      = "web"
    namespace = "shop"
  }

  spec {
    template {
      metadata {}

      spec {
        host_pid = true

        security_context {
          run_as_user = 0
        }

        container {
          name  = "app"
          image = "nginx"

          security_context {
            privileged = true

            capabilities {
              add = ["SYS_ADMIN"]
            }
          }
        }

        container {
          name  = "sidecar"
          image = "busybox"

          security_context {
            allow_privilege_escalation = true
          }
        }

        volume {
          name = "sock"

          host_path {
            path = "/var/run/docker.sock"
          }
        }
      }
    }
  }
}
`;

const BASE = stringify({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'web' },
  spec: {
    template: {
      spec: {
        securityContext: { runAsUser: 0 },
        containers: [
          { name: 'app', image: 'nginx' },
          { name: 'sidecar', image: 'busybox', securityContext: { allowPrivilegeEscalation: true } },
        ],
        volumes: [{ name: 'sock', hostPath: { path: '/data' } }],
      },
    },
  },
});
const PATCH =
  'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  template:\n    spec:\n      hostPID: true\n      containers:\n        - name: app\n          securityContext:\n            privileged: true\n            capabilities:\n              add: [SYS_ADMIN]\n';
const OVERLAY =
  'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nnamespace: shop\nresources:\n  - ../../base\npatches:\n  - path: privileged.yaml\n  - target:\n      kind: Deployment\n      name: web\n    patch: |-\n      - op: replace\n        path: /spec/template/spec/volumes/0/hostPath/path\n        value: /var/run/docker.sock\n';
const KUSTOMIZE = {
  'k/base/deployment.yaml': BASE,
  'k/base/kustomization.yaml': 'resources:\n  - deployment.yaml\n',
  'k/overlays/prod/kustomization.yaml': OVERLAY,
  'k/overlays/prod/privileged.yaml': PATCH,
};

describe('Kubernetes shapes', () => {
  const shapes: Record<string, Record<string, string>> = {
    'a YAML Deployment': { 'd.yaml': stringify(DEPLOYMENT) },
    'a JSON Deployment': { 'd.json': JSON.stringify(DEPLOYMENT, null, 2) },
    'a CronJob': {
      'c.yaml': stringify({
        apiVersion: 'batch/v1',
        kind: 'CronJob',
        metadata: META,
        spec: { schedule: '@daily', jobTemplate: { spec: { template: { spec: POD } } } },
      }),
    },
    'a List': { 'l.yaml': stringify({ apiVersion: 'v1', kind: 'List', items: [DEPLOYMENT] }) },
    'a Kustomize overlay': KUSTOMIZE,
    'a Terraform kubernetes_deployment': { 'main.tf': TERRAFORM },
  };
  for (const [name, files] of Object.entries(shapes)) {
    it(`finds the same problems in ${name}`, () => {
      const r = run(files);
      clean(r);
      assert.deepEqual(summary(r), EXPECTED);
    });
  }

  it('points Kustomize findings at the file that holds the line', () => {
    const r = run(KUSTOMIZE);
    assert.deepEqual(at(r, 'privileged-container'), [{ file: 'k/overlays/prod/privileged.yaml', text: 'true', line: 12 }]);
    assert.deepEqual(at(r, 'dangerous-capability'), [{ file: 'k/overlays/prod/privileged.yaml', text: 'SYS_ADMIN', line: 14 }]);
    assert.deepEqual(at(r, 'run-as-root'), [{ file: 'k/base/deployment.yaml', text: '0', line: 9 }]);
    // The inline JSON 6902 patch keeps exact positions inside the kustomization.
    assert.deepEqual(at(r, 'host-path-mount'), [{ file: 'k/overlays/prod/kustomization.yaml', text: '/var/run/docker.sock', line: 14 }]);
    // The overlay's namespace applies.
    assert.match(r.findings.find((f) => f.ruleId === 'missing-network-policy')!.message, /namespace shop/);
  });

  it('offers Kustomize fixes only in the file of the finding', () => {
    const r = run(KUSTOMIZE);
    const priv = r.findings.find((f) => f.ruleId === 'privileged-container')!;
    assert.equal(priv.fixes[0]!.edits[0]!.newText, 'false');
    const sa = r.findings.find((f) => f.ruleId === 'service-account-token-automount')!;
    assert.equal(sa.file.path, 'k/base/deployment.yaml');
    assert.ok(sa.fixes.length === 1);
    assert.equal(r.findings.find((f) => f.ruleId === 'host-path-mount')!.fixes.length, 0);
  });

  it('lints a base without its overlay as it stands, and never a patch on its own', () => {
    const alone = run({ 'k/base/deployment.yaml': BASE });
    assert.ok(!alone.findings.some((f) => f.ruleId === 'privileged-container'));
    const r = run({ ...KUSTOMIZE, 'k/overlays/prod/kustomization.yaml': OVERLAY.replace('  - ../../base\n', '') });
    assert.ok(!r.findings.some((f) => f.file.path === 'k/overlays/prod/privileged.yaml'), 'the patch is not linted as an object');
  });

  it('applies strategic-merge deletes and null values', () => {
    const r = run({
      'k/d.yaml': stringify(DEPLOYMENT),
      'k/kustomization.yaml': 'resources: [d.yaml]\npatchesStrategicMerge:\n  - fix.yaml\n',
      'k/fix.yaml':
        'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n  namespace: shop\nspec:\n  template:\n    spec:\n      hostPID: null\n      containers:\n        - name: sidecar\n          $patch: delete\n      volumes:\n        - name: sock\n          $patch: delete\n',
    });
    clean(r);
    assert.deepEqual(
      summary(r),
      EXPECTED.filter((e) => !/^(host-namespace|host-path-mount|privilege-escalation)/.test(e)),
    );
  });

  it('applies components to what the kustomization gathered, deletes objects, and matches targets by selector and pattern', () => {
    const r = run({
      'k/app.yaml': `${stringify(DEPLOYMENT)}---\n${stringify({ ...DEPLOYMENT, metadata: { name: 'loadgen', labels: { app: 'loadgen' } } })}`,
      'k/kustomization.yaml':
        'resources: [app.yaml]\ncomponents: [comp]\npatches:\n  - target: {kind: Deploy.*, labelSelector: "app=loadgen"}\n    patch: |-\n      - op: add\n        path: /spec/template/spec/hostNetwork\n        value: true\n',
      'k/comp/kustomization.yaml':
        'apiVersion: kustomize.config.k8s.io/v1alpha1\nkind: Component\nresources: [policy.yaml]\npatches:\n  - path: drop-web.yaml\n',
      'k/comp/policy.yaml':
        'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: deny\n  namespace: shop\nspec:\n  podSelector: {}\n',
      'k/comp/drop-web.yaml': 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n$patch: delete\n',
    });
    clean(r);
    const labels = r.findings.map((f) => f.message.split(' ').slice(0, 2).join(' '));
    assert.ok(!labels.includes('Deployment web'), 'the component deleted web');
    assert.deepEqual(
      at(r, 'host-namespace').map((x) => x.text),
      ['true', 'true'],
      'hostPID from the resource, hostNetwork from the inline patch',
    );
    assert.ok(
      r.findings.some((f) => f.ruleId === 'missing-network-policy' && /namespace default/.test(f.message)),
      'loadgen has no namespace: default, not covered by the shop policy',
    );
  });

  it('keeps the container value over the pod value', () => {
    const r = run({
      'p.yaml': stringify({
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: { name: 'p' },
        spec: {
          securityContext: { runAsUser: 0 },
          automountServiceAccountToken: false,
          containers: [{ name: 'a', image: 'x', securityContext: { runAsUser: 1000, allowPrivilegeEscalation: false } }],
        },
      }),
    });
    assert.deepEqual(at(r, 'run-as-root'), []);
  });

  it('reads every document of a stream even when one is broken', () => {
    const r = run({
      'm.yaml': `${stringify(DEPLOYMENT)}---\nkey: [unclosed\n---\n${stringify({ ...DEPLOYMENT, metadata: { name: 'two', namespace: 'shop' } })}`,
    });
    assert.equal(r.errors.filter((e) => e.kind === 'syntax').length, 1);
    assert.equal(at(r, 'privileged-container').length, 2);
  });

  it('does not read Helm templates, and says once per chart how to lint it rendered', () => {
    const r = run({
      'chart/Chart.yaml': 'apiVersion: v2\nname: shop\nversion: 1.0.0\n',
      'chart/values.yaml': 'replicaCount: 1\nsecurityContext: {}\n',
      'chart/templates/deployment.yaml':
        'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: {{ include "shop.fullname" . }}\nspec:\n  template:\n    spec:\n      hostPID: true\n      {{- with .Values.securityContext }}\n      securityContext:\n        {{- toYaml . | nindent 8 }}\n      {{- end }}\n',
      'chart/templates/_helpers.tpl': '{{- define "shop.fullname" -}}shop{{- end }}\n',
    });
    clean(r);
    assert.deepEqual(
      r.findings.map((f) => `${f.ruleId} ${f.severity} ${f.file.path}`),
      ['helm-chart info chart/Chart.yaml'],
    );
    assert.match(r.findings[0]!.message, /helm template shop <chart-dir> \| snclint --stdin --stdin-filename chart.yaml/);
  });

  it('treats `{{name}}` placeholders as a template too', () => {
    const r = run({
      'rc-template.yaml':
        'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  hostPID: true\n  containers:\n    - name: a\n      args: [{{flags}}]\n',
    });
    clean(r);
    assert.deepEqual(r.findings, []);
  });

  it('stays silent on YAML that is not Kubernetes', () => {
    const r = run({
      '.github/workflows/ci.yml':
        'name: ci\non:\n  push:\n    branches: [main]\njobs:\n  build:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n      - run: npm test\n',
      'docker-compose.yml':
        'services:\n  app:\n    image: nginx\n    privileged: true\n    network_mode: host\n    volumes:\n      - /var/run/docker.sock:/var/run/docker.sock\n',
      'playbook.yml':
        '- hosts: all\n  become: true\n  tasks:\n    - name: install\n      apt:\n        name: nginx\n      vars:\n        secret: !vault |\n          $ANSIBLE_VAULT;1.1;AES256\n          6162\n',
      'openapi.yaml': 'openapi: 3.0.0\ninfo:\n  title: api\n  version: "1"\npaths: {}\n',
      '.gitlab-ci.yml': 'stages: [test]\ntest:\n  stage: test\n  script:\n    - make test\n',
      'package.json': '{"name": "x", "version": "1.0.0"}',
    });
    clean(r);
    assert.deepEqual(
      r.findings.map((f) => f.ruleId),
      [],
    );
  });
});
