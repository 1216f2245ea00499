/**
 * The rules that read more than pods (regions, secrets, transport, TLS, storage) give the same
 * findings whatever form the objects are written in: YAML, JSON, a List, a Kustomize overlay,
 * Terraform's kubernetes_manifest.
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

const RULE_IDS = ['non-eu-region', 'plaintext-transport', 'weak-tls', 'unencrypted-volume'];
const summary = (r: LintResult): string[] =>
  r.findings
    .filter((f) => RULE_IDS.includes(f.ruleId))
    .map((f) => `${f.ruleId}/${f.severity}`)
    .sort();

const OBJECTS = [
  {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web', namespace: 'shop' },
    spec: {
      template: { spec: { nodeSelector: { 'topology.kubernetes.io/region': 'us-east-1' }, containers: [{ name: 'app', image: 'nginx' }] } },
    },
  },
  {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'Ingress',
    metadata: { name: 'web', namespace: 'shop' },
    spec: {
      rules: [
        {
          host: 'shop.example',
          http: { paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name: 'web', port: { number: 80 } } } }] },
        },
      ],
    },
  },
  {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name: 'ingress-nginx-controller', namespace: 'ingress-nginx' },
    data: { 'ssl-protocols': 'TLSv1 TLSv1.2' },
  },
  {
    apiVersion: 'storage.k8s.io/v1',
    kind: 'StorageClass',
    metadata: { name: 'gp3' },
    provisioner: 'ebs.csi.aws.com',
    parameters: { type: 'gp3', encrypted: 'false' },
  },
];
const EXPECTED = ['non-eu-region/error', 'plaintext-transport/error', 'unencrypted-volume/error', 'weak-tls/error'];

function hcl(v: unknown, indent: string): string {
  if (Array.isArray(v)) return `[${v.map((x) => hcl(x, indent)).join(', ')}]`;
  if (v && typeof v === 'object') {
    const inner = `${indent}  `;
    return `{\n${Object.entries(v)
      .map(([k, x]) => `${inner}${JSON.stringify(k)} = ${hcl(x, inner)}`)
      .join('\n')}\n${indent}}`;
  }
  return JSON.stringify(v);
}

describe('Kubernetes shapes beyond pods', () => {
  const yaml = OBJECTS.map((o) => stringify(o)).join('---\n');
  const shapes: Record<string, Record<string, string>> = {
    'YAML documents': { 'all.yaml': yaml },
    'JSON files': Object.fromEntries(OBJECTS.map((o, i) => [`o${i}.json`, JSON.stringify(o, null, 2)])),
    'a List': { 'list.yaml': stringify({ apiVersion: 'v1', kind: 'List', items: OBJECTS }) },
    'a Kustomize overlay': {
      'k/base/all.yaml': yaml.replace('us-east-1', 'eu-west-3').replace('TLSv1 TLSv1.2', 'TLSv1.2'),
      'k/base/kustomization.yaml': 'resources: [all.yaml]\n',
      'k/overlays/us/kustomization.yaml':
        'resources: [../../base]\npatches:\n  - target: {kind: Deployment}\n    patch: |-\n      - op: replace\n        path: /spec/template/spec/nodeSelector/topology.kubernetes.io~1region\n        value: us-east-1\n  - path: tls.yaml\n',
      'k/overlays/us/tls.yaml':
        'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ingress-nginx-controller\n  namespace: ingress-nginx\ndata:\n  ssl-protocols: TLSv1 TLSv1.2\n',
    },
    "Terraform's kubernetes_manifest": {
      'main.tf': OBJECTS.map((o, i) => `resource "kubernetes_manifest" "m${i}" {\n  manifest = ${hcl(o, '  ')}\n}\n`).join('\n'),
    },
  };
  for (const [name, files] of Object.entries(shapes)) {
    it(`finds the same problems in ${name}`, () => {
      const r = run(files);
      assert.deepEqual(
        r.errors.map((e) => `${e.file}: ${e.message}`),
        [],
      );
      assert.deepEqual(summary(r), EXPECTED);
    });
  }

  it('reports what an overlay changed in the overlay, naming it', () => {
    const r = run(shapes['a Kustomize overlay']!);
    const region = r.findings.find((f) => f.ruleId === 'non-eu-region')!;
    assert.equal(region.file.path, 'k/overlays/us/kustomization.yaml');
    assert.match(region.message, /^Deployment web in overlay overlays\/us is scheduled in region us-east-1/);
    const tls = r.findings.find((f) => f.ruleId === 'weak-tls')!;
    assert.equal(tls.file.path, 'k/overlays/us/tls.yaml');
    // Unchanged by the overlay: reported in the base, without the overlay's name.
    const volume = r.findings.find((f) => f.ruleId === 'unencrypted-volume')!;
    assert.equal(volume.file.path, 'k/base/all.yaml');
    assert.doesNotMatch(volume.message, /overlay/);
  });

  it('reads literal secrets through overlays too', () => {
    const r = run({
      'k/base/s.yaml': 'apiVersion: v1\nkind: Secret\nmetadata:\n  name: db\n',
      'k/base/kustomization.yaml': 'resources: [s.yaml]\n',
      'k/overlays/dev/kustomization.yaml': 'resources: [../../base]\npatches:\n  - path: pw.yaml\n',
      'k/overlays/dev/pw.yaml': 'apiVersion: v1\nkind: Secret\nmetadata:\n  name: db\nstringData:\n  password: hunter2-but-longer\n',
    });
    const found = r.findings.filter((f) => f.ruleId === 'hardcoded-secret');
    assert.deepEqual(
      found.map((f) => `${f.file.path} ${f.file.text.slice(f.range.start, f.range.end)}`),
      ['k/overlays/dev/pw.yaml stringData'],
    );
    assert.match(found[0]!.message, /^Secret db in overlay overlays\/dev holds 1 literal value in stringData/);
  });
});
