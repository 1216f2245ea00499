/** Every Terraform kubernetes_* workload type reaches the pod model, with ranges in the .tf file. */
import { strict as assert } from 'node:assert';
import { SourceFile } from '../../server/src/engine/source';
import { lint } from '../../server/src/lint/linter';
import { RULES } from '../../rules';

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
