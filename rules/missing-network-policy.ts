/** missing-network-policy: every namespace with workloads has a NetworkPolicy. */
import { defineRule } from '../server/src/lint/rule';
import { type KObject, isPodBearing } from '../server/src/kubernetes/objects';
import { objectsOf } from '../server/src/kubernetes/pod';
import policies from './data/network-policies.json';

function before(a: KObject, b: KObject): boolean {
  return a.file.path < b.file.path || (a.file.path === b.file.path && a.header.start < b.header.start);
}

/** For each uncovered namespace, its first workload and how many it has; null when a policy may cover them all. */
type Uncovered = Map<string, { first: KObject; count: number }> | null;

/** What the objects of a run say, worked out once: every unit of the run shares the same list. */
const UNCOVERED = new WeakMap<readonly KObject[], Uncovered>();

function uncoveredIn(all: readonly KObject[]): Uncovered {
  const known = UNCOVERED.get(all);
  if (known !== undefined) return known;
  const covered = new Set<string>();
  let result: Uncovered = new Map();
  for (const o of all) {
    if (policies.clusterWide.includes(o.kind)) result = null;
    else if (!policies.namespaced.includes(o.kind)) continue;
    // A policy whose namespace is not known may cover any of them.
    else if (o.namespace === undefined) result = null;
    else covered.add(o.namespace);
    if (!result) break;
  }
  if (result) {
    for (const o of all) {
      if (!isPodBearing(o.kind) || o.namespace === undefined || covered.has(o.namespace)) continue;
      const f = result.get(o.namespace);
      if (!f) result.set(o.namespace, { first: o, count: 1 });
      else {
        f.count++;
        if (before(o, f.first)) f.first = o;
      }
    }
  }
  UNCOVERED.set(all, result);
  return result;
}

export default defineRule({
  meta: {
    id: 'missing-network-policy',
    title: 'Segment namespaces with network policies',
    description:
      'Reports, once per namespace, workloads in a namespace that no NetworkPolicy (or Cilium or Calico policy) among the linted files covers: all their pods accept traffic from everywhere in the cluster. Manifests, Kustomize output and Terraform kubernetes_* resources are read together. Objects without a namespace count as the default namespace.',
    rationale:
      'Without a network policy a Kubernetes namespace is one flat network: any compromised pod reaches every other. SecNumCloud 13.2 requires networks segmented by sensitivity, flow type and tenant.',
    remediation: 'Add a NetworkPolicy to the namespace, starting with a default deny of ingress (podSelector: {}, policyTypes: [Ingress]) and allowing only the flows the application needs.',
    severity: 'info',
    requirements: ['13.2.a'],
    fixable: false,
    covers: ['Pod, Deployment, StatefulSet, DaemonSet, ReplicaSet, ReplicationController, Job, CronJob', 'NetworkPolicy, CiliumNetworkPolicy, CiliumClusterwideNetworkPolicy, Calico GlobalNetworkPolicy, AdminNetworkPolicy', 'Terraform kubernetes_network_policy and kubernetes_manifest'],
    limits: 'Only the linted files are known: a policy applied from elsewhere (another repository, a platform team) is not seen, hence the info severity. A namespace that comes from a variable is not judged.',
    messages: {
      uncovered: 'No NetworkPolicy among the linted files covers namespace {{namespace}}, where {{object}} runs: its pods accept traffic from the whole cluster.',
      'uncovered-and-one': 'No NetworkPolicy among the linted files covers namespace {{namespace}}, where {{object}} and {{others}} other workload run: its pods accept traffic from the whole cluster.',
      'uncovered-and-more': 'No NetworkPolicy among the linted files covers namespace {{namespace}}, where {{object}} and {{others}} other workloads run: its pods accept traffic from the whole cluster.',
    },
    examples: {
      good: [
        {
          language: 'yaml',
          code: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: app\n  namespace: shop\nspec:\n  containers:\n    - name: app\n      image: nginx\n---\napiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: default-deny\n  namespace: shop\nspec:\n  podSelector: {}\n  policyTypes: [Ingress]\n',
        },
      ],
      bad: [{ language: 'yaml', code: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: app\n  namespace: shop\nspec:\n  containers:\n    - name: app\n      image: nginx\n' }],
    },
  },
  check(ctx) {
    const uncovered = uncoveredIn(ctx.kube?.all ?? objectsOf(ctx));
    if (!uncovered) return;
    const mine = objectsOf(ctx);
    for (const [ns, { first: o, count }] of uncovered) {
      if (!mine.some((m) => m.file === o.file && m.header.start === o.header.start)) continue;
      ctx.report({
        file: o.file,
        range: o.header,
        messageId: count > 2 ? 'uncovered-and-more' : count > 1 ? 'uncovered-and-one' : 'uncovered',
        data: { namespace: ns, object: o.label, others: count - 1 },
      });
    }
  },
});
