/** Text edits on YAML that follow the file's own indentation. */
import type { SourceFile } from '../engine/source';
import type { TextEdit } from '../engine/types';
import type { DocMap, DocNode } from './model';

/**
 * Adds `key: value` (or a nested block when `value` starts with a line break) as the last entry of a block-style mapping, at the indentation of its
 * entries. Undefined for flow mappings and JSON, where no edit is offered.
 */
export function appendEntry(file: SourceFile, map: DocMap, key: string, value: string): TextEdit | undefined {
  if (map.flow || map.entries.length === 0) return undefined;
  const first = map.entries[0]!;
  const indent = ' '.repeat(file.positionAt(first.keyRange.start).character);
  const last = map.entries[map.entries.length - 1]!;
  // The end of the last entry's last line, before trailing blank lines and comments.
  let at = last.value.range.end;
  while (at > last.keyRange.end && /\s/.test(file.text[at - 1]!)) at--;
  const lineEnd = file.text.slice(at).search(/\r?\n|$/);
  at += Math.max(lineEnd, 0);
  const sep = /^\r?\n/.test(value) ? ':' : ': ';
  return { range: { start: at, end: at }, newText: `${file.eol}${indent}${key}${sep}${value}` };
}

/** Replaces a YAML or JSON scalar, keeping its quoting style; undefined for anything but a plain or quoted scalar. */
export function replaceScalar(file: SourceFile, node: DocNode, newValue: string): TextEdit | undefined {
  if (node.kind !== 'scalar') return undefined;
  const first = file.text[node.range.start];
  if (first === '{' || first === '[' || first === '|' || first === '>') return undefined;
  const newText = first === '"' ? JSON.stringify(newValue) : first === "'" ? `'${newValue.replace(/'/g, "''")}'` : newValue;
  return { range: node.range, newText };
}
