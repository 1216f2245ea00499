/** What the engine gives Kubernetes rules beyond one file's objects: Kustomize output, Helm charts, the whole run. */
import type { SourceFile } from '../engine/source';
import type { TerraformModule } from '../terraform/model';
import type { K8sObject } from './model';
import { type KObject, fromManifest, fromTerraform } from './objects';
import type { ManifestFile } from './parser';
import { type NotRendered, renderKustomizations } from './kustomize';

/** Kustomize output, Helm charts and the whole run's objects, for one rule unit. */
export interface KubeContext {
  /** Objects a kustomization renders (its resources with patches applied), for a kustomization unit. */
  readonly rendered: readonly KObject[];
  /** `Chart.yaml` files of Helm charts, for a chart unit. */
  readonly charts: readonly SourceFile[];
  /** Every Kubernetes object of the run, from every source, for rules that judge across files. */
  readonly all: readonly KObject[];
  /** Files whose objects pod rules read through a kustomization's output rather than on their own. */
  readonly renderedElsewhere: ReadonlySet<SourceFile>;
  /** What this unit names but snclint did not render: said once, where it is named. */
  readonly notRendered: readonly NotRendered[];
}

/** A unit of rule work beyond plain files: one kustomization or one chart. */
export interface KubeUnit {
  readonly file: SourceFile;
  readonly rendered: readonly KObject[];
  readonly charts: readonly SourceFile[];
  /** For a kustomization: how messages name it, and the files where a finding is its own doing. */
  readonly overlay?: { readonly name: string; readonly files: ReadonlySet<SourceFile> };
}

/** What the Kubernetes side of a run adds to the plain per-file units. */
export interface KubeWorkspace {
  readonly units: readonly KubeUnit[];
  /** Patch files of kustomizations: partial objects, never linted on their own. */
  readonly patchFiles: ReadonlySet<SourceFile>;
  /** Resource files of kustomizations: deployed as the kustomization renders them. */
  readonly resourceFiles: ReadonlySet<SourceFile>;
  readonly all: readonly KObject[];
  /** What kustomizations name that was not rendered (remote bases, plugins, Helm charts). */
  readonly notRendered: readonly NotRendered[];
}

function baseName(path: string): string {
  return path.slice(Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\')) + 1);
}

/** Finds kustomizations and Helm charts among the parsed YAML files, and gathers every object of the run. */
export function buildKubeWorkspace(parsed: ReadonlyMap<SourceFile, ManifestFile>, modules: readonly TerraformModule[]): KubeWorkspace {
  const k = renderKustomizations(parsed);
  const units: KubeUnit[] = k.units.map((u) => ({
    file: u.file,
    rendered: u.objects,
    charts: [],
    overlay: { name: u.overlay, files: u.ownFiles },
  }));
  for (const file of parsed.keys()) if (baseName(file.path) === 'Chart.yaml') units.push({ file, rendered: [], charts: [file] });
  const notRendered = [...k.notRendered, ...helmTemplatesWithoutChart(parsed)];
  for (const n of notRendered)
    if (!units.some((u) => u.file === n.file || u.overlay?.files.has(n.file))) units.push({ file: n.file, rendered: [], charts: [] });
  const standalone: K8sObject[] = [];
  for (const [file, m] of parsed) if (!k.patchFiles.has(file) && !k.resourceFiles.has(file)) standalone.push(...m.objects);
  const all = [...standalone.map(fromManifest), ...modules.flatMap(fromTerraform), ...k.units.flatMap((u) => u.objects)];
  return { units, patchFiles: k.patchFiles, resourceFiles: k.resourceFiles, all, notRendered };
}

/**
 * Helm templates whose chart is not among the linted files (a `templates/` folder of Go template
 * syntax with no `Chart.yaml` beside it): noted once per folder, on its first file.
 */
function helmTemplatesWithoutChart(parsed: ReadonlyMap<SourceFile, ManifestFile>): NotRendered[] {
  const paths = new Set([...parsed.keys()].map((f) => f.path.replace(/\\/g, '/')));
  const seen = new Set<string>();
  const out: NotRendered[] = [];
  const files = [...parsed]
    .filter(([, m]) => m.templated)
    .map(([f]) => f)
    .sort((a, b) => (a.path < b.path ? -1 : 1));
  for (const file of files) {
    const path = file.path.replace(/\\/g, '/');
    const i = path.lastIndexOf('/templates/');
    if (i < 0 && !path.startsWith('templates/')) continue;
    const chartDir = i < 0 ? '' : path.slice(0, i + 1);
    if (seen.has(chartDir) || paths.has(`${chartDir}Chart.yaml`)) continue;
    seen.add(chartDir);
    const end = file.text.search(/\r?\n|$/);
    out.push({
      file,
      range: { start: 0, end: Math.max(0, end) },
      what: `Helm templates in ${chartDir}templates`,
      why: 'they are Go templates and no Chart.yaml is among the linted files',
    });
  }
  return out;
}
