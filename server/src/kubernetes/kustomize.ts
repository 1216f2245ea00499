/**
 * Kustomize: a kustomization's resources (files and other kustomizations among the linted files)
 * with its patches and transformers applied in Kustomize's order, as objects whose nodes keep
 * their files. What cannot be rendered from the linted files is listed, never silently dropped.
 */
import type { Range, SourceFile } from '../engine/source';
import { type DocNode, entry, get, items, scalarString } from './model';
import { applyPatch, patchesOf } from './kustomize-patch';
import { transformImages, transformNames } from './kustomize-transform';
import { type KObject, fromManifest } from './objects';
import type { ManifestFile } from './parser';

const NAMES = ['kustomization.yaml', 'kustomization.yml', 'Kustomization'];

/** Something a kustomization names that snclint did not render, and why. */
export interface NotRendered {
  readonly file: SourceFile;
  readonly range: Range;
  readonly what: string;
  readonly why: string;
}

/** One top-level kustomization and what it renders. */
export interface KustomizeUnit {
  readonly file: SourceFile;
  readonly objects: readonly KObject[];
  /** How messages name it: `overlays/dev`. */
  readonly overlay: string;
  /** The kustomization and patch files of its chain: findings there are caused by it. */
  readonly ownFiles: ReadonlySet<SourceFile>;
}

/** The objects each top-level kustomization renders, and the files it reads. */
export interface KustomizeResult {
  readonly units: readonly KustomizeUnit[];
  /** Patch files: partial objects, never linted on their own. */
  readonly patchFiles: ReadonlySet<SourceFile>;
  /** Resource files that some kustomization renders. */
  readonly resourceFiles: ReadonlySet<SourceFile>;
  readonly notRendered: readonly NotRendered[];
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

/** The folder of a path. */
export function dirOf(path: string): string {
  const p = normalisePath(path);
  const i = p.lastIndexOf('/');
  return i < 0 ? '' : i === 0 ? '/' : p.slice(0, i);
}

function join(dir: string, rel: string): string {
  return normalisePath(rel.startsWith('/') ? rel : dir ? `${dir}/${rel}` : rel);
}

/** Whether a file is a kustomization by its name. */
export function isKustomization(file: SourceFile): boolean {
  return NAMES.includes(normalisePath(file.path).split('/').pop() ?? '');
}

/** How a kustomization is named in messages: the last two segments of its folder. */
function overlayName(file: SourceFile): string {
  const segs = dirOf(file.path)
    .split('/')
    .filter((s) => s && s !== '..');
  return segs.slice(-2).join('/') || '.';
}

const REMOTE = /^(?:[a-z][a-z0-9+.-]*:\/\/|git@|github\.com\/|gitlab\.com\/|bitbucket\.org\/)|\?ref=|\/\/.*\?|\.git(?:\/|$)/i;

function rangeOf(n: DocNode): Range {
  return n.range;
}

/** Renders every kustomization among the parsed files. Never throws on bad input. */
export function renderKustomizations(parsed: ReadonlyMap<SourceFile, ManifestFile>): KustomizeResult {
  const byPath = new Map<string, SourceFile>();
  for (const f of parsed.keys()) byPath.set(normalisePath(f.path), f);
  const patchFiles = new Set<SourceFile>();
  const resourceFiles = new Set<SourceFile>();
  const referenced = new Set<SourceFile>();
  const cache = new Map<SourceFile, KObject[]>();
  const own = new Map<SourceFile, Set<SourceFile>>();
  const notes = new Map<string, NotRendered>();
  const note = (file: SourceFile, n: DocNode, what: string, why: string): void => {
    notes.set(`${file.path}:${n.range.start}`, { file, range: rangeOf(n), what, why });
  };

  /** The files a reference names: a resource file, or the kustomization of a folder. */
  const resolve = (kfile: SourceFile, dir: string, ref: DocNode): { file?: SourceFile; sub?: SourceFile } => {
    const rel = scalarString(ref);
    if (!rel) return {};
    if (REMOTE.test(rel)) {
      note(kfile, ref, `remote base ${rel}`, 'snclint reads only the files of the repository');
      return {};
    }
    const target = join(dir, rel);
    const file = byPath.get(target);
    if (file && !isKustomization(file)) return { file };
    const sub = file ?? NAMES.map((n) => byPath.get(join(target, n))).find((f) => f);
    if (!sub) note(kfile, ref, rel, 'it is not among the linted files');
    return { sub };
  };

  const render = (kfile: SourceFile, stack: readonly SourceFile[], input: readonly KObject[] = []): KObject[] => {
    const cached = input.length ? undefined : cache.get(kfile);
    if (cached) return cached;
    const files = own.get(kfile) ?? new Set<SourceFile>([kfile]);
    own.set(kfile, files);
    if (stack.includes(kfile)) return [...input];
    const root = parsed.get(kfile)?.documents[0];
    if (root?.kind !== 'map') return [...input];
    const dir = dirOf(kfile.path);
    let objects: KObject[] = [...input];
    const sub = (s: SourceFile, from: readonly KObject[] = []): KObject[] => {
      referenced.add(s);
      const out = render(s, [...stack, kfile], from);
      for (const f of own.get(s) ?? []) files.add(f);
      return out;
    };
    for (const ref of [...items(get(root, 'resources')), ...items(get(root, 'bases'))]) {
      const r = resolve(kfile, dir, ref);
      if (r.file) {
        resourceFiles.add(r.file);
        const m = parsed.get(r.file);
        objects.push(...(m?.yamlObjects ?? m?.objects ?? []).map((o) => ({ ...fromManifest(o), origin: 'kustomize' as const })));
      } else if (r.sub) objects.push(...sub(r.sub));
    }
    for (const ref of items(get(root, 'components'))) {
      const r = resolve(kfile, dir, ref);
      if (r.sub) objects = sub(r.sub, objects);
    }
    notePlugins(kfile, root, note, (rel) => {
      const f = byPath.get(join(dir, rel));
      return f ? parsed.get(f)?.documents[0] : undefined;
    });
    const used = new Set<SourceFile>();
    const patches = patchesOf(kfile, root, (rel) => byPath.get(join(dir, rel)), parsed, used);
    for (const f of used) {
      patchFiles.add(f);
      files.add(f);
    }
    for (const patch of patches.early) objects = objects.flatMap((o) => applyPatch(o, patch));
    objects = transformNames(kfile, root, objects);
    for (const patch of patches.late) objects = objects.flatMap((o) => applyPatch(o, patch));
    objects = transformImages(kfile, root, objects);
    if (!input.length) cache.set(kfile, objects);
    return objects;
  };

  const all = [...parsed.keys()].filter(isKustomization);
  for (const k of all) render(k, []);
  const units = all
    .filter((k) => !referenced.has(k))
    .map((file) => {
      const overlay = overlayName(file);
      const objects = (cache.get(file) ?? []).map((o) => ({ ...o, overlay, label: `${o.label} in overlay ${overlay}` }));
      return { file, objects, overlay, ownFiles: own.get(file) ?? new Set([file]) };
    });
  return { units, patchFiles, resourceFiles, notRendered: [...notes.values()] };
}

/** Generators, transformers and Helm charts that only Kustomize's plugins can run. */
function notePlugins(
  kfile: SourceFile,
  root: DocNode,
  note: (file: SourceFile, n: DocNode, what: string, why: string) => void,
  read: (rel: string) => DocNode | undefined,
): void {
  for (const c of items(get(root, 'helmCharts'))) {
    const name = scalarString(get(c, 'name')) ?? 'chart';
    note(kfile, entry(c, 'name')?.value ?? c, `Helm chart ${name}`, 'helmCharts are rendered only by kustomize --enable-helm');
  }
  // Fields copied between objects: what they would write keeps its written value here.
  for (const key of ['replacements', 'vars']) {
    const first = items(get(root, key))[0];
    if (first)
      note(
        kfile,
        first,
        `the ${key} step of ${kfile.path.split('/').slice(-2, -1)[0] ?? 'this kustomization'}`,
        'snclint does not copy values between objects',
      );
  }
  for (const key of ['generators', 'transformers', 'validators']) {
    for (const g of items(get(root, key))) {
      const what = scalarString(g);
      // A file of `apiVersion: builtin` configures one of Kustomize's own transformers, which snclint does not apply either.
      const builtin = what !== undefined && scalarString(get(read(what), 'apiVersion')) === 'builtin';
      if (builtin)
        note(kfile, g, `${key.slice(0, -1)} configuration ${what}`, 'snclint applies only the fields of the kustomization itself');
      else note(kfile, g, `${key.slice(0, -1)} plugin ${what ?? '(inline)'}`, 'snclint does not run Kustomize plugins');
    }
  }
}
