/**
 * Differential test against `kubectl kustomize` (Kustomize built into kubectl): for every
 * kustomization of the shared corpus and validation sets, the objects we render and the fields
 * the rules read must equal what Kustomize renders. Kustomizations Kustomize itself cannot build
 * here (remote bases without network, plugins, Helm charts) are skipped and listed; generated
 * ConfigMaps and Secrets are not rendered by us and are left out of the comparison.
 * Set SNCLINT_ORACLE_REPORT=1 to print the figures.
 */
import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { SourceFile } from '../server/src/engine/source';
import { parseJsonFile, parseYamlFile, type ManifestFile } from '../server/src/kubernetes/parser';
import { renderKustomizations } from '../server/src/kubernetes/kustomize';
import { plain } from '../server/src/kubernetes/merge';
import { podSpecOf } from '../server/src/kubernetes/objects';

const SHARED = join(__dirname, '..', '..', 'shared');
const ROOTS = ['corpus', 'validation'].map((d) => join(SHARED, d)).filter(existsSync);
const NAMES = ['kustomization.yaml', 'kustomization.yml', 'Kustomization'];

function kubectl(): boolean {
  try {
    execFileSync('kubectl', ['version', '--client'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

function kustomizations(dir: string, out: string[]): string[] {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    const st = statSync(p);
    if (st.isDirectory()) kustomizations(p, out);
    else if (NAMES.includes(name)) out.push(p);
  }
  return out;
}

/** Every YAML and JSON file of the folders a kustomization reaches, following its references. */
function filesOf(kfile: string, seen = new Set<string>(), files = new Map<string, SourceFile>()): Map<string, SourceFile> {
  const dir = dirname(kfile);
  if (seen.has(dir)) return files;
  seen.add(dir);
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isFile() && /\.(ya?ml|json)$|^Kustomization$/.test(name))
      files.set(p, new SourceFile(p, readFileSync(p, 'utf8'), name.endsWith('.json') ? 'json' : 'yaml'));
  }
  const text = readFileSync(kfile, 'utf8');
  for (const m of text.matchAll(/^\s*(?:-\s+|path:\s+)([\w.][^\s#:]*)\s*$/gm)) {
    const target = join(dir, m[1]!);
    if (!existsSync(target)) continue;
    if (statSync(target).isDirectory()) {
      const k = NAMES.map((n) => join(target, n)).find(existsSync);
      if (k) filesOf(k, seen, files);
    } else if (!files.has(target))
      files.set(target, new SourceFile(target, readFileSync(target, 'utf8'), target.endsWith('.json') ? 'json' : 'yaml'));
  }
  return files;
}

/** What the rules read of an object, as plain data: identity, namespace and the pod spec's security-relevant fields. */
function projection(
  kind: string,
  name: string | undefined,
  ns: unknown,
  root: Record<string, unknown>,
  pod: Record<string, unknown> | undefined,
): string {
  const pick = (o: Record<string, unknown> | undefined, keys: readonly string[]): Record<string, unknown> =>
    Object.fromEntries(keys.filter((k) => o?.[k] !== undefined && o?.[k] !== null).map((k) => [k, o![k]]));
  // Kustomize puts the items a strategic merge adds to `env` before the existing ones; rules read env by name, not
  // order, and only literal values (not the renamed ConfigMaps and Secrets of valueFrom, which snclint does not follow).
  const byName = (l: unknown): unknown =>
    Array.isArray(l)
      ? l
          .map((e: Record<string, unknown>) => pick(e, ['name', 'value']))
          .sort((a: Record<string, unknown>, b: Record<string, unknown>) => String(a.name).localeCompare(String(b.name)))
      : l;
  const containers = (l: unknown): unknown =>
    Array.isArray(l)
      ? l.map((c: Record<string, unknown>) => ({ ...pick(c, ['name', 'image', 'securityContext']), env: byName(c.env) }))
      : undefined;
  const p = pod && {
    ...pick(pod, [
      'hostNetwork',
      'hostPID',
      'hostIPC',
      'securityContext',
      'automountServiceAccountToken',
      'serviceAccountName',
      'nodeSelector',
      'affinity',
      'volumes',
    ]),
    containers: containers(pod.containers),
    initContainers: containers(pod.initContainers),
  };
  const spec = root.spec as Record<string, unknown> | undefined;
  const meta = root.metadata as Record<string, unknown> | undefined;
  const extra =
    kind === 'NetworkPolicy'
      ? { podSelector: spec?.podSelector }
      : kind === 'Ingress'
        ? { tls: spec?.tls, annotations: meta?.annotations }
        : kind === 'StorageClass'
          ? { provisioner: root.provisioner, parameters: root.parameters, allowedTopologies: root.allowedTopologies }
          : kind === 'Service'
            ? { annotations: meta?.annotations }
            : {};
  return canonical({ kind, name, namespace: ns ?? 'default', pod: p, ...extra });
}

function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (v && typeof v === 'object') {
    const o = v as Record<string, unknown>;
    return `{${Object.keys(o)
      .filter((k) => o[k] !== undefined && o[k] !== null)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical(o[k])}`)
      .join(',')}}`;
  }
  // Kustomize prints YAML 1.2 scalars; both sides are compared as their text.
  return JSON.stringify(v === undefined ? null : String(v));
}

const POD_PATHS: Readonly<Record<string, readonly string[]>> = {
  Pod: ['spec'],
  Deployment: ['spec', 'template', 'spec'],
  StatefulSet: ['spec', 'template', 'spec'],
  DaemonSet: ['spec', 'template', 'spec'],
  ReplicaSet: ['spec', 'template', 'spec'],
  ReplicationController: ['spec', 'template', 'spec'],
  Job: ['spec', 'template', 'spec'],
  CronJob: ['spec', 'jobTemplate', 'spec', 'template', 'spec'],
  PodTemplate: ['template', 'spec'],
};

function theirs(yaml: string): string[] {
  return parseAllDocuments(yaml)
    .map((d) => d.toJS() as Record<string, unknown> | null)
    .filter((o): o is Record<string, unknown> => !!o && typeof o === 'object' && !['ConfigMap', 'Secret'].includes(String(o.kind)))
    .map((o) => {
      const meta = (o.metadata ?? {}) as Record<string, unknown>;
      let pod: unknown = o;
      for (const k of POD_PATHS[String(o.kind)] ?? ['\0none']) pod = (pod as Record<string, unknown> | undefined)?.[k];
      return projection(
        String(o.kind),
        meta.name as string | undefined,
        meta.namespace,
        o,
        POD_PATHS[String(o.kind)] ? (pod as Record<string, unknown>) : undefined,
      );
    })
    .sort();
}

/** Renders with snclint and with kubectl; undefined when kubectl cannot build it here. */
// biome-ignore lint/suspicious/noExportsInTest: the comparison can be run by hand from another script on other trees
export function compare(kfile: string): { ours: string[]; theirs: string[] } | undefined {
  let out: string;
  try {
    out = execFileSync('kubectl', ['kustomize', dirname(kfile)], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 60_000 });
  } catch {
    return undefined;
  }
  const parsed = new Map<SourceFile, ManifestFile>();
  for (const f of filesOf(kfile).values()) parsed.set(f, f.language === 'json' ? parseJsonFile(f) : parseYamlFile(f));
  const unit = renderKustomizations(parsed).units.find((u) => u.file.path === kfile);
  const ours = (unit?.objects ?? [])
    .filter((o) => !['ConfigMap', 'Secret'].includes(o.kind))
    .map((o) => {
      const root = plain(o.root) as Record<string, unknown>;
      const meta = (root.metadata ?? {}) as Record<string, unknown>;
      const spec = podSpecOf(o);
      return projection(
        o.kind,
        o.name,
        meta.namespace,
        root,
        spec ? (plain(spec) as Record<string, unknown>) : POD_PATHS[o.kind] ? (undefined as unknown as Record<string, unknown>) : undefined,
      );
    })
    .sort();
  return { ours, theirs: theirs(out) };
}

describe('Kustomize against kubectl kustomize', function () {
  this.timeout(900_000);
  it('renders every kustomization of the corpus and validation sets as Kustomize does', function () {
    if (!ROOTS.length || !kubectl()) this.skip();
    const all = ROOTS.flatMap((r) => kustomizations(r, []));
    const skipped: string[] = [];
    const diffs: string[] = [];
    let compared = 0;
    for (const k of all) {
      // replacements and vars copy fields between objects; snclint does not apply them.
      if (/^(?:replacements|vars):/m.test(readFileSync(k, 'utf8'))) {
        skipped.push(`${relative(SHARED, k)} (replacements or vars)`);
        continue;
      }
      const r = compare(k);
      if (!r) {
        skipped.push(relative(SHARED, k));
        continue;
      }
      compared++;
      const missing = r.theirs.filter((x) => !r.ours.includes(x));
      const extra = r.ours.filter((x) => !r.theirs.includes(x));
      for (const m of missing) diffs.push(`${relative(SHARED, k)}: kubectl has ${m}`);
      for (const e of extra) diffs.push(`${relative(SHARED, k)}: snclint has ${e}`);
    }
    if (process.env.SNCLINT_ORACLE_REPORT) {
      process.stderr.write(
        `kustomizations: ${all.length}, compared: ${compared}, skipped (kubectl cannot build them here, or they use replacements or vars): ${skipped.length}\n${skipped.map((s) => `  skipped ${s}`).join('\n')}\n${diffs.join('\n')}\n`,
      );
    }
    assert.deepEqual(diffs, []);
  });
});
