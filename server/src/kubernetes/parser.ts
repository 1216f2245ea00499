/** Reads YAML and JSON files into document trees and finds the Kubernetes objects in them. */
import { type Node as JsonNode, type ParseError, parseTree, printParseErrorCode } from 'jsonc-parser';
import { redactMessage } from '../engine/echo';
import { type Alias, type Document, type Node as YamlNode, isAlias, isMap, isPair, isScalar, isSeq, parseAllDocuments, visit } from 'yaml';
import type { SourceFile } from '../engine/source';
import { nestingProblem } from '../engine/limits';
import type { SyntaxProblem } from '../terraform/ast';
import { type DocEntry, type DocNode, type K8sObject, expandLists, toK8sObject } from './model';

/** A parsed YAML or JSON file: its documents, the Kubernetes objects among them, and its problems. */
export interface ManifestFile {
  readonly documents: readonly DocNode[];
  readonly objects: readonly K8sObject[];
  readonly problems: readonly SyntaxProblem[];
  /** YAML comments, for suppressions. */
  readonly comments: readonly { readonly text: string; readonly range: { start: number; end: number } }[];
  /** The file is a template (Helm, Go templates): not plain YAML, so not judged as such. */
  readonly templated: boolean;
  /**
   * For a template that is nonetheless valid YAML (`project: {{PROJECT_ID}}` reads as a map): the
   * objects Kustomize reads from it when a kustomization names it.
   */
  readonly yamlObjects?: readonly K8sObject[];
}

/** Most nodes a file's aliases may expand to before expansion stops (an alias bomb grows exponentially). */
const MAX_ALIAS_NODES = 100_000;
/** Deepest nesting read; block mappings nest by indentation, which the bracket check before parsing does not see. */
const MAX_DEPTH = 500;

/** Parses a YAML file (multi-document). Never throws. */
export function parseYamlFile(file: SourceFile): ManifestFile {
  const text = file.text;
  // Go templates (Helm, and `{{name}}` placeholders filled by scripts): `{{ ... }}` on one line.
  const templated = /\{\{[-\s]/.test(text) || /\{\{[^{}\r\n]*\}\}/.test(text);
  const problems: SyntaxProblem[] = [];
  const documents: DocNode[] = [];
  let docs: Document.Parsed[];
  const deep = nestingProblem(text, 'YAML');
  if (deep) return { documents, objects: [], problems: templated ? [] : [deep], comments: [], templated };
  try {
    const parsed = parseAllDocuments(text, { uniqueKeys: false, prettyErrors: false, strict: false });
    docs = Array.isArray(parsed) ? parsed : [];
  } catch (e) {
    problems.push({ message: `YAML could not be read: ${redactMessage((e as Error).message)}`, range: { start: 0, end: 0 } });
    docs = [];
  }
  // Shared by the file's documents: a stream of small bombs is as costly as one big one.
  let aliasNodes = 0;
  for (const doc of docs) {
    for (const err of doc.errors) {
      const [s, e] = err.pos;
      problems.push({
        message: `YAML syntax error: ${redactMessage(err.message.split('\n')[0]!)}`,
        range: { start: s, end: Math.max(e, s + 1) },
      });
    }
    if (doc.contents) {
      const budget: Budget = { aliasNodes, aliasesExceeded: false, tooDeep: false, doc, anchors: undefined };
      const node = convertYaml(doc.contents, budget, 0, false);
      aliasNodes = budget.aliasNodes;
      if (budget.aliasesExceeded)
        problems.push({
          message: `YAML aliases expand to more than ${MAX_ALIAS_NODES} nodes; the rest was not read.`,
          range: rangeOf(doc.contents),
        });
      if (budget.tooDeep)
        problems.push({
          message: `YAML nested more than ${MAX_DEPTH} levels deep; the deeper part was not read.`,
          range: rangeOf(doc.contents),
        });
      if (node) documents.push(node);
    }
  }
  const comments = yamlComments(text);
  // A template's objects are not what gets deployed (conditionals, placeholders): its rendered output is linted instead.
  const read = expandLists(documents.map((d) => toK8sObject(file, d)).filter((o): o is K8sObject => !!o));
  const objects = templated ? [] : read;
  return {
    documents,
    objects,
    problems: templated ? [] : problems,
    comments,
    templated,
    ...(templated && !problems.length ? { yamlObjects: read } : {}),
  };
}

/**
 * The comments of a YAML text: a "#" at the start of a line or after a space or tab begins one, to
 * the end of its line (a "#" inside a quoted string that follows a space counts too: suppression
 * comments are looked for there, and a false one names no rule).
 */
export function yamlComments(text: string): { text: string; range: { start: number; end: number } }[] {
  const comments: { text: string; range: { start: number; end: number } }[] = [];
  for (let at = text.indexOf('#'); at >= 0; at = text.indexOf('#', at)) {
    const before = at === 0 ? 10 : text.charCodeAt(at - 1);
    if (before !== 10 && before !== 13 && before !== 32 && before !== 9 && before !== 0x2028 && before !== 0x2029) {
      at++;
      continue;
    }
    let end = at + 1;
    while (end < text.length && text.charCodeAt(end) !== 10 && text.charCodeAt(end) !== 13) end++;
    comments.push({ text: text.slice(at, end), range: { start: at, end } });
    at = end;
  }
  return comments;
}

function rangeOf(n: YamlNode): { start: number; end: number } {
  const r = n.range;
  return r ? { start: r[0], end: r[1] } : { start: 0, end: 0 };
}

/** Anchored nodes by name, in document order: resolving each alias through `Alias.resolve` walks the whole document, quadratic on alias-heavy files. */
function anchorsOf(doc: Document.Parsed): Map<string, YamlNode[]> {
  const anchors = new Map<string, YamlNode[]>();
  visit(doc, (_key, node) => {
    if (!node || typeof node !== 'object' || isAlias(node) || !('anchor' in node) || typeof node.anchor !== 'string') return;
    const n = node as YamlNode;
    const name = node.anchor;
    const list = anchors.get(name);
    if (list) list.push(n);
    else anchors.set(name, [n]);
  });
  for (const list of anchors.values()) list.sort((a, b) => startOf(a) - startOf(b));
  return anchors;
}

function startOf(n: YamlNode): number {
  return n.range?.[0] ?? Infinity;
}

/** The node an alias refers to: the last node with its anchor that starts before it, as YAML defines. */
function resolveAlias(a: Alias, anchors: ReadonlyMap<string, readonly YamlNode[]>): YamlNode | undefined {
  const list = anchors.get(a.source) ?? [];
  const at = a.range?.[0] ?? Infinity;
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (startOf(list[mid]!) < at) lo = mid + 1;
    else hi = mid;
  }
  return lo > 0 ? list[lo - 1] : undefined;
}

interface Budget {
  aliasNodes: number;
  aliasesExceeded: boolean;
  tooDeep: boolean;
  readonly doc: Document.Parsed;
  /** The document's anchors, gathered at its first alias (most documents have none). */
  anchors: ReadonlyMap<string, readonly YamlNode[]> | undefined;
}

function convertYaml(n: unknown, budget: Budget, depth: number, viaAlias: boolean): DocNode | undefined {
  if (depth > MAX_DEPTH) {
    budget.tooDeep = true;
    return undefined;
  }
  if (viaAlias && ++budget.aliasNodes > MAX_ALIAS_NODES) {
    budget.aliasesExceeded = true;
    return undefined;
  }
  if (isAlias(n)) {
    budget.anchors ??= anchorsOf(budget.doc);
    const target = resolveAlias(n, budget.anchors);
    return target ? convertYaml(target, budget, depth + 1, true) : undefined;
  }
  if (isScalar(n)) {
    const v = n.value;
    const value =
      v === null || v === undefined ? null : typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' ? v : String(v);
    return { kind: 'scalar', range: rangeOf(n), value };
  }
  if (isMap(n)) {
    const entries: DocEntry[] = [];
    // Where each key stands in `entries`: a later key replaces an earlier one in place.
    const at = new Map<string, number>();
    for (const pair of n.items) {
      if (!isPair(pair)) continue;
      const k = pair.key;
      if (isScalar(k) && k.value === '<<' && pair.value) {
        // Merge keys: the merged map's entries come first, explicit ones override.
        const merged = convertYaml(pair.value, budget, depth + 1, viaAlias);
        const sources = merged?.kind === 'map' ? [merged] : merged?.kind === 'seq' ? merged.items : [];
        for (const src of sources) {
          if (src.kind !== 'map') continue;
          for (const e of src.entries) {
            if (at.has(e.key)) continue;
            at.set(e.key, entries.length);
            entries.push(e);
          }
        }
        continue;
      }
      const key = isScalar(k) ? String(k.value) : undefined;
      if (key === undefined) continue;
      const value =
        pair.value === null || pair.value === undefined
          ? ({ kind: 'scalar', range: { start: rangeOf(k as YamlNode).end, end: rangeOf(k as YamlNode).end }, value: null } as const)
          : convertYaml(pair.value, budget, depth + 1, viaAlias);
      if (!value) continue;
      const existing = at.get(key);
      const e = { key, keyRange: rangeOf(k as YamlNode), value };
      if (existing !== undefined) entries[existing] = e;
      else {
        at.set(key, entries.length);
        entries.push(e);
      }
    }
    return { kind: 'map', range: rangeOf(n), entries, flow: !!n.flow };
  }
  if (isSeq(n)) {
    const items: DocNode[] = [];
    for (const i of n.items) {
      const c = convertYaml(i, budget, depth + 1, viaAlias);
      if (c) items.push(c);
    }
    return { kind: 'seq', range: rangeOf(n), items, flow: !!n.flow };
  }
  return undefined;
}

/** Parses a JSON file; it holds Kubernetes objects when it has apiVersion and kind. Never throws. */
export function parseJsonFile(file: SourceFile): ManifestFile {
  const deep = nestingProblem(file.text, 'JSON');
  if (deep) return { documents: [], objects: [], problems: [deep], comments: [], templated: false };
  const errors: ParseError[] = [];
  const root = parseTree(file.text, errors, { allowTrailingComma: true });
  const problems = errors.map((e) => ({
    message: `JSON syntax error: ${printParseErrorCode(e.error)}.`,
    range: { start: e.offset, end: e.offset + Math.max(1, e.length) },
  }));
  const doc = root ? convertJson(root, 0) : undefined;
  const documents = doc ? [doc] : [];
  const objects = expandLists(documents.map((d) => toK8sObject(file, d)).filter((o): o is K8sObject => !!o));
  return { documents, objects, problems, comments: [], templated: false };
}

function convertJson(n: JsonNode, depth: number): DocNode | undefined {
  const range = { start: n.offset, end: n.offset + n.length };
  if (depth > 500) return undefined;
  if (n.type === 'object') {
    const entries: DocEntry[] = [];
    for (const prop of n.children ?? []) {
      const [k, v] = prop.children ?? [];
      if (!k || !v) continue;
      const value = convertJson(v, depth + 1);
      if (value) entries.push({ key: String(k.value), keyRange: { start: k.offset, end: k.offset + k.length }, value });
    }
    return { kind: 'map', range, entries, flow: true };
  }
  if (n.type === 'array') {
    return {
      kind: 'seq',
      range,
      items: (n.children ?? []).map((c) => convertJson(c, depth + 1)).filter((c): c is DocNode => !!c),
      flow: true,
    };
  }
  return { kind: 'scalar', range, value: (n.value ?? null) as string | number | boolean | null };
}
