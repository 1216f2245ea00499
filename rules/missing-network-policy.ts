/** missing-network-policy: every namespace with workloads has a NetworkPolicy. */
import { defineRule } from '../server/src/lint/rule';
import { type KObject, isPodBearing } from '../server/src/kubernetes/objects';
import { objectsOf } from '../server/src/kubernetes/pod';
import policies from './data/network-policies.json';

function before(a: KObject, b: KObject): boolean {
  return a.file.path < b.file.path || (a.file.path === b.file.path && a.header.start < b.header.start);
}

/** What the rule keeps of a group's objects: whether a policy may cover every namespace, the covered ones, and per namespace its first workload and their count. */
interface Summary {
  readonly blocked: boolean;
  readonly covered: readonly string[];
  readonly workloads: readonly { readonly namespace: string; readonly count: number; readonly path: string; readonly start: number }[];
}

/** The namespaces `all` covers with a policy, and each uncovered namespace's first workload (by file and place) and count. */
function summarize(all: readonly KObject[]): {
  blocked: boolean;
  covered: string[];
  workloads: { namespace: string; count: number; first: KObject }[];
} {
  const covered = new Set<string>();
  for (const o of all) {
    if (policies.clusterWide.includes(o.kind)) return { blocked: true, covered: [], workloads: [] };
    if (!policies.namespaced.includes(o.kind)) continue;
    // A policy whose namespace is not known may cover any of them.
    if (o.namespace === undefined) return { blocked: true, covered: [], workloads: [] };
    covered.add(o.namespace);
  }
  const first = new Map<string, { namespace: string; count: number; first: KObject }>();
  for (const o of all) {
    if (!isPodBearing(o.kind) || o.namespace === undefined || covered.has(o.namespace)) continue;
    const f = first.get(o.namespace);
    if (!f) first.set(o.namespace, { namespace: o.namespace, count: 1, first: o });
    else {
      f.count++;
      if (before(o, f.first)) f.first = o;
    }
  }
  return { blocked: false, covered: [...covered], workloads: [...first.values()] };
}

function messageFor(count: number): 'uncovered' | 'uncovered-and-one' | 'uncovered-and-more' {
  return count > 2 ? 'uncovered-and-more' : count > 1 ? 'uncovered-and-one' : 'uncovered';
}

export default defineRule({
  meta: {
    id: 'missing-network-policy',
    title: 'Segment namespaces with network policies',
    description:
      'Reports, once per namespace, workloads in a namespace that no NetworkPolicy (or Cilium or Calico ' +
      'policy) among the linted files covers: all their pods accept traffic from everywhere in the ' +
      'cluster. Manifests, Kustomize output and Terraform kubernetes_* resources are read together. ' +
      'Objects without a namespace count as the default namespace.',
    rationale:
      'Without a network policy a Kubernetes namespace is one flat network: any compromised pod reaches ' +
      'every other. SecNumCloud 13.2 requires networks segmented by sensitivity, flow type and tenant.',
    remediation:
      'Add a NetworkPolicy to the namespace, starting with a default deny of ingress (podSelector: {}, ' +
      'policyTypes: [Ingress]) and allowing only the flows the application needs.',
    severity: 'info',
    requirements: ['13.2.a'],
    fixable: false,
    covers: [
      'Pod, Deployment, StatefulSet, DaemonSet, ReplicaSet, ReplicationController, Job, CronJob',
      'NetworkPolicy, CiliumNetworkPolicy, CiliumClusterwideNetworkPolicy, Calico GlobalNetworkPolicy, AdminNetworkPolicy',
      'Terraform kubernetes_network_policy and kubernetes_manifest',
    ],
    limits:
      'Only the linted files are known: a policy applied from elsewhere (another repository, a platform ' +
      'team) is not seen, hence the info severity. A namespace that comes from a variable is not judged.',
    messages: {
      uncovered:
        'No NetworkPolicy among the linted files covers namespace {{namespace}}, where {{object}} runs: its ' +
        'pods accept traffic from the whole cluster.',
      'uncovered-and-one':
        'No NetworkPolicy among the linted files covers namespace {{namespace}}, where {{object}} and ' +
        '{{others}} other workload run: its pods accept traffic from the whole cluster.',
      'uncovered-and-more':
        'No NetworkPolicy among the linted files covers namespace {{namespace}}, where {{object}} and ' +
        '{{others}} other workloads run: its pods accept traffic from the whole cluster.',
    },
    examples: {
      good: [
        {
          language: 'yaml',
          code:
            'apiVersion: v1\nkind: Pod\nmetadata:\n  name: app\n  namespace: shop\nspec:\n  containers:\n    - ' +
            'name: app\n      image: nginx\n---\napiVersion: networking.k8s.io/v1\nkind: ' +
            'NetworkPolicy\nmetadata:\n  name: default-deny\n  namespace: shop\nspec:\n  podSelector: {}\n  ' +
            'policyTypes: [Ingress]\n',
        },
      ],
      bad: [
        {
          language: 'yaml',
          code: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: app\n  namespace: shop\nspec:\n  containers:\n    - name: app\n      image: nginx\n',
        },
      ],
    },
  },
  check(ctx) {
    const all = ctx.kube?.all ?? objectsOf(ctx);
    const here = summarize(all);
    if (here.blocked) return;
    const mine = objectsOf(ctx);
    for (const w of here.workloads) {
      const o = w.first;
      if (!mine.some((m) => m.file === o.file && m.header.start === o.header.start)) continue;
      // Other groups of the run may hold a policy for this namespace, an earlier workload or more of them.
      ctx.report({
        file: o.file,
        range: o.header,
        messageId: messageFor(w.count),
        data: { namespace: w.namespace, object: o.label, others: w.count - 1 },
        pending: w.namespace,
      });
    }
  },
  across: {
    summarize: (all): Summary => {
      const s = summarize(all);
      return {
        blocked: s.blocked,
        covered: s.covered,
        workloads: s.workloads.map((w) => ({
          namespace: w.namespace,
          count: w.count,
          path: w.first.file.path,
          start: w.first.header.start,
        })),
      };
    },
    read(data): Summary | undefined {
      if (typeof data !== 'object' || data === null || Array.isArray(data)) return undefined;
      const d = data as Record<string, unknown>;
      const { blocked, covered, workloads } = d;
      if (typeof blocked !== 'boolean' || !Array.isArray(covered) || !Array.isArray(workloads)) return undefined;
      if (!covered.every((c) => typeof c === 'string')) return undefined;
      const count = (n: unknown): n is number => typeof n === 'number' && Number.isInteger(n) && n >= 0;
      const read: Summary['workloads'][number][] = [];
      for (const w of workloads as unknown[]) {
        if (typeof w !== 'object' || w === null) return undefined;
        const { namespace, count: c, path, start } = w as Record<string, unknown>;
        if (typeof namespace !== 'string' || !count(c) || c < 1 || typeof path !== 'string' || !count(start)) return undefined;
        read.push({ namespace, count: c, path, start });
      }
      return { blocked, covered: covered as string[], workloads: read };
    },
    finish(summaries) {
      const blocked = summaries.some((s) => s.blocked);
      const covered = new Set(summaries.flatMap((s) => s.covered));
      const first = new Map<string, { count: number; path: string; start: number }>();
      for (const s of summaries) {
        for (const w of s.workloads) {
          const f = first.get(w.namespace);
          if (!f) first.set(w.namespace, { ...w });
          else {
            f.count += w.count;
            if (w.path < f.path || (w.path === f.path && w.start < f.start)) [f.path, f.start] = [w.path, w.start];
          }
        }
      }
      return (p) => {
        const w = first.get(p.key);
        if (blocked || covered.has(p.key) || !w || w.path !== p.path || w.start !== p.start) return undefined;
        return { messageId: messageFor(w.count), data: { ...p.data, others: w.count - 1 } };
      };
    },
  },
});
