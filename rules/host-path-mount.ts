/** host-path-mount: pods do not mount directories or sockets of the node. */
import { defineRule } from '../server/src/lint/rule';
import { str } from '../server/src/kubernetes/node';
import { podsIn } from '../server/src/kubernetes/pod';
import hostPaths from './data/host-paths.json';

interface PathRow {
  readonly path: string;
  readonly what: string;
  readonly exact?: boolean;
}

/** `/var//run/` → `/var/run`. */
function normalise(path: string): string {
  const p = path.trim().replace(/\/+/g, '/');
  return p.length > 1 ? p.replace(/\/$/, '') : p;
}

function match(rows: readonly PathRow[], path: string): PathRow | undefined {
  return rows.find((r) => path === r.path || (!r.exact && path.startsWith(r.path === '/' ? '/' : `${r.path}/`)));
}

export default defineRule({
  meta: {
    id: 'host-path-mount',
    title: "Do not mount the node's files into pods",
    description:
      'Reports hostPath volumes of pods (every pod-bearing kind, and Terraform kubernetes_* resources). ' +
      'The container runtime sockets (Docker, containerd, CRI-O) and system directories (/, /etc, /proc, ' +
      '/sys, /var/lib/kubelet, ...) are called out as errors; other host paths are warnings.',
    rationale:
      'A hostPath volume breaks the wall between the pod and its node. The runtime socket gives control of ' +
      'every container of the node; system directories give its credentials, configuration and kernel ' +
      "interfaces, and through them the other tenants' workloads. SecNumCloud 9.7 requires isolation " +
      'between tenants and between the service and other systems; 5.1 asks for the most secure ' +
      'configuration.',
    remediation:
      'Use a persistentVolumeClaim, emptyDir, configMap or secret volume instead. Node agents that truly ' +
      'need a host path should mount the narrowest path read-only, with a suppression giving the reason.',
    severity: 'error',
    requirements: ['5.1.a', '9.7'],
    fixable: false,
    covers: [
      'Pod, Deployment, StatefulSet, DaemonSet, ReplicaSet, ReplicationController, Job, CronJob, List',
      'Terraform kubernetes_* (volume { host_path }) and kubernetes_manifest',
    ],
    limits: 'A path that comes from a variable is not known and not reported.',
    messages: {
      socket: '{{object}} mounts the host path {{path}} ({{volume}}): {{what}}, which gives control of every ' + 'container on the node.',
      system: '{{object}} mounts the host path {{path}} ({{volume}}): {{what}}.',
      other: "{{object}} mounts the host path {{path}} ({{volume}}): the pod reads or writes the node's file system.",
    },
    examples: {
      good: [
        {
          language: 'yaml',
          code: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: app\nspec:\n  containers:\n    - name: app\n      image: nginx\n  volumes:\n    - name: cache\n      emptyDir: {}\n',
        },
      ],
      bad: [
        {
          language: 'yaml',
          code: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: app\nspec:\n  containers:\n    - name: app\n      image: docker\n  volumes:\n    - name: docker\n      hostPath:\n        path: /var/run/docker.sock\n',
        },
      ],
    },
  },
  check(ctx) {
    for (const pod of podsIn(ctx)) {
      for (const vol of pod.spec.list('volumes')) {
        const hp = vol.kind === 'map' ? vol.get('hostPath') : undefined;
        const node = hp?.kind === 'map' ? hp.get('path') : undefined;
        const raw = str(node);
        if (!node || raw === undefined) continue;
        const path = normalise(raw);
        const socket = match(hostPaths.sockets, path);
        const system = socket ? undefined : match(hostPaths.system, path);
        const name = vol.kind === 'map' ? str(vol.get('name')) : undefined;
        const volume = name ? `volume ${name}` : 'a volume';
        ctx.report({
          file: node.file,
          range: node.range,
          messageId: socket ? 'socket' : system ? 'system' : 'other',
          data: { object: pod.object.label, path: raw, volume, what: (socket ?? system)?.what ?? '' },
          severity: socket || system ? undefined : 'warning',
        });
      }
    }
  },
});
