/** privileged-container: no container runs privileged. */
import { defineRule } from '../server/src/lint/rule';
import { isOn } from '../server/src/kubernetes/node';
import { describe, podsIn } from '../server/src/kubernetes/pod';
import { SET_FIELD_FIXES, field, fixOf, setTitle } from './support/k8s-fix';

export default defineRule({
  meta: {
    id: 'privileged-container',
    title: 'Do not run containers privileged',
    description:
      'Reports containers, init containers and ephemeral containers with securityContext.privileged set to ' +
      'true, in every pod-bearing kind (Pod, Deployment, StatefulSet, DaemonSet, ReplicaSet, ' +
      'ReplicationController, Job, CronJob) and in Terraform kubernetes_* resources.',
    rationale:
      'A privileged container has every capability and access to all host devices: it is root on the node, ' +
      "escapes its isolation at will and reaches the other tenants' workloads. SecNumCloud 5.1 asks for " +
      'systems configured for the best level of security and 9.7 for isolation between tenants and between ' +
      'the service and other systems.',
    remediation: 'Remove privileged: true, or set it to false; grant only the capabilities the process needs.',
    severity: 'error',
    requirements: ['5.1.a', '9.7'],
    fixable: true,
    covers: [
      'Pod, Deployment, StatefulSet, DaemonSet, ReplicaSet, ReplicationController, Job, CronJob, List',
      'Terraform kubernetes_* and kubernetes_manifest',
    ],
    messages: {
      privileged: '{{object}} runs {{container}} privileged ({{field}} is true).',
    },
    fixes: SET_FIELD_FIXES,
    examples: {
      good: [
        {
          language: 'yaml',
          code: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: app\nspec:\n  containers:\n    - name: app\n      image: nginx\n      securityContext:\n        privileged: false\n',
        },
      ],
      bad: [
        {
          language: 'yaml',
          code: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: app\nspec:\n  containers:\n    - name: app\n      image: nginx\n      securityContext:\n        privileged: true\n',
        },
      ],
    },
  },
  check(ctx) {
    for (const pod of podsIn(ctx)) {
      for (const c of pod.containers) {
        const sc = c.node.get('securityContext');
        const v = sc?.kind === 'map' ? sc.get('privileged') : undefined;
        if (!isOn(v)) continue;
        ctx.report({
          file: v.file,
          range: v.range,
          messageId: 'privileged',
          data: { object: pod.object.label, container: describe(c), field: field(pod.object, 'privileged') },
          fixes: fixOf(setTitle(pod.object, 'privileged', false), v.file, v.replace(false)),
        });
      }
    }
  },
});
