/**
 * Lints a large run in groups of files that do not see each other, so that only one group's parse
 * trees and models are alive at a time; the result is the one a single lint of all files gives.
 * A group keeps together: the files of a Terraform folder, the folders its local module calls
 * reach (both ways), and all Kubernetes manifests with every Terraform folder that has kubernetes_*
 * resources (Kustomize, charts and cross-object rules read the whole run's objects).
 */
import * as path from 'path';
import type { SourceFile } from '../engine/source';
import type { Finding, LintResult } from '../engine/types';
import { localSourcesInText } from '../terraform/project';
import { installedRootOf } from '../terraform/installed';

/** Text per batch of groups: large enough that a run makes few lint calls, small enough to bound memory. */
export const BATCH_CHARS = 2_000_000;

const MANIFESTS = '\0manifests';

function isTerraform(file: SourceFile): boolean {
  return file.language === 'terraform' || file.language === 'terraform-json' || file.language === 'terraform-vars' || file.path.toLowerCase().endsWith('.tfvars.json');
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
export function groupFiles(files: readonly SourceFile[], batchChars = BATCH_CHARS, related: (f: SourceFile) => readonly string[] = () => []): SourceFile[][] {
  const uf = new UnionFind();
  // What init installed under a root module's `.terraform/` (modules and their manifest) goes with that root module.
  const keyOf = (f: SourceFile): string => {
    const installedFor = installedRootOf(f.path);
    return installedFor !== undefined ? path.resolve(installedFor) : isTerraform(f) ? path.resolve(path.dirname(f.path)) : MANIFESTS;
  };
  const keys = new Set(files.map(keyOf));
  uf.find(MANIFESTS);
  for (const f of files) {
    const key = keyOf(f);
    uf.find(key);
    if (key === MANIFESTS) continue;
    // Terraform kubernetes_* resources are Kubernetes objects of the run. Over-matching (the name in
    // a comment or a string) only makes a group larger, never a result different.
    if (f.text.includes('"kubernetes_')) uf.union(key, MANIFESTS);
    // Files the configuration ties to this one (named var files) are linted with it.
    for (const other of related(f)) {
      const target = path.resolve(path.dirname(other));
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
  const batches: SourceFile[][] = [];
  let current: SourceFile[] = [];
  let size = 0;
  for (const g of groups.values()) {
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
  readonly afterBatch?: () => void;
}

/** Lints `files` batch by batch with `lintOne` and merges the results. */
export function lintInGroups(files: readonly SourceFile[], lintOne: (files: readonly SourceFile[]) => LintResult, options: GroupOptions = {}): LintResult {
  const batches = groupFiles(files, options.batchChars ?? BATCH_CHARS, options.related);
  if (batches.length <= 1) return lintOne(files);
  const results = batches.map((b) => {
    const r = lintOne(b);
    options.afterBatch?.();
    return r;
  });
  const fileOf = (f: Finding): string => f.file.path;
  return {
    findings: mergeByFile(results.map((r) => r.findings), fileOf),
    errors: results.flatMap((r) => r.errors),
    files: results.reduce((n, r) => n + r.files, 0),
    suppressed: mergeByFile(results.map((r) => r.suppressed ?? []), (s) => s.finding.file.path),
  };
}
