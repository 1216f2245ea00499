/** Kubernetes objects from every source (manifests, Terraform, Kustomize) as one kind of value. */
import type { Range, SourceFile } from '../engine/source';
import type { TerraformModule } from '../terraform/model';
import { fromDoc } from './from-doc';
import { kubeObjectsOf } from './from-terraform';
import type { K8sObject } from './model';
import { type KMap, type KNode, mapAt, str } from './node';

/** Where an object was declared. */
export type Origin = 'manifest' | 'terraform' | 'kustomize';

/** A Kubernetes object, whatever wrote it. */
export interface KObject {
  readonly kind: string;
  readonly name: string | undefined;
  /** The namespace; undefined when written as something the configuration does not determine. */
  readonly namespace: string | undefined;
  /** How the object is named in messages: `Deployment web`, `kubernetes_deployment.web`. */
  readonly label: string;
  readonly file: SourceFile;
  /** Where something missing from the whole object is reported. */
  readonly header: Range;
  readonly root: KMap;
  readonly origin: Origin;
  /** The kustomization that rendered it, as messages name it (`overlays/dev`). */
  readonly overlay?: string;
  /** How fields are written: YAML/JSON keys, Terraform block arguments, or keys of an HCL object. */
  readonly style: 'yaml' | 'hcl-block' | 'hcl-object';
}

/** Where the pod spec sits in each pod-bearing kind. */
const POD_PATHS: Readonly<Record<string, readonly string[]>> = {
  Pod: ['spec'],
  PodTemplate: ['template', 'spec'],
  Deployment: ['spec', 'template', 'spec'],
  StatefulSet: ['spec', 'template', 'spec'],
  DaemonSet: ['spec', 'template', 'spec'],
  ReplicaSet: ['spec', 'template', 'spec'],
  ReplicationController: ['spec', 'template', 'spec'],
  Job: ['spec', 'template', 'spec'],
  CronJob: ['spec', 'jobTemplate', 'spec', 'template', 'spec'],
};

/** Whether a kind carries a pod template. */
export function isPodBearing(kind: string): boolean {
  return kind in POD_PATHS;
}

/** Where the pod spec sits in an object of this kind; undefined for a kind without pods. */
export function podSpecPath(kind: string): readonly string[] | undefined {
  return POD_PATHS[kind];
}

/** The pod spec of a pod-bearing object. */
export function podSpecOf(obj: KObject): KMap | undefined {
  const path = podSpecPath(obj.kind);
  return path ? mapAt(obj.root, ...path) : undefined;
}

/** The namespace of a metadata node: missing is `default`; a value not known is undefined. */
export function namespaceOf(metadata: KNode | undefined): string | undefined {
  const ns = metadata?.kind === 'map' ? metadata.get('namespace') : undefined;
  if (!ns || (ns.kind === 'scalar' && (ns.value === null || ns.value === ''))) return 'default';
  const name = str(ns);
  // `${NAMESPACE:-default}`, `$(NS)`, `{{ .Release.Namespace }}`: filled in before deployment, so not known here.
  return name !== undefined && /\$\{|\$\(|\{\{/.test(name) ? undefined : name;
}

const manifestCache = new WeakMap<K8sObject, KObject>();

/** A manifest object in the neutral form. */
export function fromManifest(o: K8sObject): KObject {
  let k = manifestCache.get(o);
  if (!k) {
    const root = fromDoc(o.file, o.root, o.headerRange) as KMap;
    k = {
      kind: o.kind,
      name: o.name,
      namespace: namespaceOf(root.get('metadata')),
      label: `${o.kind} ${o.name ?? '(unnamed)'}`,
      file: o.file,
      header: o.headerRange,
      root,
      origin: 'manifest',
      style: 'yaml',
    };
    manifestCache.set(o, k);
  }
  return k;
}

const moduleCache = new WeakMap<TerraformModule, KObject[]>();

/** The Kubernetes objects a Terraform module declares, in the neutral form. */
export function fromTerraform(mod: TerraformModule): KObject[] {
  let out = moduleCache.get(mod);
  if (!out) {
    out = kubeObjectsOf(mod).map((t) => ({
      kind: t.kind,
      name: str(t.metadata?.kind === 'map' ? t.metadata.get('name') : undefined),
      namespace: namespaceOf(t.metadata),
      label: t.resource.address,
      file: t.resource.file,
      header: t.resource.block.headerRange,
      root: t.root,
      origin: 'terraform' as const,
      style: t.resource.type === 'kubernetes_manifest' ? ('hcl-object' as const) : ('hcl-block' as const),
    }));
    moduleCache.set(mod, out);
  }
  return out;
}
