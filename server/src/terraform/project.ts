/**
 * Local module calls: `module "x" { source = "./modules/x" }` evaluated with the call's inputs, so
 * that a value passed in is judged where it is passed. Registry and git sources are not fetched:
 * their outputs stay unknown.
 */
import type { Block, Expr } from './ast';
import { attr, traversalsIn } from './ast';
import type { SourceFile } from '../engine/source';
import type { Finding } from '../engine/types';
import type { Value } from '../engine/value';
import { asString } from '../engine/value';
import { TerraformModule, type TfProvider } from './model';

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

/** Normalises a path with `/` separators, resolving `.` and `..`. */
export function normalizePath(path: string): string {
  const abs = path.startsWith('/');
  const out: string[] = [];
  for (const part of path.replace(/\\/g, '/').split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..' && out.length && out[out.length - 1] !== '..') out.pop();
    else if (part !== '..' || !abs) out.push(part);
  }
  return (abs ? '/' : '') + (out.join('/') || (abs ? '' : '.'));
}

/** The directory a local `source` points to, or undefined for registry, git and other remote sources. */
export function localSource(module: TerraformModule, call: Block): string | undefined {
  const src = attr(call.body, 'source');
  const s = src ? asString(module.evaluate(src.expr)) : undefined;
  if (!s || !(s.startsWith('./') || s.startsWith('../'))) return undefined;
  return normalizePath(`${module.dir}/${s}`);
}

/**
 * Links each module's local calls to the module of the directory they name (when that directory is
 * among the linted files) and returns one instance per call, evaluated with the call's inputs.
 */
export function linkModules(modules: readonly TerraformModule[]): ModuleInstance[] {
  const byDir = new Map<string, TerraformModule>();
  for (const m of modules) byDir.set(normalizePath(m.dir), m);
  const instances: ModuleInstance[] = [];

  const link = (parent: TerraformModule, path: string, depth: number, chain: readonly string[], holder: ModuleInstance | undefined): void => {
    const children = new Map<string, TerraformModule>();
    parent.childModule = (name) => children.get(name);
    if (depth >= MAX_DEPTH) return;
    for (const call of parent.moduleCalls) {
      const dir = localSource(parent, call.block);
      const def = dir ? byDir.get(dir) : undefined;
      if (!def || chain.includes(dir!)) continue;
      const inputs = new Map<string, Value>();
      for (const a of call.block.body.attributes) {
        if (!META_ARGUMENTS.has(a.name)) inputs.set(a.name, parent.written(call.block, a.name)!.value);
      }
      const child = new TerraformModule(def.dir, def.files, [], { inputs, provider: (name, alias) => passedProvider(parent, call.block, name, alias) });
      // With count or for_each, outputs differ per instance: `module.x.out` stays unknown.
      if (!children.has(call.name) && !attr(call.block.body, 'count') && !attr(call.block.body, 'for_each')) children.set(call.name, child);
      const childPath = `${path}module.${call.name}`;
      const inst: ModuleInstance = { module: child, path: childPath, block: call.block, parent: holder, call: holder?.call ?? { block: call.block, file: call.file } };
      instances.push(inst);
      link(child, `${childPath}.`, depth + 1, [...chain, dir!], inst);
    }
  };
  for (const m of modules) link(m, '', 0, [normalizePath(m.dir)], undefined);
  return instances;
}

/**
 * The provider configuration a call gives its module for `name`/`alias`: from its `providers`
 * map (`providers = { aws = aws.paris, aws.dr = aws.frankfurt }`), or the caller's default
 * configuration, which a module inherits when the map does not name it.
 */
function passedProvider(parent: TerraformModule, call: Block, name: string, alias: string | undefined): { provider: TfProvider; module: TerraformModule } | undefined {
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
    message: `module.${name}: ${f.message}`,
    fixes: [],
    related: [{ file: f.file, range: f.range, message: `Raised here, in ${inst.path}` }, ...f.related],
  };
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
    names = variablesIn(cur.parent.module, args.map((n) => attr(cur!.block.body, n)!.expr));
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
