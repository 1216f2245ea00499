/** service-account-token-automount: pods get an API token only when they need one. */
import { defineRule } from '../server/src/lint/rule';
import { isOff, isOn, missingAt, str } from '../server/src/kubernetes/node';
import type { KObject } from '../server/src/kubernetes/objects';
import { objectsOf, podsIn } from '../server/src/kubernetes/pod';
import { SET_FIELD_FIXES, field, fixOf, setTitle } from './support/k8s-fix';

/** The ServiceAccounts of a run by namespace and name (the first of each), gathered once per run's object list. */
const ACCOUNTS = new WeakMap<readonly KObject[], Map<string | undefined, Map<string | undefined, KObject>>>();

/** The ServiceAccount object of a name and namespace among the linted files. */
function accountOf(all: readonly KObject[], name: string, namespace: string | undefined): KObject | undefined {
  let byNamespace = ACCOUNTS.get(all);
  if (!byNamespace) {
    byNamespace = new Map();
    for (const o of all) {
      if (o.kind !== 'ServiceAccount') continue;
      let byName = byNamespace.get(o.namespace);
      if (!byName) byNamespace.set(o.namespace, (byName = new Map()));
      if (!byName.has(o.name)) byName.set(o.name, o);
    }
    ACCOUNTS.set(all, byNamespace);
  }
  return byNamespace.get(namespace)?.get(name);
}

/** A service account's key: its name and namespace. */
function accountKey(name: string, namespace: string | undefined): string {
  return JSON.stringify([name, namespace ?? null]);
}

/** Whether a ServiceAccount leaves the token to its pods (`mounts`) or turns it off or sets it to something not true (`quiet`). */
function mounting(sa: KObject): 'mounts' | 'quiet' {
  const v = sa.root.get('automountServiceAccountToken');
  return isOff(v) || (v && !isOn(v)) ? 'quiet' : 'mounts';
}

export default defineRule({
  meta: {
    id: 'service-account-token-automount',
    title: 'Mount service account tokens only where they are needed',
    description:
      'Reports pods whose automountServiceAccountToken is true, or not set while their ServiceAccount ' +
      '(when it is among the linted files) does not turn it off: Kubernetes then mounts an API token into ' +
      'every container. Every pod-bearing kind and Terraform kubernetes_* resources are read.',
    rationale:
      "A mounted token lets anyone who takes over the container call the Kubernetes API with the pod's " +
      'identity, the usual next step of an intrusion. SecNumCloud 9.7 restricts access to information to ' +
      'what each party needs; 5.1 asks for the most secure configuration.',
    remediation:
      'Set automountServiceAccountToken: false on the pod or on its ServiceAccount ' +
      '(automount_service_account_token = false in Terraform); mount a projected token only into pods that ' +
      'call the API.',
    severity: 'warning',
    requirements: ['5.1.a', '9.7'],
    fixable: true,
    covers: [
      'Pod, Deployment, StatefulSet, DaemonSet, ReplicaSet, ReplicationController, Job, CronJob, List',
      'ServiceAccount objects among the linted files',
      'Terraform kubernetes_* and kubernetes_manifest',
    ],
    limits: "A ServiceAccount outside the linted files is not known; the pod's own setting decides then.",
    messages: {
      'token-on': '{{object}} mounts a Kubernetes API token into its containers: {{field}} is true.',
      'token-default-account':
        '{{object}} mounts the API token of service account {{account}} into its containers: {{field}} is ' +
        'not set to false on the pod or its ServiceAccount.',
      'token-default':
        '{{object}} mounts the API token of service account {{account}} into its containers: {{field}} is ' + 'not set to false.',
    },
    fixes: SET_FIELD_FIXES,
    examples: {
      good: [
        {
          language: 'yaml',
          code: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: app\nspec:\n  automountServiceAccountToken: false\n  containers:\n    - name: app\n      image: nginx\n',
        },
      ],
      bad: [
        {
          language: 'yaml',
          code: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: app\nspec:\n  automountServiceAccountToken: true\n  containers:\n    - name: app\n      image: nginx\n',
        },
      ],
    },
  },
  check(ctx) {
    const all = ctx.kube?.all ?? objectsOf(ctx);
    for (const pod of podsIn(ctx)) {
      const obj = pod.object;
      const name = field(obj, 'automountServiceAccountToken');
      const v = pod.spec.get('automountServiceAccountToken');
      if (isOn(v)) {
        ctx.report({
          file: v.file,
          range: v.range,
          messageId: 'token-on',
          data: { object: obj.label, field: name },
          fixes: fixOf(setTitle(obj, 'automountServiceAccountToken', false), v.file, v.replace(false)),
        });
        continue;
      }
      if (v) continue;
      const saNode = pod.spec.get('serviceAccountName') ?? pod.spec.get('serviceAccount');
      if (saNode && saNode.kind !== 'scalar') continue;
      const account = str(saNode) ?? 'default';
      const sa = accountOf(all, account, obj.namespace);
      if (sa && mounting(sa) === 'quiet') continue;
      const where = missingAt(pod.spec, 'automountServiceAccountToken');
      ctx.report({
        file: where.file,
        range: where.range,
        messageId: sa ? 'token-default-account' : 'token-default',
        data: { object: obj.label, account, field: name },
        fixes: fixOf(
          setTitle(obj, 'automountServiceAccountToken', false),
          pod.spec.file,
          pod.spec.set(['automountServiceAccountToken'], false),
        ),
        // The service account may be in another group of the run.
        ...(sa ? {} : { pending: accountKey(account, obj.namespace) }),
      });
    }
  },
  across: {
    /** Each service account's setting, the first of a name and namespace only, as `accountOf` finds it. */
    summarize: (all): [string, 'mounts' | 'quiet'][] => {
      const seen = new Map<string, 'mounts' | 'quiet'>();
      for (const o of all)
        if (o.kind === 'ServiceAccount' && o.name !== undefined && !seen.has(accountKey(o.name, o.namespace)))
          seen.set(accountKey(o.name, o.namespace), mounting(o));
      return [...seen];
    },
    read(data): [string, 'mounts' | 'quiet'][] | undefined {
      if (!Array.isArray(data)) return undefined;
      const out: [string, 'mounts' | 'quiet'][] = [];
      for (const e of data as unknown[]) {
        if (!Array.isArray(e) || e.length !== 2) return undefined;
        const [key, state] = e as unknown[];
        if (typeof key !== 'string' || (state !== 'mounts' && state !== 'quiet')) return undefined;
        out.push([key, state]);
      }
      return out;
    },
    finish(summaries) {
      const accounts = new Map<string, 'mounts' | 'quiet'>();
      for (const s of summaries) for (const [k, v] of s) if (!accounts.has(k)) accounts.set(k, v);
      return (p) => {
        const state = accounts.get(p.key);
        if (state === 'quiet') return undefined;
        return { messageId: state === 'mounts' ? 'token-default-account' : p.messageId, data: p.data };
      };
    },
  },
});
