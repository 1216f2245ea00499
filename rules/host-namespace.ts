/** host-namespace: pods do not share the node's network, process or IPC namespaces. */
import { defineRule } from '../server/src/lint/rule';
import { isOn } from '../server/src/kubernetes/node';
import { podsIn } from '../server/src/kubernetes/pod';
import { SET_FIELD_FIXES, field, fixOf, setTitle } from './support/k8s-fix';

/** The pod fields that share a host namespace, and the message saying what sharing it exposes. */
const FIELDS: readonly [string, 'network' | 'processes' | 'ipc'][] = [
  ['hostNetwork', 'network'],
  ['hostPID', 'processes'],
  ['hostIPC', 'ipc'],
];

export default defineRule({
  meta: {
    id: 'host-namespace',
    title: "Keep pods out of the node's network, process and IPC namespaces",
    description:
      'Reports pods (of every pod-bearing kind, and Terraform kubernetes_* resources) that set ' +
      'hostNetwork, hostPID or hostIPC to true.',
    rationale:
      "A pod that shares the node's namespaces sees and reaches what runs on the node: the kubelet and " +
      "other tenants' traffic (network), their processes and secrets in their environment (PID), their " +
      'shared memory (IPC). SecNumCloud 9.7 requires isolation between tenants and between the service and ' +
      'other systems; 5.1 asks for the most secure configuration.',
    remediation:
      'Remove hostNetwork, hostPID and hostIPC, or set them to false. Expose ports with a Service instead ' + 'of the host network.',
    severity: 'error',
    requirements: ['5.1.a', '9.7'],
    fixable: true,
    covers: [
      'Pod, Deployment, StatefulSet, DaemonSet, ReplicaSet, ReplicationController, Job, CronJob, List',
      'Terraform kubernetes_* (host_network, host_pid, host_ipc) and kubernetes_manifest',
    ],
    limits: 'Node agents (CNI plugins, monitoring daemons) may need the host network; suppress the finding for ' + 'them with a reason.',
    messages: {
      network: "{{object}} shares the node's network (its interfaces, loopback services and other pods' traffic): {{field}} is true.",
      processes: "{{object}} shares the node's processes (visible, signalled and traced from the pod): {{field}} is true.",
      ipc: "{{object}} shares the node's shared memory and IPC: {{field}} is true.",
    },
    fixes: SET_FIELD_FIXES,
    examples: {
      good: [
        {
          language: 'yaml',
          code: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: app\nspec:\n  containers:\n    - name: app\n      image: nginx\n',
        },
      ],
      bad: [
        {
          language: 'yaml',
          code: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: app\nspec:\n  hostPID: true\n  containers:\n    - name: app\n      image: nginx\n',
        },
      ],
    },
  },
  check(ctx) {
    for (const pod of podsIn(ctx)) {
      for (const [key, what] of FIELDS) {
        const v = pod.spec.get(key);
        if (!isOn(v)) continue;
        ctx.report({
          file: v.file,
          range: v.range,
          messageId: what,
          data: { object: pod.object.label, field: field(pod.object, key) },
          fixes: fixOf(setTitle(pod.object, key, false), v.file, v.replace(false)),
        });
      }
    }
  },
});
