/** run-as-root: containers run as a non-root user. */
import { defineRule } from '../server/src/lint/rule';
import { type KNode, type Where, at, isOff, isOn, missingAt, num, str } from '../server/src/kubernetes/node';
import { type Container, type Pod, describe, effective, podsIn } from '../server/src/kubernetes/pod';
import { SET_FIELD_FIXES, field, fixOf, setTitle } from './support/k8s-fix';

/** What a container's user settings say: root, not root, not set, or not known. */
type Verdict =
  | { readonly kind: 'root'; readonly node: KNode; readonly why: 'uid' | 'flag' }
  | { readonly kind: 'ok' | 'unset' | 'unknown' };

function verdict(pod: Pod, c: Container): Verdict {
  const user = effective(pod, c, 'runAsUser');
  const nonRoot = effective(pod, c, 'runAsNonRoot');
  const uid = num(user?.node);
  if (uid === 0) return { kind: 'root', node: user!.node, why: 'uid' };
  if (uid !== undefined && uid > 0) return { kind: 'ok' };
  if (user && user.node.kind !== 'scalar') return { kind: 'unknown' };
  if (isOn(nonRoot?.node)) return { kind: 'ok' };
  if (isOff(nonRoot?.node)) return { kind: 'root', node: nonRoot!.node, why: 'flag' };
  if (nonRoot) return { kind: 'unknown' };
  return { kind: 'unset' };
}

export default defineRule({
  meta: {
    id: 'run-as-root',
    title: 'Run containers as a non-root user',
    description:
      'Reports containers that run as root: runAsUser 0 or runAsNonRoot false (error), and pods or ' +
      'containers that set neither runAsNonRoot: true nor a non-zero runAsUser, so that the image decides ' +
      "and root is the usual default (warning). The container's security context wins over the pod's. " +
      'Every pod-bearing kind and Terraform kubernetes_* resources are read.',
    rationale:
      'Root in a container is root on the node as soon as anything else gives way (a mounted path, a ' +
      'capability, a kernel flaw). SecNumCloud 5.1 asks for systems configured for the best level of ' +
      'security, and 9.7 for isolation between tenants and between the service and other systems.',
    remediation:
      'Set securityContext.runAsNonRoot: true on the pod (run_as_non_root = true in Terraform) and build ' +
      'images with a non-root USER; set runAsUser to a non-zero id where the image has none.',
    severity: 'error',
    requirements: ['5.1.a', '9.7'],
    fixable: true,
    covers: [
      'Pod, Deployment, StatefulSet, DaemonSet, ReplicaSet, ReplicationController, Job, CronJob, List',
      'Terraform kubernetes_* and kubernetes_manifest',
    ],
    limits:
      "The image's own USER is not visible in the configuration; a pod that sets nothing is reported as a " +
      'warning. Windows pods are not judged.',
    messages: {
      'root-uid': '{{object}} runs {{containers}} as root: {{field}} is 0.',
      'root-allowed': '{{object}} allows {{containers}} to run as root: {{field}} is false.',
      'may-run-as-root':
        '{{object}} may run {{containers}} as root: neither {{nonRoot}} nor a non-zero {{user}} is set, so ' +
        'the image decides and root is the usual default.',
    },
    fixes: SET_FIELD_FIXES,
    examples: {
      good: [
        {
          language: 'yaml',
          code: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: app\nspec:\n  securityContext:\n    runAsNonRoot: true\n  containers:\n    - name: app\n      image: nginx\n',
        },
      ],
      bad: [
        {
          language: 'yaml',
          code: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: app\nspec:\n  securityContext:\n    runAsUser: 0\n  containers:\n    - name: app\n      image: nginx\n',
        },
      ],
    },
  },
  check(ctx) {
    for (const pod of podsIn(ctx)) {
      if (str(at(pod.spec, 'os', 'name')) === 'windows') continue;
      const obj = pod.object;
      const reported = new Set<string>();
      const unset: Container[] = [];
      for (const c of pod.containers) {
        const v = verdict(pod, c);
        if (v.kind === 'unset') unset.push(c);
        if (v.kind !== 'root') continue;
        const key = `${v.node.file.path}:${v.node.range.start}`;
        if (reported.has(key)) continue;
        reported.add(key);
        const who =
          pod.containers.length > 1 &&
          v.node.file === c.node.file &&
          v.node.range.start > c.node.range.start &&
          v.node.range.end <= c.node.range.end
            ? describe(c)
            : 'its containers';
        if (v.why === 'uid') {
          ctx.report({
            file: v.node.file,
            range: v.node.range,
            messageId: 'root-uid',
            data: { object: obj.label, containers: who, field: field(obj, 'runAsUser') },
          });
        } else {
          const fix = v.node.kind === 'scalar' ? v.node.replace(true) : undefined;
          ctx.report({
            file: v.node.file,
            range: v.node.range,
            messageId: 'root-allowed',
            data: { object: obj.label, containers: who, field: field(obj, 'runAsNonRoot') },
            fixes: fixOf(setTitle(obj, 'runAsNonRoot', true), v.node.file, fix),
          });
        }
      }
      if (!unset.length) continue;
      const title = setTitle(obj, 'runAsNonRoot', true);
      const fields = { nonRoot: field(obj, 'runAsNonRoot'), user: field(obj, 'runAsUser') };
      if (unset.length === pod.containers.length) {
        const where = removedSetting(pod, undefined) ?? { file: pod.spec.file, range: pod.spec.header };
        ctx.report({
          file: where.file,
          range: where.range,
          severity: 'warning',
          messageId: 'may-run-as-root',
          data: { object: obj.label, containers: 'its containers', ...fields },
          fixes: fixOf(title, pod.spec.file, pod.spec.set(['securityContext', 'runAsNonRoot'], true)),
        });
      } else {
        for (const c of unset) {
          const where = removedSetting(pod, c) ?? { file: c.node.file, range: c.node.header };
          ctx.report({
            file: where.file,
            range: where.range,
            severity: 'warning',
            messageId: 'may-run-as-root',
            data: { object: obj.label, containers: describe(c), ...fields },
            fixes: fixOf(title, c.node.file, c.node.set(['securityContext', 'runAsNonRoot'], true)),
          });
        }
      }
    }
  },
});

/** Where an overlay removed the runAsNonRoot a container (or, without one, the pod) would have run with. */
function removedSetting(pod: Pod, c: Container | undefined): Where | undefined {
  for (const node of c ? [c.node, pod.spec] : [pod.spec, ...pod.containers.map((x) => x.node)]) {
    const w = missingAt(node, 'securityContext', 'runAsNonRoot');
    if (w.file !== node.file || w.range !== node.header) return w;
  }
  return undefined;
}
