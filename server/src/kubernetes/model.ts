/** Kubernetes objects as a small tree with ranges, whether they came from YAML or JSON. */
import type { Range, SourceFile } from '../engine/source';

export type DocNode = DocMap | DocSeq | DocScalar;

/** A key and its value in a mapping. */
export interface DocEntry {
  readonly key: string;
  readonly keyRange: Range;
  readonly value: DocNode;
}

export interface DocMap {
  readonly kind: 'map';
  readonly range: Range;
  readonly entries: readonly DocEntry[];
  /** Written `{ ... }` on one line rather than as indented lines. */
  readonly flow: boolean;
}

export interface DocSeq {
  readonly kind: 'seq';
  readonly range: Range;
  readonly items: readonly DocNode[];
  readonly flow: boolean;
}

export interface DocScalar {
  readonly kind: 'scalar';
  readonly range: Range;
  readonly value: string | number | boolean | null;
}

/** One Kubernetes object (a document, a List item) with its apiVersion and kind. */
export interface K8sObject {
  readonly file: SourceFile;
  readonly apiVersion: string;
  readonly kind: string;
  readonly name: string | undefined;
  readonly namespace: string | undefined;
  readonly root: DocMap;
  /** The `kind: X` entry: where something missing from the whole object is reported. */
  readonly headerRange: Range;
}

/** The entry `key` of a map node, if the node is a map that has it. */
export function entry(node: DocNode | undefined, key: string): DocEntry | undefined {
  if (node?.kind !== 'map') return undefined;
  for (const e of node.entries) if (e.key === key) return e;
  return undefined;
}

/** The value at a path of map keys. */
export function get(node: DocNode | undefined, ...path: string[]): DocNode | undefined {
  let n = node;
  for (const k of path) n = entry(n, k)?.value;
  return n;
}

/** A scalar's value as a string, or undefined for anything else. */
export function scalarString(node: DocNode | undefined): string | undefined {
  if (node?.kind !== 'scalar' || node.value === null) return undefined;
  return String(node.value);
}

/** The items of a sequence node (empty for anything else). */
export function items(node: DocNode | undefined): readonly DocNode[] {
  return node?.kind === 'seq' ? node.items : [];
}

/** Kinds whose pod template sits at `spec.template.spec`. */
const TEMPLATE_KINDS = new Set(['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'ReplicationController', 'Job']);

/** The pod spec of any pod-bearing object, or undefined. */
export function podSpec(obj: K8sObject): DocMap | undefined {
  let spec: DocNode | undefined;
  if (obj.kind === 'Pod') spec = get(obj.root, 'spec');
  else if (obj.kind === 'CronJob') spec = get(obj.root, 'spec', 'jobTemplate', 'spec', 'template', 'spec');
  else if (obj.kind === 'PodTemplate') spec = get(obj.root, 'template', 'spec');
  else if (TEMPLATE_KINDS.has(obj.kind)) spec = get(obj.root, 'spec', 'template', 'spec');
  return spec?.kind === 'map' ? spec : undefined;
}

/** Builds a K8sObject from a map node when it has string `apiVersion` and `kind`. */
export function toK8sObject(file: SourceFile, root: DocNode): K8sObject | undefined {
  if (root.kind !== 'map') return undefined;
  const apiVersion = scalarString(get(root, 'apiVersion'));
  const kindEntry = entry(root, 'kind');
  const kind = scalarString(kindEntry?.value);
  if (!apiVersion || !kind || !kindEntry) return undefined;
  return {
    file,
    apiVersion,
    kind,
    name: scalarString(get(root, 'metadata', 'name')),
    namespace: scalarString(get(root, 'metadata', 'namespace')),
    root,
    headerRange: { start: kindEntry.keyRange.start, end: kindEntry.value.range.end },
  };
}

/** Expands a `List` (kind ending in "List" with items) into its objects. */
export function expandLists(objs: readonly K8sObject[]): K8sObject[] {
  const out: K8sObject[] = [];
  for (const o of objs) {
    if (o.kind.endsWith('List') && get(o.root, 'items')?.kind === 'seq') {
      for (const item of items(get(o.root, 'items'))) {
        const obj = toK8sObject(o.file, item);
        if (obj) out.push(obj);
      }
    } else out.push(o);
  }
  return out;
}
