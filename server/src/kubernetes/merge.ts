/**
 * Kustomize patches on the neutral tree: strategic merge and JSON 6902. Merged nodes keep the
 * file and range of whichever side they came from, so findings point at the line that holds them.
 */
import { type KList, type KMap, type KNode, type Where, str } from './node';

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

/**
 * A map with some entries replaced, added (in order) or removed (null); edits of missing keys go
 * to `base`. `removedBy` says where each removal is written, so a finding about a removed
 * setting points at the overlay that removed it.
 */
export function overlayMap(base: KMap, changes: ReadonlyMap<string, KNode | null>, removedBy?: ReadonlyMap<string, Where>): KMap {
  const entries = new Map<string, KNode>();
  const removed = new Map(base.removed ?? []);
  for (const k of base.keys()) {
    const c = changes.get(k);
    if (c === null) {
      const by = removedBy?.get(k);
      if (by) removed.set(k, by);
      continue;
    }
    const v = c ?? base.get(k);
    if (v) entries.set(k, v);
  }
  for (const [k, c] of changes) {
    if (c && !entries.has(k)) entries.set(k, c);
    if (c) removed.delete(k);
  }
  return {
    kind: 'map',
    file: base.file,
    range: base.range,
    header: base.header,
    removed,
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
    const removedBy = new Map<string, Where>();
    for (const k of patch.keys()) {
      if (k.startsWith('$')) continue;
      const p = patch.get(k)!;
      const b = base.get(k);
      if (isNull(p)) removedBy.set(k, { file: p.file, range: p.range });
      changes.set(k, isNull(p) ? null : b ? strategicMerge(b, p, k) : p);
    }
    return overlayMap(base, changes, removedBy);
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
  /** The source path of `move` and `copy`. */
  readonly from?: string;
  readonly value: KNode | undefined;
  /** Where the operation is written. */
  readonly at?: Where;
}

function pointer(path: string): string[] | undefined {
  if (!path.startsWith('/')) return path === '' ? [] : undefined;
  return path
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

/** The node at a JSON pointer. */
function lookup(node: KNode, segs: readonly string[]): KNode | undefined {
  let n: KNode | undefined = node;
  for (const seg of segs) {
    if (n?.kind === 'map') n = n.get(seg);
    else if (n?.kind === 'list' && /^\d+$/.test(seg)) n = n.items[Number(seg)];
    else return undefined;
  }
  return n;
}

/** A node as plain data, for `test` (undefined when it holds a value not known). */
export function plain(n: KNode | undefined): unknown {
  if (!n || n.kind === 'unknown') return undefined;
  if (n.kind === 'scalar') return n.value;
  if (n.kind === 'list') return n.items.map(plain);
  return Object.fromEntries(n.keys().map((k) => [k, plain(n.get(k))]));
}

/**
 * Applies JSON 6902 operations as Kustomize does: add, remove, replace, move, copy and test. An
 * operation that does not apply is skipped; a failed `test` stops the patch (Kustomize rejects it).
 */
export function jsonPatch(root: KNode, ops: readonly JsonPatchOp[]): KNode {
  let out = root;
  for (const op of ops) {
    const segs = pointer(op.path);
    if (!segs || segs.length === 0) continue;
    if (op.op === 'remove') out = update(out, segs, undefined, 'remove', op.at) ?? out;
    else if ((op.op === 'add' || op.op === 'replace') && op.value) out = update(out, segs, op.value, op.op) ?? out;
    else if (op.op === 'copy' || op.op === 'move') {
      const from = op.from === undefined ? undefined : pointer(op.from);
      const value = from && lookup(out, from);
      if (!from || !value) continue;
      const removed = op.op === 'move' ? update(out, from, undefined, 'remove', op.at) : out;
      out = (removed && update(removed, segs, value, 'add')) ?? out;
    } else if (op.op === 'test') {
      if (JSON.stringify(plain(lookup(out, segs))) !== JSON.stringify(plain(op.value))) break;
    }
  }
  return out;
}

function update(node: KNode, segs: readonly string[], value: KNode | undefined, op: string, at?: Where): KNode | undefined {
  const [seg, ...rest] = segs as [string, ...string[]];
  if (node.kind === 'map') {
    const cur = node.get(seg);
    if (rest.length === 0) {
      if (op === 'remove') return cur ? overlayMap(node, new Map([[seg, null]]), at && new Map([[seg, at]])) : undefined;
      if (op === 'replace' && !cur) return undefined;
      return overlayMap(node, new Map([[seg, value!]]));
    }
    const next = cur && update(cur, rest, value, op, at);
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
      const next = items[i] && update(items[i]!, rest, value, op, at);
      if (!next) return undefined;
      items[i] = next;
    }
    return { kind: 'list', file: node.file, range: node.range, items };
  }
  return undefined;
}
