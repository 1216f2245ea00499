/**
 * Terraform's `kubernetes_*` resources and `kubernetes_manifest` read as Kubernetes objects of the
 * neutral tree, with ranges into the .tf file and edits that keep `terraform fmt` layout.
 */
import type { Range, SourceFile } from '../engine/source';
import type { Value } from '../engine/value';
import { type Block, attr, blocks } from '../terraform/ast';
import { appendBlock, insertAttribute } from '../terraform/edits';
import type { TerraformModule, TfResource } from '../terraform/model';
import { type FileEdit, type KMap, type KNode, type Scalar, firstLine, str } from './node';

/** Resource types of the Kubernetes provider and the kind each one declares. */
const KINDS: Readonly<Record<string, string>> = {
  kubernetes_pod: 'Pod',
  kubernetes_pod_v1: 'Pod',
  kubernetes_deployment: 'Deployment',
  kubernetes_deployment_v1: 'Deployment',
  kubernetes_stateful_set: 'StatefulSet',
  kubernetes_stateful_set_v1: 'StatefulSet',
  kubernetes_daemonset: 'DaemonSet',
  kubernetes_daemon_set_v1: 'DaemonSet',
  kubernetes_replication_controller: 'ReplicationController',
  kubernetes_replication_controller_v1: 'ReplicationController',
  kubernetes_job: 'Job',
  kubernetes_job_v1: 'Job',
  kubernetes_cron_job: 'CronJob',
  kubernetes_cron_job_v1: 'CronJob',
  kubernetes_network_policy: 'NetworkPolicy',
  kubernetes_network_policy_v1: 'NetworkPolicy',
  kubernetes_service_account: 'ServiceAccount',
  kubernetes_service_account_v1: 'ServiceAccount',
};

/** Kubernetes field names whose Terraform names are not plain snake_case, or singular blocks. */
const NAMES: Readonly<Record<string, string>> = {
  containers: 'container',
  initContainers: 'init_container',
  volumes: 'volume',
  volumeMounts: 'volume_mount',
  ports: 'port',
  hostPID: 'host_pid',
  hostIPC: 'host_ipc',
  imagePullSecrets: 'image_pull_secrets',
  hostAliases: 'host_aliases',
};

/** The Terraform argument or block name of a Kubernetes field. */
export function tfName(key: string): string {
  return NAMES[key] ?? key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
}

/** A Kubernetes object declared in Terraform. */
export interface TfKubeObject {
  readonly kind: string;
  readonly resource: TfResource;
  /** The object's root: the resource block, or the `manifest` value of a kubernetes_manifest. */
  readonly root: KMap;
  readonly metadata: KNode | undefined;
}

/** The Kubernetes objects a Terraform module declares. */
export function kubeObjectsOf(mod: TerraformModule): TfKubeObject[] {
  const out: TfKubeObject[] = [];
  for (const r of mod.resources) {
    if (r.mode !== 'resource') continue;
    const kind = KINDS[r.type];
    if (kind) {
      const root = blockMap(mod, r.file, r.block, r.block.headerRange);
      out.push({ kind, resource: r, root, metadata: root.get('metadata') });
    } else if (r.type === 'kubernetes_manifest') {
      const m = mod.attr(r.block, 'manifest');
      if (!m) continue;
      const root = valueNode(r.file, m.value);
      const k = root.kind === 'map' ? str(root.get('kind')) : undefined;
      if (root.kind === 'map' && k) out.push({ kind: k, resource: r, root, metadata: root.get('metadata') });
    }
  }
  return out;
}

function hcl(value: Scalar): string {
  return typeof value === 'string' ? JSON.stringify(value) : String(value);
}

/** A Terraform block as a map: arguments are values, nested blocks are maps (repeated ones a list). */
function blockMap(mod: TerraformModule, file: SourceFile, block: Block, header: Range): KMap {
  const dynamic = (name: string): Block | undefined => block.body.blocks.find((b) => b.type === 'dynamic' && b.labels[0] === name);
  const get = (key: string): KNode | undefined => {
    const name = tfName(key);
    const a = attr(block.body, name);
    if (a) return valueNode(file, mod.evaluate(a.expr), a.nameRange);
    const d = dynamic(name);
    if (d) return { kind: 'unknown', file, range: d.headerRange, reason: `dynamic "${name}" blocks are known only at plan time` };
    const bs = blocks(block.body, name);
    return bs[0] ? blockMap(mod, file, bs[0], bs[0].headerRange) : undefined;
  };
  return {
    kind: 'map',
    file,
    range: block.range,
    header,
    keys: () => [...block.body.attributes.map((a) => a.name), ...block.body.blocks.map((b) => b.type)],
    get,
    list: (key) => {
      const name = tfName(key);
      const a = attr(block.body, name);
      if (a) {
        const v = valueNode(file, mod.evaluate(a.expr), a.nameRange);
        return v.kind === 'list' ? v.items : v.kind === 'unknown' ? [v] : [];
      }
      const out: KNode[] = blocks(block.body, name).map((b) => blockMap(mod, file, b, b.headerRange));
      const d = dynamic(name);
      if (d) out.push({ kind: 'unknown', file, range: d.headerRange, reason: `dynamic "${name}" blocks are known only at plan time` });
      return out;
    },
    set: (path, value) => {
      if (path.length === 0) return undefined;
      const [key, ...rest] = path as [string, ...string[]];
      const name = tfName(key);
      const existing = get(key);
      if (existing) {
        if (rest.length === 0) return existing.kind === 'scalar' ? existing.replace(value) : undefined;
        const bs = blocks(block.body, name);
        return existing.kind === 'map' && bs.length === 1 ? existing.set(rest, value) : undefined;
      }
      const edit =
        rest.length === 0 ? insertAttribute(file, block, name, hcl(value)) : appendBlock(file, block, nestedLines(rest, value, name));
      return edit && { file, edit };
    },
  };
}

/** `name {` ... `}` lines that set a value at a path, one level of two spaces per block. */
function nestedLines(path: readonly string[], value: Scalar, name: string): string[] {
  const [key, ...rest] = path as [string, ...string[]];
  const inner = rest.length === 0 ? [`${tfName(key)} = ${hcl(value)}`] : nestedLines(rest, value, tfName(key));
  return [`${name} {`, ...inner.map((l) => `  ${l}`), '}'];
}

/** The range of a `name` that is a string. */
function nameRange(n: KNode | undefined): Range | undefined {
  return n?.kind === 'scalar' && typeof n.value === 'string' ? n.range : undefined;
}

/** Whether `inner` lies within `outer`. */
function inside(inner: Range, outer: Range): boolean {
  return inner.start >= outer.start && inner.end <= outer.end;
}

/**
 * An evaluated value as a node; only literal scalars can be replaced. Parts of a value computed
 * elsewhere (a variable's default, a local) are placed on the expression that uses them here.
 */
export function valueNode(file: SourceFile, v: Value, header?: Range, within?: Range): KNode {
  if (within && !inside(v.range, within)) v = { ...v, range: within, origin: 'evaluated' } as Value;
  const range = v.range;
  switch (v.kind) {
    case 'unknown':
      return { kind: 'unknown', file, range, reason: v.reason };
    case 'list':
      return { kind: 'list', file, range, items: v.items.map((i) => valueNode(file, i, undefined, range)) };
    case 'map': {
      const get = (key: string): KNode | undefined => {
        const e = v.entries.get(key);
        return e ? valueNode(file, e, undefined, range) : undefined;
      };
      return {
        kind: 'map',
        file,
        range,
        // A list item is best named by its `name`: `name = "app"` says which container.
        header: header ?? nameRange(get('name')) ?? firstLine(file, range),
        keys: () => [...v.entries.keys()],
        get,
        list: (key) => {
          const e = get(key);
          return e?.kind === 'list' ? e.items : [];
        },
        set: (path, value): FileEdit | undefined => {
          const e = path.length ? get(path[0]!) : undefined;
          if (!e) return undefined;
          if (path.length === 1) return e.kind === 'scalar' ? e.replace(value) : undefined;
          return e.kind === 'map' ? e.set(path.slice(1), value) : undefined;
        },
      };
    }
    default: {
      const value: Scalar = v.kind === 'null' ? null : v.value;
      return {
        kind: 'scalar',
        file,
        range,
        value,
        replace: (to) => (v.origin === 'literal' ? { file, edit: { range, newText: hcl(to) } } : undefined),
      };
    }
  }
}
