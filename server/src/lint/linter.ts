/** The engine's entry point: parse files, build Terraform modules and Kubernetes objects, run the rules. */
import { type Report, type Rule, type RuleContext, type RuleFix, formatMessage } from './rule';
import { type Range, type SourceFile, isTerraformVarsJson } from '../engine/source';
import type { FileError, Finding, Fix, MessageKey, RelatedLocation, Severity } from '../engine/types';
import type { RuleLevel, Settings } from '../config/settings';
import { DEFAULT_SETTINGS } from '../config/settings';
import { DEFAULT_MAX_FILE_SIZE, skipReason } from '../engine/limits';
import { parseHcl } from '../terraform/parser';
import { parseTerraformJson } from '../terraform/json';
import { isTerraformPlan, parsePlanJson } from '../terraform/plan';
import { TerraformModule, type TfFile, isAutoVarFile } from '../terraform/model';
import { type ModuleInstance, callSiteFinding, findingKey, linkModules, normalizePath, placeKey } from '../terraform/project';
import { type ModulesManifest, isInstalledPath, isModulesManifest, parseModulesManifest } from '../terraform/installed';
import { hiddenByTofu } from '../terraform/paths';
import { parseJsonFile, parseYamlFile } from '../kubernetes/parser';
import type { K8sObject } from '../kubernetes/model';
import type { ManifestFile } from '../kubernetes/parser';
import { type KubeContext, type KubeUnit, type KubeWorkspace, buildKubeWorkspace } from '../kubernetes/workspace';
import type { Block, Comment, ConfigFile } from '../terraform/ast';
import { INVALID_SUPPRESSION, applySuppressions } from './suppressions';
import { type GroupResult, type PendingFinding, judges, settleFindings } from './across';
import type { ParseCache } from './parse-cache';

export interface LintOptions {
  readonly rules: readonly Rule[];
  readonly settings?: Settings;
  /** Settings that differ per file (nearest configuration, overrides); wins over `settings`. */
  readonly settingsFor?: (file: SourceFile) => Settings;
  /** Today as YYYY-MM-DD, for suppressions' `until=` dates; the host's clock when absent. */
  readonly today?: string;
  /**
   * The absolute form of a file's path, to match the `varFiles` of the settings (absolute) with
   * the files of the run; identity when absent (the host already gives absolute paths).
   */
  readonly absolutePath?: (path: string) => string;
  /**
   * Whether the run holds the callers of its modules (the CLI's walk of a folder), so that a module
   * no other calls is a root module that `init` should have installed modules for. An editor linting
   * one module with the modules it calls says false: there, calls are said not installed only where
   * a `.terraform/modules/modules.json` shows the folder was initialised. True when absent.
   */
  readonly callersKnown?: boolean;
  /**
   * The files are one group of a larger run (the CLI's groups): findings of rules that judge across
   * the run (`across`) are left pending, with the group's summaries, for `settle` to decide. When
   * absent, they are decided here against this run's own objects.
   */
  readonly deferAcross?: boolean;
  /** Parsed Terraform files kept between runs (the editor's); every file is parsed when absent. */
  readonly parseCache?: ParseCache;
}

function dirOf(path: string): string {
  const i = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
  return i < 0 ? '.' : path.slice(0, i);
}

/** Kustomizations, charts and the whole run's objects; a failure there loses only Kustomize output. */
function kubeWorkspace(
  manifests: ReadonlyMap<SourceFile, ManifestFile>,
  modules: readonly TerraformModule[],
  errors: FileError[],
): KubeWorkspace {
  try {
    return buildKubeWorkspace(manifests, modules);
  } catch (e) {
    const file = [...manifests.keys()][0];
    if (file)
      errors.push({
        file: file.path,
        kind: 'internal',
        message: `Internal error while reading Kubernetes manifests together: ${(e as Error).stack ?? String(e)}`,
        source: file,
      });
    return { units: [], patchFiles: new Set(), resourceFiles: new Set(), all: [], notRendered: [] };
  }
}

/**
 * A finding of an overlay's output names the overlay only where the overlay's own files (its
 * kustomization, its patches) hold the cause; in a base it is the base's finding, reported once.
 */
function overlaid(message: string, file: SourceFile, overlay: KubeUnit['overlay'], names: readonly string[]): string {
  if (!names.length || overlay?.files.has(file)) return message;
  // A rule judging across units (namespaces, service accounts) may name an object another overlay rendered.
  let out = message;
  for (const name of names) out = out.split(` in overlay ${name}`).join('');
  return out;
}

/**
 * The message key of a report by id: the rule's English template and the data, each value seen
 * through `adjust` (an overlay's name dropped where the base holds the cause). A rule reporting
 * an id its metadata lacks is a bug: it throws, and the linter turns it into an internal error.
 */
function messageKeyOf(rule: Rule, r: Report, adjust: (text: string) => string): MessageKey {
  const template = rule.meta.messages[r.messageId];
  if (template === undefined) throw new Error(`Rule ${rule.meta.id} reported the undeclared message id ${r.messageId}`);
  const data: Record<string, string | number> = {};
  for (const [k, v] of Object.entries(r.data ?? {})) data[k] = typeof v === 'string' ? adjust(v) : v;
  return { id: r.messageId, template, data };
}

/**
 * A fix as findings carry it: its title made from the rule's English template for the fix id,
 * with the key translations use. An undeclared fix id is a bug, like an undeclared message id.
 */
function fixOf(rule: Rule, f: RuleFix): Fix {
  const template = rule.meta.fixes?.[f.fixId];
  if (template === undefined) throw new Error(`Rule ${rule.meta.id} offered the undeclared fix id ${f.fixId}`);
  const data = { ...f.data };
  return {
    title: formatMessage(template, data),
    safety: f.safety,
    edits: f.edits,
    ...(f.preferred !== undefined ? { preferred: f.preferred } : {}),
    titleKey: { id: f.fixId, template, data },
  };
}

/** Drops repeated findings: a line of a Kustomize base seen in its own file and through the overlay, a resource with count or for_each whose instances all say the same. */
function dedupe(findings: Finding[]): void {
  const seen = new Set<string>();
  let w = 0;
  for (const f of findings) {
    const key = findingKey(f);
    if (seen.has(key)) continue;
    seen.add(key);
    findings[w++] = f;
  }
  findings.length = w;
}

/** Runs `f`; a throw becomes an internal error on `file`. Returns whether it failed. */
function guarded(file: SourceFile, what: string, errors: FileError[], f: () => unknown): boolean {
  try {
    f();
    return false;
  } catch (e) {
    errors.push({ file: file.path, kind: 'internal', message: `${what}: ${(e as Error).stack ?? String(e)}`, source: file });
    return true;
  }
}

/** Lints a set of files. Never throws: a file or rule that fails is recorded in `errors`. */
export function lint(files: readonly SourceFile[], options: LintOptions): GroupResult {
  const base = options.settings ?? DEFAULT_SETTINGS;
  const settingsOf = options.settingsFor ?? (() => base);
  const levelOf = (file: SourceFile, id: string, meta: Severity): RuleLevel => settingsOf(file).rules[id] ?? meta;
  const hcl = new Map<SourceFile, { comments: readonly Comment[]; blocks: readonly Block[] }>();
  const errors: FileError[] = [];
  const tfByDir = new Map<string, { files: TfFile[]; vars: TfFile[] }>();
  const kubernetes: K8sObject[] = [];
  const manifests = new Map<SourceFile, ManifestFile>();
  const plans = new Set<SourceFile>();
  // Variables files Terraform loads only when named (-var-file), by absolute path.
  const namedVars = new Map<string, TfFile>();
  const absolute = (p: string): string => normalizePath(options.absolutePath ? options.absolutePath(p) : p);
  // What `terraform init` / `tofu init` installed, by root module folder.
  const installed = new Map<string, ModulesManifest>();
  // OpenTofu reads `x.tofu` instead of `x.tf` beside it: the `.tf` twin is not part of the configuration.
  const hidden = hiddenByTofu(files.filter((f) => f.language === 'terraform' || f.language === 'terraform-json').map((f) => f.path));

  const reportProblems = (file: SourceFile, problems: readonly { message: string; range: Range }[]): void => {
    for (const p of problems) errors.push({ file: file.path, kind: 'syntax', message: p.message, range: p.range, source: file });
  };

  for (const file of files) {
    const skip = skipReason(file, settingsOf(file).maxFileSize ?? DEFAULT_MAX_FILE_SIZE);
    if (skip) {
      errors.push(skip);
      continue;
    }
    if (hidden.has(file.path)) continue;
    // Installed by init: read as the calls see it, never reported on its own (syntax included).
    const fromInit = isInstalledPath(file.path);
    try {
      if (isModulesManifest(file.path)) {
        const manifest = parseModulesManifest(file);
        if (typeof manifest === 'string') errors.push({ file: file.path, kind: 'syntax', message: manifest, source: file });
        else installed.set(manifest.root, manifest);
      } else if (
        file.language === 'terraform' ||
        file.language === 'terraform-json' ||
        file.language === 'terraform-vars' ||
        isTerraformVarsJson(file.path)
      ) {
        const parse = (): ConfigFile =>
          file.language === 'terraform' || file.language === 'terraform-vars'
            ? parseHcl(file.text)
            : parseTerraformJson(file.text, { vars: isTerraformVarsJson(file.path) });
        const config = options.parseCache ? options.parseCache.config(file, parse) : parse();
        if (!fromInit) reportProblems(file, config.problems);
        if (config.syntax === 'hcl' && !fromInit) hcl.set(file, { comments: config.comments, blocks: config.body.blocks });
        const group = tfByDir.get(dirOf(file.path)) ?? { files: [], vars: [] };
        tfByDir.set(dirOf(file.path), group);
        const isVars = file.language === 'terraform-vars' || isTerraformVarsJson(file.path);
        if (!isVars) group.files.push({ source: file, config });
        else if (isAutoVarFile(file.path)) group.vars.push({ source: file, config });
        else namedVars.set(absolute(file.path), { source: file, config });
      } else if (file.language === 'json' && isTerraformPlan(file.text)) {
        // A plan is a module of its own: resolved values, nothing to merge with the folder's files.
        const config = parsePlanJson(file.text);
        reportProblems(file, config.problems);
        tfByDir.set(`plan:${file.path}`, { files: [{ source: file, config }], vars: [] });
        plans.add(file);
      } else if (file.language === 'yaml' || file.language === 'json') {
        const parsed = file.language === 'yaml' ? parseYamlFile(file) : parseJsonFile(file);
        // A JSON file that is not a manifest is none of snclint's business: no syntax errors either.
        if (file.language === 'yaml' || parsed.objects.length) {
          reportProblems(file, parsed.problems);
        }
        kubernetes.push(...parsed.objects);
        if (file.language === 'yaml' || parsed.objects.length) manifests.set(file, parsed);
      }
    } catch (e) {
      errors.push({
        file: file.path,
        kind: 'internal',
        message: `Internal error while reading the file: ${(e as Error).stack ?? String(e)}`,
        source: file,
      });
    }
  }

  // The var files the configuration names apply, after the automatic ones, to the modules it governs.
  for (const g of tfByDir.values()) {
    const first = g.files[0];
    for (const named of (first && !plans.has(first.source) ? settingsOf(first.source).varFiles : undefined) ?? []) {
      const vf = namedVars.get(normalizePath(named));
      if (vf && !g.vars.includes(vf)) g.vars.push(vf);
    }
  }
  const modules: TerraformModule[] = [];
  for (const [dir, g] of tfByDir) {
    if (!g.files.length) continue;
    // Building a module evaluates count, for_each and dynamic blocks: a failure there loses that module only.
    guarded(g.files[0]!.source, 'Internal error while reading the module', errors, () =>
      modules.push(new TerraformModule(dir.startsWith('plan:') ? dir.slice(5) : dir, g.files, g.vars)),
    );
  }
  // Terraform rejects locals that depend on themselves; the evaluator treats them as unknown.
  const userModules = modules.filter((m) => !isInstalledPath(m.dir));
  for (const m of userModules) {
    for (const c of m.localCycles()) {
      const chain = [...c.names, c.names[0]].map((n) => `local.${n}`).join(' → ');
      errors.push({
        file: c.first.file.path,
        kind: 'syntax',
        message: `Cycle between locals: ${chain}. Terraform rejects this configuration; snclint treats these values as unknown.`,
        range: c.first.node.nameRange,
        source: c.first.file,
      });
    }
  }
  // Rules run once per unit (a Terraform module, a manifest file), so a rule that fails is
  // skipped for that unit only and the error names its file.
  const kube = kubeWorkspace(manifests, userModules, errors);
  const byFile = new Map<SourceFile, K8sObject[]>();
  for (const o of kubernetes) if (!kube.patchFiles.has(o.file)) byFile.set(o.file, [...(byFile.get(o.file) ?? []), o]);
  // A module called from another one with inputs is linted again as that call sees it (after the
  // modules themselves, so that what it reports on its own is known).
  let instances: ModuleInstance[] = [];
  if (modules.length)
    guarded(
      modules[0]!.files[0]!.source,
      'Internal error while linking module calls',
      errors,
      () => (instances = [...linkModules(modules, installed, options.callersKnown ?? true)]),
    );
  const units: { file: SourceFile; terraform: TerraformModule[]; kubernetes: K8sObject[]; kube?: KubeUnit; instance?: ModuleInstance }[] = [
    ...userModules.map((m) => ({ file: m.files[0]!.source, terraform: [m], kubernetes: [] })),
    ...instances.map((i) => ({ file: i.call.file, terraform: [i.module], kubernetes: [], instance: i })),
    ...[...byFile].map(([file, objs]) => ({ file, terraform: [], kubernetes: objs })),
    ...kube.units.map((u) => ({ file: u.file, terraform: [], kubernetes: [], kube: u })),
  ];
  const overlayNames = [...new Set(kube.units.flatMap((u) => (u.overlay ? [u.overlay.name] : [])))];
  let findings: Finding[] = [];
  // Findings of rules judging across the run that other groups' objects may withdraw or reword, by their key.
  const pendingKey = new Map<Finding, string>();
  let own = new Set<string>();
  const emit = (instance: ModuleInstance | undefined, f: Finding): void => {
    if (!instance) {
      own.add(placeKey(f));
      // A plan is generated: fixes belong in the configuration, not in the plan file.
      findings.push(plans.has(f.file) ? { ...f, fixes: [] } : f);
      return;
    }
    const mapped = callSiteFinding(instance, f, own);
    // Seen from a call site, the finding is in the caller's file: that file's settings decide.
    if (mapped && settingsOf(mapped.file).rules[mapped.ruleId] !== 'off') findings.push(mapped);
  };
  // What each unit gives every rule, made once per unit rather than once per rule and unit.
  const unitContexts = units.map((unit) => {
    const overlay = unit.kube?.overlay;
    const files = unit.terraform.length ? unit.terraform[0]!.files.map((f) => f.source) : [unit.file];
    return {
      // The settings in force in the unit's files: files of one folder share theirs.
      fileSettings: [...new Set(files.map(settingsOf))],
      settings: settingsOf(unit.file),
      kube: {
        rendered: unit.kube?.rendered ?? [],
        charts: unit.kube?.charts ?? [],
        all: kube.all,
        renderedElsewhere: kube.resourceFiles,
        notRendered: kube.notRendered.filter((n) => n.file === unit.file || overlay?.files.has(n.file)),
      } satisfies KubeContext,
    };
  });
  for (const rule of options.rules) {
    const id = rule.meta.id;
    own = new Set<string>();
    units.forEach((unit, u) => {
      const { fileSettings, settings, kube: unitKube } = unitContexts[u]!;
      // A rule runs on a unit unless it is off for every file of it; findings in files where it is off are dropped.
      if (fileSettings.every((s) => (s.rules[id] ?? rule.meta.severity) === 'off')) return;
      const overlay = unit.kube?.overlay;
      const ctx: RuleContext = {
        settings,
        terraform: unit.terraform,
        kubernetes: unit.kubernetes,
        kube: unitKube,
        report: (r) => {
          const configured = settingsOf(r.file).rules[id];
          if (configured === 'off') return;
          const key = messageKeyOf(rule, r, (m) => overlaid(m, r.file, overlay, overlayNames));
          const fixes = (r.fixes ?? []).map((f) => fixOf(rule, f));
          const finding: Finding = {
            ruleId: id,
            severity: configured ?? r.severity ?? rule.meta.severity,
            file: r.file,
            range: r.range,
            message: overlaid(formatMessage(key.template, r.data), r.file, overlay, overlayNames),
            requirements: rule.meta.requirements,
            fixes,
            related: [...varFileRelated(unit.terraform, r), ...(r.related ?? [])],
            messageKey: key,
          };
          if (r.pending !== undefined && rule.across && !unit.instance) {
            own.add(placeKey(finding));
            findings.push(finding);
            pendingKey.set(finding, r.pending);
          } else emit(unit.instance, finding);
        },
      };
      try {
        rule.check(ctx);
      } catch (e) {
        const what = unit.instance
          ? `${unit.instance.path} (${unit.terraform[0]!.dir})`
          : unit.terraform.length
            ? `the module in ${unit.terraform[0]!.dir}`
            : unit.file.path;
        errors.push({
          file: unit.file.path,
          kind: 'internal',
          message: `Rule ${rule.meta.id} failed on ${what} and was skipped there: ${(e as Error).stack ?? String(e)}`,
          source: unit.file,
        });
      }
    });
  }
  // Rules judging across the run: each keeps a summary of this run's objects.
  const summaries = new Map<string, unknown>();
  for (const rule of options.rules) {
    const across = rule.across;
    const first = [...manifests.keys()][0] ?? files[0];
    if (across && first)
      guarded(first, `Rule ${rule.meta.id} failed to summarize the run's Kubernetes objects`, errors, () =>
        summaries.set(rule.meta.id, across.summarize(kube.all)),
      );
  }
  const pending: PendingFinding[] = [];
  if (options.deferAcross) {
    findings = findings.filter((f) => {
      const key = pendingKey.get(f);
      if (key !== undefined) pending.push({ finding: f, key });
      return key === undefined;
    });
  } else if (pendingKey.size) {
    const judge = judges(options.rules, [summaries]);
    findings = findings.flatMap((f) => {
      const key = pendingKey.get(f);
      return key === undefined ? [f] : settleFindings([{ finding: f, key }], options.rules, judge);
    });
  }
  // A finding that holds for every instance of a resource (count, for_each) is reported once.
  dedupe(findings);
  const metaSeverity = new Map(options.rules.map((r) => [r.meta.id, r.meta.severity]));
  const applied = applySuppressions({
    files,
    findings,
    hcl,
    kubernetes,
    knownRules: new Set([...metaSeverity.keys(), INVALID_SUPPRESSION.id]),
    levelFor: (file, id) => levelOf(file, id, metaSeverity.get(id) ?? INVALID_SUPPRESSION.severity),
    today: options.today ?? new Date().toISOString().slice(0, 10),
    ...(options.deferAcross ? { held: new Set(options.rules.filter((r) => r.across).map((r) => r.meta.id)) } : {}),
  });
  const order = (a: Finding, b: Finding): number =>
    a.file.path < b.file.path ? -1 : a.file.path > b.file.path ? 1 : a.range.start - b.range.start || (a.ruleId < b.ruleId ? -1 : 1);
  const kept = [...applied.findings].sort(order);
  const suppressed = [...applied.suppressed].sort((a, b) => order(a.finding, b.finding));
  const result = { findings: kept, errors, files: files.length, suppressed };
  return options.deferAcross ? { ...result, deferred: { summaries, pending, directives: applied.held } } : result;
}

/** A finding on a value read from a var file names, as related information, the line that sets it. */
function varFileRelated(modules: readonly TerraformModule[], r: Report): RelatedLocation[] {
  for (const m of modules) {
    const use = m.varFileUseAt(r.file, r.range);
    if (use)
      return [{ file: use.set.file, range: use.set.node.range, message: `var.${use.name} is set here, in ${baseName(use.set.file.path)}` }];
  }
  return [];
}

function baseName(path: string): string {
  return path.slice(Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\')) + 1);
}
