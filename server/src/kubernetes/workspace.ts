/** What the engine gives Kubernetes rules beyond one file's objects: Kustomize output, Helm charts, the whole run. */
import type { SourceFile } from '../engine/source';
import type { TerraformModule } from '../terraform/model';
import type { K8sObject } from './model';
import { type KObject, fromManifest, fromTerraform } from './objects';
import type { ManifestFile } from './parser';
import { renderKustomizations } from './kustomize';

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
}

/** A unit of rule work beyond plain files: one kustomization or one chart. */
export interface KubeUnit {
  readonly file: SourceFile;
  readonly rendered: readonly KObject[];
  readonly charts: readonly SourceFile[];
}

/** What the Kubernetes side of a run adds to the plain per-file units. */
export interface KubeWorkspace {
  readonly units: readonly KubeUnit[];
  /** Patch files of kustomizations: partial objects, never linted on their own. */
  readonly patchFiles: ReadonlySet<SourceFile>;
  /** Resource files of kustomizations: deployed as the kustomization renders them. */
  readonly resourceFiles: ReadonlySet<SourceFile>;
  readonly all: readonly KObject[];
}

function baseName(path: string): string {
  return path.slice(Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\')) + 1);
}

/** Finds kustomizations and Helm charts among the parsed YAML files, and gathers every object of the run. */
export function buildKubeWorkspace(parsed: ReadonlyMap<SourceFile, ManifestFile>, modules: readonly TerraformModule[]): KubeWorkspace {
  const k = renderKustomizations(parsed);
  const units: KubeUnit[] = k.units.map((u) => ({ file: u.file, rendered: u.objects, charts: [] }));
  for (const file of parsed.keys()) if (baseName(file.path) === 'Chart.yaml') units.push({ file, rendered: [], charts: [file] });
  const standalone: K8sObject[] = [];
  for (const [file, m] of parsed) if (!k.patchFiles.has(file) && !k.resourceFiles.has(file)) standalone.push(...m.objects);
  const all = [...standalone.map(fromManifest), ...modules.flatMap(fromTerraform), ...k.units.flatMap((u) => u.objects)];
  return { units, patchFiles: k.patchFiles, resourceFiles: k.resourceFiles, all };
}
