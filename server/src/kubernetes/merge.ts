/**
 * Kustomize patches on the neutral tree: strategic merge and JSON 6902. Merged nodes keep the
 * file and range of whichever side they came from, so findings point at the line that holds them.
 */
import { type KList, type KMap, type KNode, str } from './node';

/** List fields merged item by item, and the key that identifies an item (Kubernetes patchMergeKey). */
const MERGE_KEYS: Readonly<Record<string, string>> = {
  containers: 'name',
  initContainers: 'name',
  ephemeralContainers: 'name',
  volumes: 'name',
  env: 'name',
  imagePullSecrets: 'name',
  volumeMounts: 'mountPath',
  ports: 'containerPort',
  hostAliases: 'ip',
  tolerations: 'key',
};

/** A map with some entries replaced, added (in order) or removed (null); edits of missing keys go to `base`. */
export function overlayMap(base: KMap, changes: ReadonlyMap<string, KNode | null>): KMap {
  const entries = new Map<string, KNode>();
  for (const k of base.keys()) {
    const c = changes.get(k);
    if (c === null) continue;
    const v = c ?? base.get(k);
    if (v) entries.set(k, v);
  }
  for (const [k, c] of changes) if (c && !entries.has(k)) entries.set(k, c);
  return {
    kind: 'map',
    file: base.file,
    range: base.range,
    header: base.header,
    keys: () => [...entries.keys()],
    get: (k) => entries.get(k),
    list: (k) => {
      const v = entries.get(k);
      return v?.kind === 'list' ? v.items : [];
    },
    set: (path, value) => {
      const [k, ...rest] = path;
      const e = k === undefined ? undefined : entries.get(k);
      if (!e) return k !== undefined && !changes.has(k) ? base.set(path, value) : undefined;
      if (rest.length === 0) return e.kind === 'scalar' ? e.replace(value) : undefined;
      return e.kind === 'map' ? e.set(rest, value) : undefined;
    },
  };
}

function isNull(n: KNode): boolean {
  return n.kind === 'scalar' && n.value === null;
}

function directive(n: KNode): string | undefined {
  return n.kind === 'map' ? str(n.get('$patch')) : undefined;
}

/** Applies a strategic-merge patch to a node. */
export function strategicMerge(base: KNode, patch: KNode, field?: string): KNode {
  if (base.kind === 'map' && patch.kind === 'map') {
    if (directive(patch) === 'replace') return patch;
    const changes = new Map<string, KNode | null>();
    for (const k of patch.keys()) {
      if (k.startsWith('$')) continue;
      const p = patch.get(k)!;
      const b = base.get(k);
      changes.set(k, isNull(p) ? null : b ? strategicMerge(b, p, k) : p);
    }
    return overlayMap(base, changes);
  }
  const key = field ? MERGE_KEYS[field] : undefined;
  if (base.kind === 'list' && patch.kind === 'list' && key) return mergeList(base, patch, key);
  return patch;
}

function mergeList(base: KList, patch: KList, key: string): KList {
  const idOf = (n: KNode): string | undefined => (n.kind === 'map' ? str(n.get(key)) : undefined);
  const items: KNode[] = [];
  const used = new Set<KNode>();
  for (const b of base.items) {
    const id = idOf(b);
    const p = id === undefined ? undefined : patch.items.find((x) => idOf(x) === id);
    if (p) used.add(p);
    if (p && directive(p) === 'delete') continue;
    items.push(p ? strategicMerge(b, p) : b);
  }
  for (const p of patch.items) if (!used.has(p) && directive(p) !== 'delete') items.push(p);
  return { kind: 'list', file: base.file, range: base.range, items };
}

/** One JSON 6902 operation. */
export interface JsonPatchOp {
  readonly op: string;
  readonly path: string;
  readonly value: KNode | undefined;
}

/** Applies JSON 6902 operations (add, replace, remove); an operation that does not apply is skipped. */
export function jsonPatch(root: KNode, ops: readonly JsonPatchOp[]): KNode {
  let out = root;
  for (const op of ops) {
    if (!op.path.startsWith('/')) continue;
    const segs = op.path.slice(1).split('/').map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
    if (op.op === 'remove') out = update(out, segs, undefined, 'remove') ?? out;
    else if ((op.op === 'add' || op.op === 'replace') && op.value) out = update(out, segs, op.value, op.op) ?? out;
  }
  return out;
}

function update(node: KNode, segs: readonly string[], value: KNode | undefined, op: string): KNode | undefined {
  const [seg, ...rest] = segs as [string, ...string[]];
  if (node.kind === 'map') {
    const cur = node.get(seg);
    if (rest.length === 0) {
      if (op === 'remove') return cur ? overlayMap(node, new Map([[seg, null]])) : undefined;
      if (op === 'replace' && !cur) return undefined;
      return overlayMap(node, new Map([[seg, value!]]));
    }
    const next = cur && update(cur, rest, value, op);
    return next ? overlayMap(node, new Map([[seg, next]])) : undefined;
  }
  if (node.kind === 'list') {
    const i = seg === '-' ? node.items.length : /^\d+$/.test(seg) ? Number(seg) : -1;
    if (i < 0 || i > node.items.length) return undefined;
    const items = [...node.items];
    if (rest.length === 0) {
      if (op === 'remove') {
        if (i >= items.length) return undefined;
        items.splice(i, 1);
      } else if (op === 'add') items.splice(i, 0, value!);
      else if (i < items.length) items[i] = value!;
      else return undefined;
    } else {
      const next = items[i] && update(items[i]!, rest, value, op);
      if (!next) return undefined;
      items[i] = next;
    }
    return { kind: 'list', file: node.file, range: node.range, items };
  }
  return undefined;
}
