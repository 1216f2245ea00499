/**
 * Lints a large run in groups of files that do not see each other, so that only one group's parse
 * trees and models are alive at a time; the result is the one a single lint of all files gives.
 * A group keeps together: the files of a Terraform folder, the folders its local module calls
 * reach (both ways); the manifests of a folder, the folders a kustomization in it names (resources,
 * bases, components, patches) and a Helm chart's whole folder. Rules that judge across the run's
 * objects leave summaries that `settle` joins after the last group (the cache keeps them with each
 * group's result). Without `settle`, all manifests form one group with every Terraform folder that
 * has kubernetes_* resources.
 */
import * as path from 'node:path';
import { resolvePath } from '../engine/paths';
import type { SourceFile } from '../engine/source';
import type { Finding, LintResult } from '../engine/types';
import type { Deferred, GroupResult } from './across';
import { localSourcesInText } from '../terraform/project';
import { installedRootOf } from '../terraform/installed';

/** Text per batch of groups: large enough that a run makes few lint calls, small enough to bound memory. */
export const BATCH_CHARS = 2_000_000;

const MANIFESTS = '\0manifests';
/** The key prefix of a folder's manifests when manifests are split. */
const MANIFEST_DIR = '\0manifests:';

function isTerraform(file: SourceFile): boolean {
  return (
    file.language === 'terraform' ||
    file.language === 'terraform-json' ||
    file.language === 'terraform-vars' ||
    file.path.toLowerCase().endsWith('.tfvars.json')
  );
}

class UnionFind {
  private readonly parent = new Map<string, string>();
  find(x: string): string {
    let root = x;
    while (this.parent.has(root) && this.parent.get(root) !== root) root = this.parent.get(root)!;
    let cur = x;
    while (cur !== root) {
      const next = this.parent.get(cur) ?? root;
      this.parent.set(cur, root);
      cur = next;
    }
    this.parent.set(root, root);
    return root;
  }
  union(a: string, b: string): void {
    const ra = this.find(a);
    const rb = this.find(b);
    if (ra !== rb) this.parent.set(ra, rb);
  }
}

/** Splits files into batches of independent groups, each batch up to `batchChars` of text (a larger group makes a batch of its own). */
export function groupFiles(
  files: readonly SourceFile[],
  batchChars = BATCH_CHARS,
  related: (f: SourceFile) => readonly string[] = () => [],
  splitManifests = false,
): SourceFile[][] {
  return batchesOf(independentGroups(files, related, splitManifests), batchChars);
}

const KUSTOMIZATIONS = new Set(['kustomization.yaml', 'kustomization.yml', 'Kustomization']);

/** Every word of a kustomization that may be a path: over-matching only makes a group larger. */
function pathsIn(text: string): string[] {
  return text.split(/[\s"',:[\]{}|>]+/).filter((w) => w && w !== '-' && !w.startsWith('#'));
}

/**
 * Joins manifest folders that are read together: a kustomization's folder with every folder and
 * file its words name, and a Helm chart's folder (the one holding Chart.yaml) with its subfolders.
 */
function joinManifests(files: readonly SourceFile[], keyOf: (f: SourceFile) => string, uf: UnionFind): void {
  const folderKeys = new Map<string, string>();
  const fileKeys = new Map<string, string>();
  for (const f of files) {
    const key = keyOf(f);
    if (!key.startsWith(MANIFEST_DIR)) continue;
    folderKeys.set(resolvePath(path.dirname(f.path)), key);
    fileKeys.set(resolvePath(f.path), key);
  }
  const charts: string[] = [];
  for (const f of files) {
    const key = keyOf(f);
    if (!key.startsWith(MANIFEST_DIR)) continue;
    const name = path.basename(f.path);
    const dir = resolvePath(path.dirname(f.path));
    if (name === 'Chart.yaml') charts.push(dir);
    if (!KUSTOMIZATIONS.has(name)) continue;
    for (const word of pathsIn(f.text)) {
      const target = path.resolve(dir, word);
      const other = folderKeys.get(target) ?? fileKeys.get(target);
      if (other !== undefined) uf.union(key, other);
    }
  }
  for (const chart of charts) {
    for (const [dir, key] of folderKeys) if (dir.startsWith(chart + path.sep)) uf.union(key, folderKeys.get(chart)!);
  }
}

/**
 * Splits files into groups that do not see each other, in the order of their first file. With
 * `splitManifests`, manifests are grouped by what reads them together (the run's cross-object rules
 * then need `settle`); otherwise they form one group with the Terraform folders of kubernetes_* resources.
 */
export function independentGroups(
  files: readonly SourceFile[],
  related: (f: SourceFile) => readonly string[] = () => [],
  splitManifests = false,
): SourceFile[][] {
  const uf = new UnionFind();
  // What init installed under a root module's `.terraform/` (modules and their manifest) goes with that root module.
  const keyFor = (f: SourceFile): string => {
    const installedFor = installedRootOf(f.path);
    if (installedFor !== undefined) return resolvePath(installedFor);
    if (isTerraform(f)) return resolvePath(path.dirname(f.path));
    return splitManifests ? MANIFEST_DIR + resolvePath(path.dirname(f.path)) : MANIFESTS;
  };
  // Each file's key is asked for several times: worked out once.
  const memo = new Map<SourceFile, string>();
  const keyOf = (f: SourceFile): string => {
    let k = memo.get(f);
    if (k === undefined) memo.set(f, (k = keyFor(f)));
    return k;
  };
  const keys = new Set(files.map(keyOf));
  uf.find(MANIFESTS);
  if (splitManifests) joinManifests(files, keyOf, uf);
  for (const f of files) {
    const key = keyOf(f);
    uf.find(key);
    if (key === MANIFESTS || key.startsWith(MANIFEST_DIR)) continue;
    // Terraform kubernetes_* resources are Kubernetes objects of the run. Over-matching (the name in
    // a comment or a string) only makes a group larger, never a result different.
    if (!splitManifests && f.text.includes('"kubernetes_')) uf.union(key, MANIFESTS);
    // Files the configuration ties to this one (named var files) are linted with it.
    for (const other of related(f)) {
      const target = resolvePath(path.dirname(other));
      if (keys.has(target)) uf.union(key, target);
    }
    for (const source of localSourcesInText(f.text)) {
      const target = path.resolve(key, source);
      if (keys.has(target)) uf.union(key, target);
    }
  }
  const groups = new Map<string, SourceFile[]>();
  for (const f of files) {
    const root = uf.find(keyOf(f));
    const g = groups.get(root);
    if (g) g.push(f);
    else groups.set(root, [f]);
  }
  return [...groups.values()];
}

/** Puts groups together into batches of up to `batchChars` of text (a larger group makes a batch of its own). */
function batchesOf(groups: readonly (readonly SourceFile[])[], batchChars: number): SourceFile[][] {
  const batches: SourceFile[][] = [];
  let current: SourceFile[] = [];
  let size = 0;
  for (const g of groups) {
    const chars = g.reduce((n, f) => n + f.text.length, 0);
    if (current.length && size + chars > batchChars) {
      batches.push(current);
      current = [];
      size = 0;
    }
    current.push(...g);
    size += chars;
  }
  if (current.length) batches.push(current);
  return batches;
}

/** Findings of several runs over disjoint files, in the order one run over all of them gives: by file, then each run's own order. */
function mergeByFile<T>(lists: readonly (readonly T[])[], fileOf: (t: T) => string): T[] {
  const byFile = new Map<string, T[]>();
  for (const list of lists) {
    for (const t of list) {
      const k = fileOf(t);
      const l = byFile.get(k);
      if (l) l.push(t);
      else byFile.set(k, [t]);
    }
  }
  return [...byFile.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)).flatMap((k) => byFile.get(k)!);
}

/** How lintInGroups runs: the batch size, and what to do between batches (collect garbage). */
export interface GroupOptions {
  readonly batchChars?: number;
  /** Absolute paths of files outside a file's folder that it needs (named var files). */
  readonly related?: (f: SourceFile) => readonly string[];
  /** Called after each batch is linted, with its files and its result (before any cross-group settling). */
  readonly afterBatch?: (files: readonly SourceFile[], result: GroupResult) => void;
  /** Results kept from earlier runs, group by group (`--cache`). */
  readonly cache?: GroupCache;
  /**
   * Joins what the groups left to rules judging across the run (`lint`'s `deferAcross`); given
   * without a cache, manifests are split by what reads them together.
   */
  readonly settle?: (merged: LintResult, deferred: readonly Deferred[]) => LintResult;
  /**
   * Lints the batches (on several threads, say) and returns their results in batch order, calling
   * `after` with each; one after the other with `lintOne` when absent.
   */
  readonly runBatches?: (
    batches: readonly (readonly SourceFile[])[],
    lintOne: (files: readonly SourceFile[]) => GroupResult,
    after: (files: readonly SourceFile[], result: GroupResult) => void,
  ) => GroupResult[];
}

/** A store of one group's result, looked up by the group's files (their texts and settings). */
export interface GroupCache {
  lookup(group: readonly SourceFile[]): GroupResult | undefined;
  store(group: readonly SourceFile[], result: GroupResult): void;
}

function merge(results: readonly LintResult[]): LintResult {
  const fileOf = (f: Finding): string => f.file.path;
  return {
    findings: mergeByFile(
      results.map((r) => r.findings),
      fileOf,
    ),
    errors: results.flatMap((r) => r.errors),
    files: results.reduce((n, r) => n + r.files, 0),
    suppressed: mergeByFile(
      results.map((r) => r.suppressed ?? []),
      (s) => s.finding.file.path,
    ),
  };
}

/**
 * Lints with a cache: groups it holds are not linted again; the others are linted one by one (a
 * group's result, summaries included, is its own) and stored. What the groups leave is settled as
 * in a run without the cache.
 */
function lintCached(
  files: readonly SourceFile[],
  lintOne: (files: readonly SourceFile[]) => GroupResult,
  options: GroupOptions,
  cache: GroupCache,
): LintResult {
  const results: GroupResult[] = [];
  for (const g of independentGroups(files, options.related, options.settle !== undefined)) {
    const hit = cache.lookup(g);
    if (hit) {
      results.push(hit);
      continue;
    }
    const r = lintOne(g);
    options.afterBatch?.(g, r);
    if (!r.errors.some((e) => e.kind === 'internal')) cache.store(g, r);
    results.push(r);
  }
  return settleAll(results, options, false);
}

/** The results of groups merged (a lone result kept as it is when `keepLone`), with what they left settled. */
function settleAll(fulls: readonly GroupResult[], options: GroupOptions, keepLone: boolean): LintResult {
  const deferred: Deferred[] = [];
  const results = fulls.map(({ deferred: d, ...r }) => {
    if (d) deferred.push(d);
    return r;
  });
  const merged = keepLone && results.length === 1 ? results[0]! : merge(results);
  return options.settle && deferred.length ? options.settle(merged, deferred) : merged;
}

/** Lints batches one after the other on this thread, calling `after` with each result: what `runBatches` does by default. */
export function lintInOrder(
  batches: readonly (readonly SourceFile[])[],
  lintOne: (files: readonly SourceFile[]) => GroupResult,
  after: (files: readonly SourceFile[], result: GroupResult) => void,
): GroupResult[] {
  return batches.map((b) => {
    const r = lintOne(b);
    after(b, r);
    return r;
  });
}

/** Lints `files` batch by batch with `lintOne` and merges the results, settling what groups left to rules judging across the run. */
export function lintInGroups(
  files: readonly SourceFile[],
  lintOne: (files: readonly SourceFile[]) => GroupResult,
  options: GroupOptions = {},
): LintResult {
  if (options.cache) return lintCached(files, lintOne, options, options.cache);
  const grouped = groupFiles(files, options.batchChars ?? BATCH_CHARS, options.related, options.settle !== undefined);
  const batches = grouped.length ? grouped : [[...files]];
  const after = (b: readonly SourceFile[], full: GroupResult): void => {
    if (batches.length > 1) options.afterBatch?.(b, full);
  };
  return settleAll((options.runBatches ?? lintInOrder)(batches, lintOne, after), options, true);
}
