/** dangerous-capability: containers do not add Linux capabilities that break isolation. */
import { defineRule } from '../server/src/engine/rule';
import { str } from '../server/src/kubernetes/node';
import { describe, podsIn } from '../server/src/kubernetes/pod';
import data from './data/capabilities.json';

const DANGEROUS: Readonly<Record<string, string>> = data.capabilities;

export default defineRule({
  meta: {
    id: 'dangerous-capability',
    title: 'Do not add Linux capabilities that break container isolation',
    description:
      'Reports capabilities added to a container (securityContext.capabilities.add) that let it escape its isolation or reach other workloads: ALL, SYS_ADMIN, NET_ADMIN, SYS_PTRACE, SYS_MODULE, NET_RAW and the others listed in rules/data/capabilities.json. Every pod-bearing kind and Terraform kubernetes_* resources are read.',
    rationale:
      'Capabilities split root\'s powers; the ones listed give back enough of them to take over the node or spy on its other workloads (SYS_ADMIN alone allows known escapes). SecNumCloud 9.7 requires isolation between tenants and between the service and other systems; 5.1 asks for the most secure configuration.',
    remediation: 'Remove the capability from capabilities.add (drop ALL and add back only what the process needs, such as NET_BIND_SERVICE).',
    severity: 'error',
    requirements: ['5.1.a', '9.7.a'],
    fixable: false,
    covers: ['Pod, Deployment, StatefulSet, DaemonSet, ReplicaSet, ReplicationController, Job, CronJob, List', 'Terraform kubernetes_* (security_context { capabilities { add } }) and kubernetes_manifest'],
    limits: 'A capability list that comes from a variable is not known and not reported.',
    examples: {
      good: [{ language: 'yaml', code: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: app\nspec:\n  containers:\n    - name: app\n      image: nginx\n      securityContext:\n        capabilities:\n          drop: [ALL]\n          add: [NET_BIND_SERVICE]\n' }],
      bad: [{ language: 'yaml', code: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: app\nspec:\n  containers:\n    - name: app\n      image: nginx\n      securityContext:\n        capabilities:\n          add: [SYS_ADMIN]\n' }],
    },
  },
  check(ctx) {
    for (const pod of podsIn(ctx)) {
      for (const c of pod.containers) {
        const sc = c.node.get('securityContext');
        const caps = sc?.kind === 'map' ? sc.get('capabilities') : undefined;
        const add = caps?.kind === 'map' ? caps.list('add') : [];
        for (const item of add) {
          const raw = str(item);
          if (raw === undefined) continue;
          const name = raw.toUpperCase().replace(/^CAP_/, '');
          const what = DANGEROUS[name];
          if (!what) continue;
          ctx.report({ file: item.file, range: item.range, message: `${pod.object.label} adds capability ${name} to ${describe(c)}: ${what}.` });
        }
      }
    }
  },
});
