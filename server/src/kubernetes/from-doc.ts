/** The neutral tree over YAML and JSON document nodes, with edits that keep the file's indentation. */
import type { Range, SourceFile } from '../engine/source';
import { appendEntry, replaceScalar } from './edits';
import type { DocMap, DocNode } from './model';
import { type FileEdit, type KMap, type KNode, type Scalar, firstLine } from './node';

/** How a scalar is written in YAML (JSON-compatible quoting when plain text would change its type). */
export function yamlScalar(value: Scalar): string {
  if (value === null) return 'null';
  if (typeof value !== 'string') return String(value);
  return /^[A-Za-z_/][\w./-]*$/.test(value) && !/^(true|false|yes|no|on|off|null|~)$/i.test(value) ? value : JSON.stringify(value);
}

const indentUnits = new WeakMap<SourceFile, number>();

/** The file's indentation step: the smallest indentation of any line (2 when nothing is indented). */
export function indentUnit(file: SourceFile): number {
  // Every fix in the file asks: scanning the file each time made a manifest with thousands of containers quadratic.
  const known = indentUnits.get(file);
  if (known !== undefined) return known;
  let unit = 0;
  const re = /^( +)[^\s#]/gm;
  for (let m = re.exec(file.text); m; m = re.exec(file.text)) if (unit === 0 || m[1]!.length < unit) unit = m[1]!.length;
  indentUnits.set(file, unit || 2);
  return unit || 2;
}

/** Options that tell nodes whether they may edit their file. */
interface Opts {
  /** False for nodes whose offsets were mapped from an inline text (no edit is offered there). */
  readonly editable: boolean;
}

/** Wraps a document node. `header` is where a key missing from a map is reported. */
export function fromDoc(file: SourceFile, node: DocNode, header?: Range, opts: Opts = { editable: true }): KNode {
  if (node.kind === 'scalar') {
    return {
      kind: 'scalar',
      file,
      range: node.range,
      value: node.value,
      replace: (v) => {
        if (!opts.editable) return undefined;
        const edit = replaceScalar(file, node, v === null ? 'null' : String(v));
        if (!edit) return undefined;
        // A string that YAML would read as another type keeps its meaning only quoted.
        const plain = file.text[node.range.start] !== '"' && file.text[node.range.start] !== "'";
        return { file, edit: plain && typeof v === 'string' ? { ...edit, newText: yamlScalar(v) } : edit };
      },
    };
  }
  if (node.kind === 'seq')
    return { kind: 'list', file, range: node.range, items: node.items.map((i) => fromDoc(file, i, itemHeader(file, i), opts)) };
  return docMap(file, node, header ?? firstLine(file, node.range), opts);
}

/** Where a map inside a list is named: its `name: x` entry, else its first line. */
function itemHeader(file: SourceFile, node: DocNode): Range {
  if (node.kind !== 'map') return node.range;
  const name = node.entries.find((e) => e.key === 'name');
  return name ? { start: name.keyRange.start, end: name.value.range.end } : firstLine(file, node.range);
}

function docMap(file: SourceFile, node: DocMap, header: Range, opts: Opts): KMap {
  const child = (key: string): KNode | undefined => {
    const e = node.entries.find((x) => x.key === key);
    return e ? fromDoc(file, e.value, e.keyRange, opts) : undefined;
  };
  const self: KMap = {
    kind: 'map',
    file,
    range: node.range,
    header,
    keys: () => node.entries.map((e) => e.key),
    get: child,
    list: (key) => {
      const v = child(key);
      return v?.kind === 'list' ? v.items : [];
    },
    set: (path, value) => {
      if (!opts.editable || path.length === 0) return undefined;
      const [key, ...rest] = path as [string, ...string[]];
      const existing = child(key);
      if (existing) {
        if (rest.length === 0) return existing.kind === 'scalar' ? existing.replace(value) : undefined;
        return existing.kind === 'map' ? existing.set(rest, value) : undefined;
      }
      return insert(file, node, key, rest, value);
    },
  };
  return self;
}

function insert(file: SourceFile, node: DocMap, key: string, rest: readonly string[], value: Scalar): FileEdit | undefined {
  if (node.flow || node.entries.length === 0) return undefined;
  if (rest.length === 0) {
    const edit = appendEntry(file, node, key, yamlScalar(value));
    return edit && { file, edit };
  }
  const base = file.positionAt(node.entries[0]!.keyRange.start).character;
  const unit = indentUnit(file);
  let text = '';
  rest.forEach((k, i) => {
    const last = i === rest.length - 1;
    text += `${file.eol}${' '.repeat(base + unit * (i + 1))}${k}:${last ? ` ${yamlScalar(value)}` : ''}`;
  });
  const edit = appendEntry(file, node, key, text);
  return edit && { file, edit };
}
