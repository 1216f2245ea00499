/**
 * Kustomize: a kustomization's resources (files and other kustomizations among the linted files)
 * with its strategic-merge and JSON 6902 patches applied, as objects whose nodes keep their files.
 */
import { SourceFile } from '../engine/source';
import { fromDoc } from './from-doc';
import { type DocNode, get, items, scalarString } from './model';
import { type JsonPatchOp, jsonPatch, strategicMerge } from './merge';
import { type KMap, type KNode, str } from './node';
import { type KObject, fromManifest, namespaceOf } from './objects';
import { type ManifestFile, parseYamlFile } from './parser';

const NAMES = ['kustomization.yaml', 'kustomization.yml', 'Kustomization'];

/** The objects each top-level kustomization renders, and the files it reads. */
export interface KustomizeResult {
  readonly units: readonly { readonly file: SourceFile; readonly objects: readonly KObject[] }[];
  /** Patch files: partial objects, never linted on their own. */
  readonly patchFiles: ReadonlySet<SourceFile>;
  /** Resource files that some kustomization renders. */
  readonly resourceFiles: ReadonlySet<SourceFile>;
}

/** `a/b/../c/./d` → `a/c/d`, with forward slashes. */
export function normalisePath(path: string): string {
  const abs = path.startsWith('/');
  const out: string[] = [];
  for (const seg of path.replace(/\\/g, '/').split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..' && out.length && out[out.length - 1] !== '..') out.pop();
    else out.push(seg);
  }
  return (abs ? '/' : '') + out.join('/');
}

function dirOf(path: string): string {
  const p = normalisePath(path);
  const i = p.lastIndexOf('/');
  return i < 0 ? '' : i === 0 ? '/' : p.slice(0, i);
}

function join(dir: string, rel: string): string {
  return normalisePath(rel.startsWith('/') ? rel : dir ? `${dir}/${rel}` : rel);
}

function isKustomization(file: SourceFile): boolean {
  return NAMES.includes(normalisePath(file.path).split('/').pop() ?? '');
}

/** Renders every kustomization among the parsed files. Never throws on bad input; unknown references are skipped. */
export function renderKustomizations(parsed: ReadonlyMap<SourceFile, ManifestFile>): KustomizeResult {
  const byPath = new Map<string, SourceFile>();
  for (const f of parsed.keys()) byPath.set(normalisePath(f.path), f);
  const patchFiles = new Set<SourceFile>();
  const resourceFiles = new Set<SourceFile>();
  const referenced = new Set<SourceFile>();
  const cache = new Map<SourceFile, KObject[]>();

  /** The files a reference names: a resource file, or the kustomization of a folder. */
  const resolve = (dir: string, ref: DocNode): { file?: SourceFile; sub?: SourceFile } => {
    const rel = scalarString(ref);
    if (!rel || /^[a-z][a-z0-9+.-]*:\/\//i.test(rel) || rel.startsWith('git@')) return {};
    const target = join(dir, rel);
    const file = byPath.get(target);
    if (file && !isKustomization(file)) return { file };
    return { sub: file ?? NAMES.map((n) => byPath.get(join(target, n))).find((f) => f) };
  };

  // Components transform what the including kustomization has gathered so far, so they get it as input.
  const render = (kfile: SourceFile, stack: readonly SourceFile[], input: readonly KObject[] = []): KObject[] => {
    const cached = input.length ? undefined : cache.get(kfile);
    if (cached) return cached;
    if (stack.includes(kfile)) return [...input];
    const root = parsed.get(kfile)?.documents[0];
    if (root?.kind !== 'map') return [...input];
    const dir = dirOf(kfile.path);
    let objects: KObject[] = [...input];
    for (const ref of [...items(get(root, 'resources')), ...items(get(root, 'bases'))]) {
      const { file, sub } = resolve(dir, ref);
      if (file) {
        resourceFiles.add(file);
        objects.push(...(parsed.get(file)?.objects ?? []).map((o) => withOrigin(fromManifest(o))));
      } else if (sub) {
        referenced.add(sub);
        objects.push(...render(sub, [...stack, kfile]));
      }
    }
    for (const ref of items(get(root, 'components'))) {
      const { sub } = resolve(dir, ref);
      if (!sub) continue;
      referenced.add(sub);
      objects = render(sub, [...stack, kfile], objects);
    }
    for (const patch of patchesOf(kfile, root, dir, byPath, parsed, patchFiles)) objects = objects.flatMap((o) => applyPatch(o, patch));
    const ns = scalarString(get(root, 'namespace'));
    const prefix = scalarString(get(root, 'namePrefix')) ?? '';
    const suffix = scalarString(get(root, 'nameSuffix')) ?? '';
    objects = objects.map((o) => {
      const name = o.name === undefined ? undefined : prefix + o.name + suffix;
      return { ...o, name, namespace: ns ?? o.namespace, label: `${o.kind} ${name ?? '(unnamed)'}` };
    });
    if (!input.length) cache.set(kfile, objects);
    return objects;
  };

  const all = [...parsed.keys()].filter(isKustomization);
  for (const k of all) render(k, []);
  const units = all.filter((k) => !referenced.has(k)).map((file) => ({ file, objects: cache.get(file) ?? [] }));
  return { units, patchFiles, resourceFiles };
}

function withOrigin(o: KObject): KObject {
  return { ...o, origin: 'kustomize' };
}

/** What a patch's `target` selects. */
interface Target {
  readonly kind?: string;
  readonly name?: string;
  readonly namespace?: string;
  readonly labelSelector?: string;
  readonly annotationSelector?: string;
}

/** A patch and what it applies to. */
interface Patch {
  readonly node: KNode;
  readonly target: Target | undefined;
  /** JSON 6902 operations; undefined for a strategic-merge patch. */
  readonly ops: readonly JsonPatchOp[] | undefined;
}

function patchesOf(kfile: SourceFile, root: DocNode, dir: string, byPath: ReadonlyMap<string, SourceFile>, parsed: ReadonlyMap<SourceFile, ManifestFile>, patchFiles: Set<SourceFile>): Patch[] {
  const out: Patch[] = [];
  const load = (pathOrInline: DocNode | undefined, inline: DocNode | undefined): KNode[] => {
    const rel = scalarString(pathOrInline);
    if (rel !== undefined && !/[\n:]/.test(rel)) {
      const file = byPath.get(join(dir, rel));
      if (!file) return [];
      patchFiles.add(file);
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
  const add = (docs: readonly KNode[], target: Patch['target']): void => {
    for (const node of docs) {
      if (node.kind === 'list') out.push({ node, target, ops: opsOf(node) });
      else if (node.kind === 'map') out.push({ node, target, ops: undefined });
    }
  };
  for (const p of items(get(root, 'patchesStrategicMerge'))) add(load(p, undefined), undefined);
  for (const p of items(get(root, 'patches'))) add(load(get(p, 'path'), get(p, 'patch')), targetOf(get(p, 'target')));
  for (const p of items(get(root, 'patchesJson6902'))) add(load(get(p, 'path'), get(p, 'patch')), targetOf(get(p, 'target')));
  return out;
}

function opsOf(list: KNode): JsonPatchOp[] {
  if (list.kind !== 'list') return [];
  return list.items.flatMap((i) => (i.kind === 'map' ? [{ op: str(i.get('op')) ?? '', path: str(i.get('path')) ?? '', value: i.get('value') }] : []));
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
function applyPatch(o: KObject, p: Patch): KObject[] {
  if (!matches(o, p)) return [o];
  if (!p.ops && p.node.kind === 'map' && str(p.node.get('$patch')) === 'delete') return [];
  const merged = p.ops ? jsonPatch(o.root, p.ops) : strategicMerge(o.root, p.node);
  if (merged.kind !== 'map') return [o];
  // A namespace set by a kustomization stays unless the patch writes one.
  const meta = merged.get('metadata');
  const written = meta?.kind === 'map' && meta.get('namespace') !== undefined;
  return [{ ...o, root: merged, namespace: written ? namespaceOf(meta) : o.namespace }];
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
  return { ...n, range, entries: n.entries.map((e) => ({ key: e.key, keyRange: { start: f(e.keyRange.start), end: f(e.keyRange.end) }, value: remap(e.value, f) })) };
}
