/**
 * Module calls: `module "x" { source = "./modules/x" }` evaluated with the call's inputs, so that a
 * value passed in is judged where it is passed. Registry and git sources are never fetched: they are
 * followed only where init installed them (`.terraform/modules/modules.json`); otherwise their
 * outputs stay unknown.
 */
import type { Block, Expr } from './ast';
import { attr, traversalsIn } from './ast';
import type { SourceFile } from '../engine/source';
import type { Finding } from '../engine/types';
import { asString } from '../engine/value';
import { type Inputs, TerraformModule, type TfProvider } from './model';
import { normalizePath } from './paths';
import { type InstalledEntry, type ModulesManifest, isInstalledPath, isLocalSource, sameSource, shown, versionMatches } from './installed';

export { normalizePath };

/** A module directory evaluated for one call. */
export interface ModuleInstance {
  readonly module: TerraformModule;
  /** `module.network`, `module.network.module.subnets` for nested calls. */
  readonly path: string;
  /** The `module` block that creates this instance, in its parent's files. */
  readonly block: Block;
  /** The instance that holds the call, for nested calls. */
  readonly parent: ModuleInstance | undefined;
  /** The call in the outermost module that leads here, where findings caused by inputs are reported. */
  readonly call: { readonly block: Block; readonly file: SourceFile };
  /** The installed (registry, git...) module this instance is, or is nested in, when init installed it. */
  readonly installed?: InstalledEntry;
}

const META_ARGUMENTS = new Set(['source', 'version', 'providers', 'count', 'for_each', 'depends_on']);
/** Nested calls deeper than this are not followed (Terraform itself has no limit; real code rarely passes 3). */
const MAX_DEPTH = 4;

// Local module sources in HCL (`source = "./x"`) and JSON (`"source": "../x"`), found in the text
// without parsing, for hosts deciding which folders to read; the engine then reads calls properly.
const LOCAL_SOURCE_TEXT = /"?source"?\s*[=:]\s*"(\.\.?\/[^"]*)"/g;

/** The relative paths of the local module sources a Terraform text seems to call (may over-match, never misses a plain one). */
export function localSourcesInText(text: string): string[] {
  return text.includes('source') ? [...text.matchAll(LOCAL_SOURCE_TEXT)].map((m) => m[1]!) : [];
}

/** The directory a local `source` points to, or undefined for registry, git and other remote sources. */
export function localSource(module: TerraformModule, call: Block): string | undefined {
  const src = attr(call.body, 'source');
  const s = src ? asString(module.evaluate(src.expr)) : undefined;
  if (!s || !(s.startsWith('./') || s.startsWith('../'))) return undefined;
  return normalizePath(`${module.dir}/${s}`);
}

/** A call with a non-local source, where a finding about it is reported (the outermost call leading to it). */
export interface CallPlace {
  readonly address: string;
  readonly block: Block;
  readonly file: SourceFile;
}

/** An installed module that no longer matches its call: another version, another source, or listed twice. */
export interface InstallMismatch extends CallPlace {
  readonly kind: 'version' | 'source' | 'twice';
  /** What the call asks for (constraint or source); the entry's folder for `twice`. */
  readonly wanted: string;
  readonly installed: string;
}

/** What linking found about a root module's calls with non-local sources. */
export interface CallInstallation {
  readonly manifest: ModulesManifest | undefined;
  /** Calls (by address) that no manifest entry with a read folder resolves. */
  readonly notFollowed: readonly CallPlace[];
  readonly mismatches: readonly InstallMismatch[];
}

const INSTALLATIONS = new WeakMap<TerraformModule, CallInstallation>();

/** What linking found about the non-local calls of a root module (one no other linted module calls); undefined otherwise. */
export function installationOf(module: TerraformModule): CallInstallation | undefined {
  return INSTALLATIONS.get(module);
}

const CALLS = new WeakMap<TerraformModule, TerraformModule[]>();

/** The module as each call in the run sees it (with that call's inputs and providers); empty when no linted module calls it. */
export function callsOf(module: TerraformModule): readonly TerraformModule[] {
  return CALLS.get(module) ?? [];
}

/** The source string a call names, or undefined when it is absent or not known. */
function sourceOf(module: TerraformModule, call: Block): string | undefined {
  const src = attr(call.body, 'source');
  return src ? asString(module.evaluate(src.expr)) : undefined;
}

/**
 * Links each module's calls to the module of the directory they name, when that directory is among
 * the linted files: local sources by path, other sources through the root module's
 * `.terraform/modules/modules.json` (by call key, `eks.kms` for nested calls). Returns one instance
 * per call, evaluated with the call's inputs. Modules installed by init are linked only as callees.
 */
export function linkModules(
  modules: readonly TerraformModule[],
  manifests: ReadonlyMap<string, ModulesManifest> = new Map(),
  callersKnown = true,
): ModuleInstance[] {
  const byDir = new Map<string, TerraformModule>();
  for (const m of modules) byDir.set(normalizePath(m.dir), m);
  const calledLocally = new Set<string>();
  for (const m of modules) {
    if (isInstalledPath(m.dir)) continue;
    // Every declared call, even one with `count = 0` today: the module it names is not a root.
    for (const f of m.files) {
      for (const b of f.config.body.blocks) {
        const dir = b.type === 'module' ? localSource(m, b) : undefined;
        if (dir && dir !== normalizePath(m.dir)) calledLocally.add(dir);
      }
    }
  }
  const instances: ModuleInstance[] = [];

  interface RootState {
    readonly manifest: ModulesManifest | undefined;
    readonly notFollowed: Map<string, CallPlace>;
    readonly mismatches: Map<string, InstallMismatch>;
  }

  const link = (
    parent: TerraformModule,
    path: string,
    keyPrefix: string,
    depth: number,
    chain: readonly string[],
    holder: ModuleInstance | undefined,
    root: RootState,
  ): void => {
    const children = new Map<string, TerraformModule>();
    parent.childModule = (name) => children.get(name);
    if (depth >= MAX_DEPTH) return;
    for (const call of parent.moduleCalls) {
      const key = `${keyPrefix}${call.name}`;
      const address = `${path}module.${call.name}`;
      const place: CallPlace = { address, ...(holder?.call ?? { block: call.block, file: call.file }) };
      let dir = localSource(parent, call.block);
      let entry: InstalledEntry | undefined;
      if (!dir) {
        const source = sourceOf(parent, call.block);
        // A source that is not known (or absent) is not a call snclint can say anything about.
        if (source === undefined || isLocalSource(source)) continue;
        entry = root.manifest?.entries.get(key);
        dir = entry?.dir;
        if (!dir || !byDir.has(dir)) {
          root.notFollowed.set(address, place);
          continue;
        }
        if (!isInstalledPath(parent.dir))
          checkInstalled(parent, call.block, source, entry!, root, { address, block: call.block, file: call.file });
      }
      const def = byDir.get(dir);
      if (!def || chain.includes(dir)) continue;
      const child = new TerraformModule(def.dir, def.files, [], {
        inputs: callInputs(parent, call.block),
        provider: (name, alias) => passedProvider(parent, call.block, name, alias),
      });
      const calls = CALLS.get(def);
      if (calls) calls.push(child);
      else CALLS.set(def, [child]);
      // With count or for_each, outputs differ per instance: `module.x.out` stays unknown.
      if (!children.has(call.name) && !attr(call.block.body, 'count') && !attr(call.block.body, 'for_each')) children.set(call.name, child);
      const installed = entry && !isLocalSource(entry.source) ? entry : holder?.installed;
      const inst: ModuleInstance = {
        module: child,
        path: address,
        block: call.block,
        parent: holder,
        call: holder?.call ?? { block: call.block, file: call.file },
        ...(installed ? { installed } : {}),
      };
      instances.push(inst);
      link(child, `${address}.`, `${key}.`, depth + 1, [...chain, dir], inst, root);
    }
  };
  for (const m of modules) {
    const dir = normalizePath(m.dir);
    // Installed modules are reached through their callers; on their own they are not the user's code.
    if (isInstalledPath(dir)) continue;
    const root: RootState = { manifest: manifests.get(dir), notFollowed: new Map(), mismatches: new Map() };
    link(m, '', '', 0, [dir], undefined, root);
    // Without its callers in the run, a module with no manifest may be called by one that has it.
    if (!calledLocally.has(dir) && (callersKnown || root.manifest))
      INSTALLATIONS.set(m, {
        manifest: root.manifest,
        notFollowed: [...root.notFollowed.values()],
        mismatches: [...root.mismatches.values()],
      });
  }
  return instances;
}

/**
 * The values a call passes, each evaluated in the caller when the module first reads its variable:
 * a module reads a third of what its calls pass (names, tags, descriptions are seldom judged).
 */
function callInputs(parent: TerraformModule, call: Block): Inputs {
  return {
    has: (name) => !META_ARGUMENTS.has(name) && attr(call.body, name) !== undefined,
    get: (name) => (META_ARGUMENTS.has(name) ? undefined : parent.written(call, name)?.value),
  };
}

/** Records, once per call, an installed module whose version or source is no longer what the call asks for, or that is listed twice. */
function checkInstalled(
  parent: TerraformModule,
  call: Block,
  source: string,
  entry: InstalledEntry,
  root: { readonly manifest: ModulesManifest | undefined; readonly mismatches: Map<string, InstallMismatch> },
  place: CallPlace,
): void {
  const add = (m: InstallMismatch): void => {
    if (!root.mismatches.has(`${m.address}\0${m.kind}`)) root.mismatches.set(`${m.address}\0${m.kind}`, m);
  };
  if (root.manifest?.duplicates.has(entry.key)) add({ ...place, kind: 'twice', wanted: source, installed: shown(entry.dir) });
  if (!sameSource(source, entry.source)) add({ ...place, kind: 'source', wanted: source, installed: shown(entry.source) });
  const v = attr(call.body, 'version');
  const constraint = v ? asString(parent.evaluate(v.expr)) : undefined;
  if (constraint !== undefined && entry.version !== undefined && versionMatches(constraint, entry.version) === false)
    add({ ...place, kind: 'version', wanted: constraint, installed: shown(entry.version) });
}

/**
 * The provider configuration a call gives its module for `name`/`alias`: from its `providers`
 * map (`providers = { aws = aws.paris, aws.dr = aws.frankfurt }`), or the caller's default
 * configuration, which a module inherits when the map does not name it.
 */
function passedProvider(
  parent: TerraformModule,
  call: Block,
  name: string,
  alias: string | undefined,
): { provider: TfProvider; module: TerraformModule } | undefined {
  const map = attr(call.body, 'providers');
  const wanted = alias ? `${name}.${alias}` : name;
  if (map && map.expr.kind === 'object') {
    for (const item of map.expr.items) {
      const k = item.key;
      const key = k.kind === 'traversal' ? [k.root, ...k.steps.map((s) => (s.kind === 'attr' ? s.name : ''))].join('.') : undefined;
      if (key !== wanted || item.value.kind !== 'traversal') continue;
      const step = item.value.steps[0];
      return parent.providerWithOwner(item.value.root, step?.kind === 'attr' ? step.name : undefined);
    }
  }
  return alias ? undefined : parent.providerWithOwner(name, undefined);
}

/**
 * A finding raised in a module instance but not in the module linted on its own was caused by
 * the call's inputs: it is reported at the argument that feeds it (or the call), with the
 * module's line as related information. Findings the module has on its own are dropped here, as
 * they are already reported in the module's files.
 */
export function callSiteFinding(inst: ModuleInstance, f: Finding, standalone: ReadonlySet<string>): Finding | undefined {
  // Compared by place, not message: when the module is already reported on that line (with its
  // defaults), the call adds a count or a value to the message, not a new problem.
  if (standalone.has(placeKey(f))) return undefined;
  const { block, file } = inst.call;
  const arg = feedingArgument(inst, f);
  const at = arg ? attr(block.body, arg) : undefined;
  const name = block.labels[0] ?? '';
  return {
    ...f,
    file,
    range: at ? at.expr.range : block.headerRange,
    message: `${callPrefix(inst, name)}: ${f.message}`,
    fixes: [],
    related: [{ file: f.file, range: f.range, message: `Raised here, in ${inst.path}` }, ...f.related],
  };
}

/** `module.store` for a local call; the installed module's address, source and version for one init installed. */
function callPrefix(inst: ModuleInstance, outermost: string): string {
  const e = inst.installed;
  return e ? `${inst.path} (${shown(e.source)}${e.version ? ` ${shown(e.version)}` : ''})` : `module.${outermost}`;
}

/** Where a finding is: rule, file and range. */
export function placeKey(f: Finding): string {
  return `${f.ruleId}\0${f.file.path}\0${f.range.start}\0${f.range.end}`;
}

/** The identity of a finding, for comparing runs. */
export function findingKey(f: Finding): string {
  return `${f.ruleId}\0${f.file.path}\0${f.range.start}\0${f.range.end}\0${f.message}`;
}

/** The argument of the outermost call whose value flows into the finding's range, following locals and nested calls. */
function feedingArgument(inst: ModuleInstance, f: Finding): string | undefined {
  const file = inst.module.files.find((x) => x.source === f.file);
  if (!file) return undefined;
  const exprs: Expr[] = [];
  const stack = [file.config.body];
  while (stack.length) {
    const body = stack.pop()!;
    for (const a of body.attributes) if (a.expr.range.start <= f.range.start && f.range.end <= a.expr.range.end) exprs.push(a.expr);
    for (const b of body.blocks) if (b.range.start <= f.range.start && f.range.end <= b.range.end) stack.push(b.body);
  }
  let names = variablesIn(inst.module, exprs);
  // Walk up: each variable of a nested module is an argument of its call, made of the parent's variables.
  for (let cur: ModuleInstance | undefined = inst; cur; cur = cur.parent) {
    const args = names.filter((n) => attr(cur!.block.body, n));
    if (!cur.parent) return args[0];
    names = variablesIn(
      cur.parent.module,
      args.map((n) => attr(cur!.block.body, n)!.expr),
    );
  }
  return undefined;
}

/** The variables an expression depends on, through locals. */
function variablesIn(module: TerraformModule, roots: readonly Expr[]): string[] {
  const out: string[] = [];
  const exprs = [...roots];
  const seenLocals = new Set<string>();
  while (exprs.length) {
    const e = exprs.shift()!;
    for (const t of traversalsIn(e)) {
      const step = t.steps[0];
      if (step?.kind !== 'attr') continue;
      if (t.root === 'var' && !out.includes(step.name)) out.push(step.name);
      if (t.root === 'local' && !seenLocals.has(step.name)) {
        seenLocals.add(step.name);
        const l = module.locals.get(step.name);
        if (l) exprs.push(l.node.expr);
      }
    }
  }
  return out;
}
