/**
 * One pod model for every pod-bearing kind and every source: the pod spec, its containers (plain,
 * init, ephemeral) and the security settings each container ends up with.
 */
import { type KMap, type KNode, str } from './node';
import { type KObject, fromManifest, fromTerraform, podSpecOf } from './objects';
import type { K8sObject } from './model';
import type { KubeContext } from './workspace';
import type { TerraformModule } from '../terraform/model';

/** The three places a container can be declared. */
export type ContainerRole = 'container' | 'init container' | 'ephemeral container';

/** A container of a pod. */
export interface Container {
  readonly role: ContainerRole;
  readonly name: string;
  readonly node: KMap;
}

/** A pod template (or pod) and its containers. */
export interface Pod {
  readonly object: KObject;
  readonly spec: KMap;
  readonly containers: readonly Container[];
}

const ROLES: readonly [string, ContainerRole][] = [
  ['containers', 'container'],
  ['initContainers', 'init container'],
  ['ephemeralContainers', 'ephemeral container'],
];

/** Security context fields a pod sets for all its containers, which a container may override. */
const POD_LEVEL = new Set([
  'runAsUser',
  'runAsGroup',
  'runAsNonRoot',
  'seLinuxOptions',
  'seccompProfile',
  'windowsOptions',
  'appArmorProfile',
]);

/** The pods of a set of objects. */
export function podsOf(objects: readonly KObject[]): Pod[] {
  const out: Pod[] = [];
  for (const object of objects) {
    const spec = podSpecOf(object);
    if (!spec) continue;
    const containers: Container[] = [];
    for (const [key, role] of ROLES) {
      for (const n of spec.list(key)) if (n.kind === 'map') containers.push({ role, name: str(n.get('name')) ?? '(unnamed)', node: n });
    }
    // A container with no image cannot run: a stub that overlays complete, judged only through them.
    if (containers.some((c) => c.role === 'container' && c.node.get('image') === undefined)) continue;
    out.push({ object, spec, containers });
  }
  return out;
}

/** What a unit of a lint run holds for Kubernetes: a rule's context gives it. */
export interface KubeSources {
  readonly kubernetes: readonly K8sObject[];
  readonly terraform: readonly TerraformModule[];
  readonly kube?: KubeContext;
}

/**
 * The objects of a unit, by its Terraform modules: a dozen rules ask for them on every unit, and
 * nothing changes a unit's sources once they are linted.
 */
const unitObjects = new WeakMap<
  readonly TerraformModule[],
  { kubernetes: KubeSources['kubernetes']; kube: KubeSources['kube']; objects: readonly KObject[] }
>();

/** Every Kubernetes object a rule sees in its unit: manifests, Terraform resources, Kustomize output. */
export function objectsOf(ctx: KubeSources): readonly KObject[] {
  const hit = unitObjects.get(ctx.terraform);
  if (hit && hit.kubernetes === ctx.kubernetes && hit.kube === ctx.kube) return hit.objects;
  const elsewhere = ctx.kube?.renderedElsewhere;
  const own = elsewhere?.size ? ctx.kubernetes.filter((o) => !elsewhere.has(o.file)) : ctx.kubernetes;
  const objects = [...own.map(fromManifest), ...ctx.terraform.flatMap(fromTerraform), ...(ctx.kube?.rendered ?? [])];
  unitObjects.set(ctx.terraform, { kubernetes: ctx.kubernetes, kube: ctx.kube, objects });
  return objects;
}

/** The pods a rule sees in its unit. */
export function podsIn(ctx: KubeSources): Pod[] {
  return podsOf(objectsOf(ctx));
}

/** Where a setting comes from: the container's own security context or the pod's. */
export interface Setting {
  readonly node: KNode;
  readonly level: 'container' | 'pod';
}

/**
 * The security context value a container runs with: its own, else the pod's for the fields a pod
 * can set. An unknown security context gives an unknown setting.
 */
export function effective(pod: Pod, c: Container, key: string): Setting | undefined {
  const own = c.node.get('securityContext');
  if (own?.kind === 'unknown') return { node: own, level: 'container' };
  const v = own?.kind === 'map' ? own.get(key) : undefined;
  if (v) return { node: v, level: 'container' };
  if (!POD_LEVEL.has(key)) return undefined;
  const podSc = pod.spec.get('securityContext');
  if (podSc?.kind === 'unknown') return { node: podSc, level: 'pod' };
  const pv = podSc?.kind === 'map' ? podSc.get(key) : undefined;
  return pv ? { node: pv, level: 'pod' } : undefined;
}

/** How a container is named in messages: `container app`, `init container setup`. */
export function describe(c: Container): string {
  return `${c.role} ${c.name}`;
}
