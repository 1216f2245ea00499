/** privilege-escalation: containers cannot gain more privileges than their parent process. */
import { defineRule } from '../server/src/lint/rule';
import { isOn, missingAt } from '../server/src/kubernetes/node';
import { describe, podsIn } from '../server/src/kubernetes/pod';
import { SET_FIELD_FIXES, field, fixOf, setTitle } from './support/k8s-fix';

export default defineRule({
  meta: {
    id: 'privilege-escalation',
    title: 'Forbid privilege escalation in containers',
    description:
      'Reports containers whose securityContext.allowPrivilegeEscalation is true (error) or not set, where ' +
      'Kubernetes defaults it to true (warning; not for privileged containers, which privileged-container ' +
      'reports). Every pod-bearing kind and Terraform kubernetes_* resources are read.',
    rationale:
      'Unless allowPrivilegeEscalation is false, a process in the container can gain privileges through ' +
      'setuid binaries or file capabilities, the first step of most container escapes. SecNumCloud 5.1 ' +
      'asks for systems configured for the best level of security, and 9.7 for isolation between tenants ' +
      'and between the service and other systems.',
    remediation:
      'Set securityContext.allowPrivilegeEscalation: false on every container (allow_privilege_escalation ' + '= false in Terraform).',
    severity: 'error',
    requirements: ['5.1.a', '9.7'],
    fixable: true,
    covers: [
      'Pod, Deployment, StatefulSet, DaemonSet, ReplicaSet, ReplicationController, Job, CronJob, List',
      'Terraform kubernetes_* and kubernetes_manifest',
    ],
    limits: 'A security context built by a dynamic block or from a variable is not known and not reported.',
    messages: {
      'escalation-on': '{{object}} lets {{container}} gain privileges: {{field}} is true.',
      'escalation-default': '{{object}} lets {{container}} gain privileges: {{field}} is not set and defaults to true.',
    },
    fixes: SET_FIELD_FIXES,
    examples: {
      good: [
        {
          language: 'yaml',
          code: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: app\nspec:\n  containers:\n    - name: app\n      image: nginx\n      securityContext:\n        allowPrivilegeEscalation: false\n',
        },
      ],
      bad: [
        {
          language: 'yaml',
          code: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: app\nspec:\n  containers:\n    - name: app\n      image: nginx\n      securityContext:\n        allowPrivilegeEscalation: true\n',
        },
      ],
    },
  },
  check(ctx) {
    for (const pod of podsIn(ctx)) {
      const obj = pod.object;
      for (const c of pod.containers) {
        const written = c.node.get('securityContext');
        // `securityContext:` with nothing under it is no security context; anything else unreadable is not judged.
        if (written && written.kind !== 'map' && !(written.kind === 'scalar' && written.value === null)) continue;
        const sc = written?.kind === 'map' ? written : undefined;
        const v = sc?.get('allowPrivilegeEscalation');
        const name = field(obj, 'allowPrivilegeEscalation');
        if (isOn(v)) {
          ctx.report({
            file: v.file,
            range: v.range,
            messageId: 'escalation-on',
            data: { object: obj.label, container: describe(c), field: name },
            fixes: fixOf(setTitle(obj, 'allowPrivilegeEscalation', false), v.file, v.replace(false)),
          });
        } else if (!v && !isOn(sc?.get('privileged'))) {
          const where = missingAt(c.node, 'securityContext', 'allowPrivilegeEscalation');
          ctx.report({
            file: where.file,
            range: where.range,
            messageId: 'escalation-default',
            data: { object: obj.label, container: describe(c), field: name },
            severity: 'warning',
            fixes: fixOf(
              setTitle(obj, 'allowPrivilegeEscalation', false),
              c.node.file,
              c.node.set(['securityContext', 'allowPrivilegeEscalation'], false),
            ),
          });
        }
      }
    }
  },
});
