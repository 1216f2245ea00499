/** Kustomize patches: loading them (files or inline), choosing their targets, applying them. */
import { SourceFile } from '../engine/source';
import { fromDoc } from './from-doc';
import { type DocNode, get, items, scalarString } from './model';
import { type JsonPatchOp, jsonPatch, strategicMerge } from './merge';
import { type KMap, type KNode, str } from './node';
import { type KObject, namespaceOf } from './objects';
import { type ManifestFile, parseYamlFile } from './parser';

/** What a patch's `target` selects. */
interface Target {
  readonly kind?: string;
  readonly name?: string;
  readonly namespace?: string;
  readonly labelSelector?: string;
  readonly annotationSelector?: string;
}

/** A patch and what it applies to. */
export interface Patch {
  readonly node: KNode;
  readonly target: Target | undefined;
  /** JSON 6902 operations; undefined for a strategic-merge patch. */
  readonly ops: readonly JsonPatchOp[] | undefined;
}

/** How a kustomization names its files: a path relative to its folder, to a file of the run. */
export type Resolver = (rel: string) => SourceFile | undefined;

/** The patches of a kustomization, by the field that lists them (`patches` and the older names). */
export interface Patches {
  /** `patchesStrategicMerge` and `patches`: applied before the namespace, names and labels. */
  readonly early: readonly Patch[];
  /** `patchesJson6902`: applied after them, as Kustomize orders its transformers. */
  readonly late: readonly Patch[];
}

/** Reads a kustomization's patches; `used` receives the patch files read. */
export function patchesOf(
  kfile: SourceFile,
  root: DocNode,
  find: Resolver,
  parsed: ReadonlyMap<SourceFile, ManifestFile>,
  used: Set<SourceFile>,
): Patches {
  const load = (pathOrInline: DocNode | undefined, inline: DocNode | undefined): KNode[] => {
    const rel = scalarString(pathOrInline);
    if (rel !== undefined && !/[\n:]/.test(rel)) {
      const file = find(rel);
      if (!file) return [];
      used.add(file);
      return (parsed.get(file)?.documents ?? []).map((d) => fromDoc(file, d));
    }
    const src = inline ?? pathOrInline;
    return src?.kind === 'scalar' && typeof src.value === 'string' ? inlineDocs(kfile, src) : [];
  };
  const targetOf = (t: DocNode | undefined): Patch['target'] =>
    t?.kind === 'map'
      ? {
          kind: scalarString(get(t, 'kind')),
          name: scalarString(get(t, 'name')),
          namespace: scalarString(get(t, 'namespace')),
          labelSelector: scalarString(get(t, 'labelSelector')),
          annotationSelector: scalarString(get(t, 'annotationSelector')),
        }
      : undefined;
  const add = (out: Patch[], docs: readonly KNode[], target: Patch['target']): void => {
    for (const node of docs) {
      if (node.kind === 'list') out.push({ node, target, ops: opsOf(node) });
      else if (node.kind === 'map') out.push({ node, target, ops: undefined });
    }
  };
  const early: Patch[] = [];
  const late: Patch[] = [];
  for (const p of items(get(root, 'patchesStrategicMerge'))) add(early, load(p, undefined), undefined);
  for (const p of items(get(root, 'patches'))) add(early, load(get(p, 'path'), get(p, 'patch')), targetOf(get(p, 'target')));
  for (const p of items(get(root, 'patchesJson6902'))) add(late, load(get(p, 'path'), get(p, 'patch')), targetOf(get(p, 'target')));
  return { early, late };
}

function opsOf(list: KNode): JsonPatchOp[] {
  if (list.kind !== 'list') return [];
  return list.items.flatMap((i) =>
    i.kind === 'map'
      ? [
          {
            op: str(i.get('op')) ?? '',
            path: str(i.get('path')) ?? '',
            from: str(i.get('from')),
            value: i.get('value'),
            at: { file: i.file, range: i.header },
          },
        ]
      : [],
  );
}

/** Kustomize matches target names and kinds as anchored regular expressions. */
function nameMatches(pattern: string | undefined, value: string | undefined): boolean {
  if (!pattern) return true;
  if (value === undefined) return false;
  try {
    return new RegExp(`^(?:${pattern})$`).test(value);
  } catch {
    return pattern === value;
  }
}

/** `a=b,c=d` against a metadata map; undefined for selectors beyond plain equality (not judged). */
function selectorMatches(selector: string | undefined, map: KNode | undefined): boolean | undefined {
  if (!selector) return true;
  for (const term of selector.split(',')) {
    const m = /^\s*([\w./-]+)\s*==?\s*([\w.-]*)\s*$/.exec(term);
    if (!m) return undefined;
    if (str(map?.kind === 'map' ? map.get(m[1]!) : undefined) !== m[2]) return false;
  }
  return true;
}

function targetMatches(o: KObject, t: Target): boolean | undefined {
  if (!nameMatches(t.kind, o.kind) || !nameMatches(t.name, o.name) || (t.namespace && t.namespace !== o.namespace)) return false;
  const meta = o.root.get('metadata');
  const labels = selectorMatches(t.labelSelector, meta?.kind === 'map' ? meta.get('labels') : undefined);
  const annotations = selectorMatches(t.annotationSelector, meta?.kind === 'map' ? meta.get('annotations') : undefined);
  return labels === undefined || annotations === undefined ? undefined : labels && annotations;
}

/** Whether a patch applies to an object; undefined when its target cannot be judged (the patch is left out). */
function matches(o: KObject, p: Patch): boolean | undefined {
  if (p.target) return targetMatches(o, p.target);
  if (p.ops) return false;
  const root = p.node as KMap;
  const meta = root.get('metadata');
  return str(root.get('kind')) === o.kind && str(meta?.kind === 'map' ? meta.get('name') : undefined) === o.name;
}

/** The object after a patch: patched, unchanged, or gone (`$patch: delete`). */
export function applyPatch(o: KObject, p: Patch): KObject[] {
  if (!matches(o, p)) return [o];
  if (!p.ops && p.node.kind === 'map' && str(p.node.get('$patch')) === 'delete') return [];
  const merged = p.ops ? jsonPatch(o.root, p.ops) : strategicMerge(o.root, p.node);
  if (merged.kind !== 'map') return [o];
  const meta = merged.get('metadata');
  const name = str(meta?.kind === 'map' ? meta.get('name') : undefined) ?? o.name;
  return [{ ...o, root: merged, name, label: name === o.name ? o.label : `${o.kind} ${name}`, namespace: namespaceOf(meta) }];
}

/**
 * The documents of a patch written inline in the kustomization. A literal block (`patch: |-`)
 * keeps exact positions in the kustomization file; other forms point at the whole value. Inline
 * nodes offer no edit.
 */
function inlineDocs(kfile: SourceFile, scalar: DocNode & { kind: 'scalar' }): KNode[] {
  const value = String(scalar.value);
  const parsed = parseYamlFile(new SourceFile(kfile.path, value, 'yaml'));
  const map = blockOffsets(kfile, scalar, value);
  return parsed.documents.map((d) => fromDoc(kfile, remap(d, map), undefined, { editable: false }));
}

/** A function from offsets in a literal block's value to offsets in the file. */
function blockOffsets(file: SourceFile, scalar: DocNode, value: string): (o: number) => number {
  const whole = () => scalar.range.start;
  const raw = file.text.slice(scalar.range.start, scalar.range.end);
  if (!/^[|>]/.test(raw) || raw.startsWith('>')) return whole;
  const firstBreak = raw.search(/\r?\n/);
  if (firstBreak < 0) return whole;
  const bodyStart = scalar.range.start + firstBreak + (raw[firstBreak] === '\r' ? 2 : 1);
  const srcLines = file.text.slice(bodyStart, scalar.range.end).split(/\r?\n/);
  const indent = /^ */.exec(srcLines.find((l) => l.trim() !== '') ?? '')![0].length;
  const contentStarts: number[] = [];
  const sourceStarts: number[] = [];
  let c = 0;
  let s = bodyStart;
  for (const line of value.split('\n')) {
    contentStarts.push(c);
    sourceStarts.push(s + indent);
    c += line.length + 1;
    const src = file.text.slice(s).search(/\r?\n/);
    if (src < 0) break;
    s += src + (file.text[s + src] === '\r' ? 2 : 1);
  }
  return (o) => {
    let i = contentStarts.length - 1;
    while (i > 0 && contentStarts[i]! > o) i--;
    return Math.min(sourceStarts[i]! + (o - contentStarts[i]!), scalar.range.end);
  };
}

function remap(n: DocNode, f: (o: number) => number): DocNode {
  const range = { start: f(n.range.start), end: f(n.range.end) };
  if (n.kind === 'scalar') return { ...n, range };
  if (n.kind === 'seq') return { ...n, range, items: n.items.map((i) => remap(i, f)) };
  return {
    ...n,
    range,
    entries: n.entries.map((e) => ({
      key: e.key,
      keyRange: { start: f(e.keyRange.start), end: f(e.keyRange.end) },
      value: remap(e.value, f),
    })),
  };
}
