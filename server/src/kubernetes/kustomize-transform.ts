/**
 * Kustomize's transformers beyond patches: namespace, name prefix and suffix, labels and images.
 * The values they write keep the kustomization entry that wrote them as their place.
 */
import type { Range, SourceFile } from '../engine/source';
import { type DocNode, entry, get, items, scalarString } from './model';
import { overlayMap } from './merge';
import { type KMap, type KNode, type KScalar, mapAt, str } from './node';
import { type KObject, namespaceOf, podSpecOf, podSpecPath } from './objects';

/** Kinds Kubernetes does not place in a namespace: the namespace transformer leaves them alone. */
const CLUSTER_SCOPED = new Set([
  'Namespace',
  'ClusterRole',
  'ClusterRoleBinding',
  'CustomResourceDefinition',
  'StorageClass',
  'PersistentVolume',
  'PriorityClass',
  'ValidatingWebhookConfiguration',
  'MutatingWebhookConfiguration',
  'APIService',
  'Node',
  'CSIDriver',
  'IngressClass',
  'RuntimeClass',
  'ClusterIssuer',
  'PodSecurityPolicy',
  'VolumeSnapshotClass',
  'ClusterPolicy',
  'GlobalNetworkPolicy',
  'CiliumClusterwideNetworkPolicy',
]);

/** Where pod template labels and selectors sit, for `commonLabels` and `labels` with selectors or templates. */
const TEMPLATE_LABELS: readonly (readonly string[])[] = [
  ['spec', 'template', 'metadata', 'labels'],
  ['spec', 'jobTemplate', 'spec', 'template', 'metadata', 'labels'],
];
const SELECTORS: readonly (readonly string[])[] = [
  ['spec', 'selector', 'matchLabels'],
  ['spec', 'podSelector', 'matchLabels'],
];

function scalar(file: SourceFile, range: Range, value: string): KScalar {
  return { kind: 'scalar', file, range, value, replace: () => undefined };
}

/** An empty map written nowhere, to receive entries a transformer adds. */
function emptyMap(file: SourceFile, range: Range): KMap {
  return { kind: 'map', file, range, header: range, keys: () => [], get: () => undefined, list: () => [], set: () => undefined };
}

/** The map `root` with `value` written at `path` (maps created as needed); undefined when a step is not a map. */
function setAt(
  root: KMap,
  path: readonly string[],
  value: (current: KNode | undefined) => KNode | undefined,
  create: boolean,
): KMap | undefined {
  const [k, ...rest] = path as [string, ...string[]];
  const cur = root.get(k);
  if (rest.length === 0) {
    const v = value(cur);
    return v ? overlayMap(root, new Map([[k, v]])) : undefined;
  }
  if (cur && cur.kind !== 'map') return undefined;
  if (!cur && !create) return undefined;
  const next = setAt(cur ?? emptyMap(root.file, root.header), rest, value, create);
  return next ? overlayMap(root, new Map([[k, next]])) : undefined;
}

/** Label pairs and where each kind of field receives them. */
interface LabelSet {
  readonly pairs: readonly { key: string; value: KScalar }[];
  readonly templates: boolean;
  readonly selectors: boolean;
}

function labelSets(kfile: SourceFile, root: DocNode): LabelSet[] {
  const pairsOf = (m: DocNode | undefined): LabelSet['pairs'] =>
    m?.kind === 'map'
      ? m.entries.flatMap((e) =>
          e.value.kind === 'scalar' && e.value.value !== null
            ? [{ key: e.key, value: scalar(kfile, e.value.range, String(e.value.value)) }]
            : [],
        )
      : [];
  const out: LabelSet[] = [{ pairs: pairsOf(get(root, 'commonLabels')), templates: true, selectors: true }];
  for (const l of items(get(root, 'labels'))) {
    const selectors = get(l, 'includeSelectors');
    const templates = get(l, 'includeTemplates');
    const on = (n: DocNode | undefined): boolean => n?.kind === 'scalar' && n.value === true;
    out.push({ pairs: pairsOf(get(l, 'pairs')), selectors: on(selectors), templates: on(selectors) || on(templates) });
  }
  return out.filter((s) => s.pairs.length);
}

function addLabels(o: KObject, set: LabelSet): KObject {
  let root = o.root;
  const write = (path: readonly string[], create: boolean): void => {
    for (const p of set.pairs) root = setAt(root, [...path, p.key], () => p.value, create) ?? root;
  };
  write(['metadata', 'labels'], true);
  if (set.templates && podSpecOf(o)) for (const path of TEMPLATE_LABELS) if (mapAt(root, ...path.slice(0, -2))) write(path, true);
  if (set.selectors) for (const path of SELECTORS) if (mapAt(root, ...path.slice(0, -1))) write(path, true);
  return { ...o, root };
}

/** `nginx:1.2@sha256:...` → `nginx`. */
function imageName(image: string): string {
  const at = image.indexOf('@');
  const noDigest = at < 0 ? image : image.slice(0, at);
  const colon = noDigest.lastIndexOf(':');
  return colon > noDigest.lastIndexOf('/') ? noDigest.slice(0, colon) : noDigest;
}

function setImages(o: KObject, kfile: SourceFile, root: DocNode): KObject {
  const spec = podSpecOf(o);
  const rules = items(get(root, 'images'));
  if (!spec || !rules.length) return o;
  const retag = (n: KNode | undefined): KNode | undefined => {
    const image = str(n);
    if (image === undefined) return undefined;
    for (const r of rules) {
      if (scalarString(get(r, 'name')) !== imageName(image)) continue;
      const newName = scalarString(get(r, 'newName')) ?? imageName(image);
      const digest = scalarString(get(r, 'digest'));
      const tag = scalarString(get(r, 'newTag'));
      const old = image.slice(imageName(image).length);
      const suffix = digest ? `@${digest}` : tag !== undefined ? `:${tag}` : old;
      return scalar(kfile, entry(r, 'name')!.keyRange, newName + suffix);
    }
    return undefined;
  };
  const containers = (list: readonly KNode[]): KNode[] =>
    list.map((c) => (c.kind === 'map' ? (setAt(c, ['image'], retag, false) ?? c) : c));
  const changes = new Map<string, KNode>();
  for (const key of ['containers', 'initContainers']) {
    const l = spec.get(key);
    if (l?.kind === 'list') changes.set(key, { ...l, items: containers(l.items) });
  }
  const newSpec = overlayMap(spec, changes);
  return { ...o, root: setAt(o.root, podSpecPath(o.kind)!, () => newSpec, false) ?? o.root };
}

/** Applies a kustomization's namespace, name prefix and suffix, and labels to the objects it gathered. */
export function transformNames(kfile: SourceFile, root: DocNode, objects: readonly KObject[]): KObject[] {
  const nsEntry = entry(root, 'namespace');
  const ns = scalarString(nsEntry?.value);
  const prefix = scalarString(get(root, 'namePrefix')) ?? '';
  const suffix = scalarString(get(root, 'nameSuffix')) ?? '';
  const labels = labelSets(kfile, root);
  const renamed = objects.map((o) => {
    let out = o;
    if (ns && nsEntry && !CLUSTER_SCOPED.has(o.kind)) {
      const rootWithNs = setAt(o.root, ['metadata', 'namespace'], () => scalar(kfile, nsEntry.value.range, ns), true) ?? o.root;
      out = { ...out, root: rootWithNs, namespace: namespaceOf(rootWithNs.get('metadata')) };
    }
    for (const set of labels) out = addLabels(out, set);
    const name = o.name === undefined ? undefined : prefix + o.name + suffix;
    if (name !== o.name) {
      const at = mapAt(out.root, 'metadata')?.get('name');
      if (at) out = { ...out, root: setAt(out.root, ['metadata', 'name'], () => scalar(at.file, at.range, name!), false) ?? out.root };
    }
    return { ...out, name, label: `${o.kind} ${name ?? '(unnamed)'}` };
  });
  return prefix || suffix ? followServiceAccounts(objects, renamed) : renamed;
}

/** Kustomize's name references: a pod's serviceAccountName follows its ServiceAccount's new name. */
function followServiceAccounts(before: readonly KObject[], after: KObject[]): KObject[] {
  const names = new Map<string, string>();
  before.forEach((o, i) => {
    if (o.kind === 'ServiceAccount' && o.name !== undefined && after[i]!.name !== undefined)
      names.set(`${o.namespace}/${o.name}`, after[i]!.name!);
  });
  if (!names.size) return after;
  return after.map((o) => {
    const spec = podSpecOf(o);
    const ref = spec?.get('serviceAccountName');
    const to = names.get(`${o.namespace}/${str(ref)}`);
    if (!spec || !ref || to === undefined) return o;
    return {
      ...o,
      root: setAt(o.root, [...podSpecPath(o.kind)!, 'serviceAccountName'], () => scalar(ref.file, ref.range, to), false) ?? o.root,
    };
  });
}

/** Applies a kustomization's `images` to the containers of the objects. */
export function transformImages(kfile: SourceFile, root: DocNode, objects: readonly KObject[]): KObject[] {
  return objects.map((o) => setImages(o, kfile, root));
}
