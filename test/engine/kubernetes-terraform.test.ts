/** Every Terraform kubernetes_* workload type reaches the pod model, with ranges in the .tf file. */
import { strict as assert } from 'node:assert';
import { SourceFile } from '../../server/src/engine/source';
import { lint } from '../../server/src/lint/linter';
import { RULES } from '../../rules';
import { objectsOf, podsIn } from '../../server/src/kubernetes/pod';
import { parseYamlFile } from '../../server/src/kubernetes/parser';
import type { K8sObject } from '../../server/src/kubernetes/model';
import { TerraformModule } from '../../server/src/terraform/model';
import { parseHcl } from '../../server/src/terraform/parser';

/** The pod spec block of each type, as the provider nests it. */
const PATHS: Record<string, string[]> = {
  kubernetes_pod: [],
  kubernetes_pod_v1: [],
  kubernetes_deployment: ['template'],
  kubernetes_deployment_v1: ['template'],
  kubernetes_stateful_set: ['template'],
  kubernetes_stateful_set_v1: ['template'],
  kubernetes_daemonset: ['template'],
  kubernetes_daemon_set_v1: ['template'],
  kubernetes_replication_controller: ['template'],
  kubernetes_replication_controller_v1: ['template'],
  kubernetes_job: ['template'],
  kubernetes_job_v1: ['template'],
  kubernetes_cron_job: ['job_template', 'spec', 'template'],
  kubernetes_cron_job_v1: ['job_template', 'spec', 'template'],
};

function resource(type: string): string {
  const pod = 'spec {\n  host_ipc = true\n  container {\n    name  = "c"\n    image = "busybox"\n  }\n}';
  let body = pod;
  for (const step of [...PATHS[type]!].reverse()) body = `${step} {\n${body.replace(/^/gm, '  ')}\n}`;
  if (PATHS[type]!.length) body = `spec {\n${body.replace(/^/gm, '  ')}\n}`;
  return `resource "${type}" "w" {\n  metadata {\n    name = "w"\n  }\n${body.replace(/^/gm, '  ')}\n}\n`;
}

describe('Terraform kubernetes_* resources', () => {
  for (const type of Object.keys(PATHS)) {
    it(`reads the pod spec of ${type}`, () => {
      const file = new SourceFile('main.tf', resource(type), 'terraform');
      const r = lint([file], { rules: RULES });
      assert.deepEqual(r.errors, []);
      const f = r.findings.filter((x) => x.ruleId === 'host-namespace');
      assert.equal(f.length, 1);
      assert.equal(file.text.slice(f[0]!.range.start, f[0]!.range.end), 'true');
      assert.match(f[0]!.message, new RegExp(`^${type}\\.w shares the node's shared memory and IPC: host_ipc is true`));
      // The container block is found: its missing settings are reported on it.
      assert.ok(r.findings.some((x) => x.ruleId === 'privilege-escalation' && file.text.slice(x.range.start, x.range.end) === 'container'));
    });
  }

  it('ignores kubernetes_manifest whose manifest is not known', () => {
    const file = new SourceFile(
      'main.tf',
      'resource "kubernetes_manifest" "m" {\n  manifest = yamldecode(file("${path.module}/pod.yaml"))\n}\n',
      'terraform',
    );
    const r = lint([file], { rules: RULES });
    assert.deepEqual(
      r.findings.map((f) => f.ruleId),
      [],
    );
    assert.deepEqual(r.errors, []);
  });
});

describe('The Kubernetes objects of a unit', () => {
  it('are made once per unit, and again when its manifests or Kubernetes context differ', () => {
    const text = resource('kubernetes_deployment');
    const mod = new TerraformModule('.', [{ source: new SourceFile('main.tf', text, 'terraform'), config: parseHcl(text) }]);
    const terraform = [mod];
    const pod = parseYamlFile(
      new SourceFile(
        'pod.yaml',
        'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n    - name: c\n      image: busybox\n',
        'yaml',
      ),
    );
    const none: K8sObject[] = [];
    const first = objectsOf({ terraform, kubernetes: none });
    assert.deepEqual(
      first.map((o) => `${o.origin} ${o.kind}`),
      ['terraform Deployment'],
    );
    assert.equal(objectsOf({ terraform, kubernetes: none }), first, 'the same unit: the same objects');
    const withPod = objectsOf({ terraform, kubernetes: pod.objects });
    assert.deepEqual(
      withPod.map((o) => `${o.origin} ${o.kind}`),
      ['manifest Pod', 'terraform Deployment'],
    );
    assert.equal(podsIn({ terraform, kubernetes: pod.objects }).length, 2);
    const elsewhere = objectsOf({
      terraform,
      kubernetes: pod.objects,
      kube: { rendered: [], charts: [], all: [], renderedElsewhere: new Set([pod.objects[0]!.file]), notRendered: [] },
    });
    assert.deepEqual(
      elsewhere.map((o) => `${o.origin} ${o.kind}`),
      ['terraform Deployment'],
    );
    assert.deepEqual(
      objectsOf({ terraform: [], kubernetes: none }).map((o) => o.kind),
      [],
    );
  });
});
