/**
 * A neutral tree for Kubernetes objects, whatever wrote them: YAML, JSON, Terraform blocks or
 * objects, Kustomize patches. Every node knows its file and range, and how to edit itself.
 */
import type { Range, SourceFile } from '../engine/source';
import type { TextEdit } from '../engine/types';

/** A known scalar value. */
export type Scalar = string | number | boolean | null;

/** A text edit and the file it applies to. */
export interface FileEdit {
  readonly file: SourceFile;
  readonly edit: TextEdit;
}

interface Base {
  readonly file: SourceFile;
  readonly range: Range;
}

/** A place in a file: where a finding is reported. */
export interface Where {
  readonly file: SourceFile;
  readonly range: Range;
}

/** A mapping: Kubernetes field names (camelCase) to nodes. */
export interface KMap extends Base {
  readonly kind: 'map';
  /** Where a key missing from this map is reported: its key, block type or first line. */
  readonly header: Range;
  /** Keys an overlay removed from this map, and the operation that removed each. */
  readonly removed?: ReadonlyMap<string, Where>;
  /** The keys present, in order. */
  keys(): readonly string[];
  /** The value of a key. */
  get(key: string): KNode | undefined;
  /** The nodes a list-valued key holds (Terraform writes them as repeated blocks). */
  list(key: string): readonly KNode[];
  /** An edit that sets the scalar at a path of keys below this map, creating what is missing. */
  set(path: readonly string[], value: Scalar): FileEdit | undefined;
}

/** A sequence. */
export interface KList extends Base {
  readonly kind: 'list';
  readonly items: readonly KNode[];
}

/** A known scalar. */
export interface KScalar extends Base {
  readonly kind: 'scalar';
  readonly value: Scalar;
  /** An edit that writes another value in place of this one. */
  replace(value: Scalar): FileEdit | undefined;
}

/** A value the configuration does not determine (a variable, a template, a dynamic block). */
export interface KUnknown extends Base {
  readonly kind: 'unknown';
  readonly reason: string;
}

export type KNode = KMap | KList | KScalar | KUnknown;

/** The node at a path of keys, through maps only. */
export function at(node: KNode | undefined, ...path: string[]): KNode | undefined {
  let n = node;
  for (const k of path) n = n?.kind === 'map' ? n.get(k) : undefined;
  return n;
}

/**
 * Where a setting missing at `path` below `node` is reported: the overlay operation that removed
 * it, else a map along the path that an overlay wrote in another file, else the node's header.
 * A compliant base line is thus never blamed for what an overlay took away.
 */
export function missingAt(node: KMap, ...path: string[]): Where {
  let n: KMap = node;
  for (const k of path) {
    const next = n.get(k);
    if (!next) {
      const removed = n.removed?.get(k);
      if (removed) return removed;
      break;
    }
    if (next.kind !== 'map') break;
    n = next;
  }
  return n.file !== node.file ? { file: n.file, range: n.header } : { file: node.file, range: node.header };
}

/** The map at a path, or undefined when absent or not a map. */
export function mapAt(node: KNode | undefined, ...path: string[]): KMap | undefined {
  const n = at(node, ...path);
  return n?.kind === 'map' ? n : undefined;
}

/** The list items under `key` of a map (empty when absent). */
export function listOf(node: KNode | undefined, key: string): readonly KNode[] {
  return node?.kind === 'map' ? node.list(key) : [];
}

/** A scalar's value as a string, or undefined for anything else. */
export function str(node: KNode | undefined): string | undefined {
  return node?.kind === 'scalar' && node.value !== null ? String(node.value) : undefined;
}

/** True only for a known true (boolean, or the string "true"). */
export function isOn(node: KNode | undefined): node is KScalar {
  return node?.kind === 'scalar' && (node.value === true || node.value === 'true');
}

/** True only for a known false (boolean, or the string "false"). */
export function isOff(node: KNode | undefined): node is KScalar {
  return node?.kind === 'scalar' && (node.value === false || node.value === 'false');
}

/** A known number (or numeric string), else undefined. */
export function num(node: KNode | undefined): number | undefined {
  if (node?.kind !== 'scalar') return undefined;
  if (typeof node.value === 'number') return node.value;
  if (typeof node.value === 'string' && /^-?\d+$/.test(node.value.trim())) return Number(node.value);
  return undefined;
}

/** The range from `start` to the end of its line: a header for a map that has no key of its own. */
export function firstLine(file: SourceFile, range: Range): Range {
  const nl = file.text.slice(range.start, range.end).search(/\r?\n|\r/);
  return nl < 0 ? range : { start: range.start, end: range.start + nl };
}
