/** A Terraform module: the configuration files of one directory, with its variables, locals, providers and resources. */
import type { Attribute, Block, ConfigFile, Expr } from './ast';
import { allAttributes, attr, traversalsIn } from './ast';
import type { Range, SourceFile } from '../engine/source';
import { type Value, asString, unknown } from '../engine/value';
import { type Scope, evaluate, placeAt, relocate } from './evaluate';
import { instancesOf } from './instances';
import { variableValueOf } from './types';
import { emptyIsUnset } from './unset';
import { OVERRIDDEN, isOverrideFile, mergeOverrides } from './override';

/** A parsed .tf, .tf.json or .tfvars file. */
export interface TfFile {
  readonly source: SourceFile;
  readonly config: ConfigFile;
}

/** A `resource` or `data` block. */
export interface TfResource {
  readonly mode: 'resource' | 'data';
  readonly type: string;
  readonly name: string;
  /** `aws_ebs_volume.data`, `data.aws_iam_policy_document.x`. */
  readonly address: string;
  /** The block of this instance: `count`/`for_each` and `dynamic` blocks are expanded, one copy per instance. */
  readonly block: Block;
  /** The block as written. */
  readonly declared: Block;
  /** `count.index` or `each.key` of this instance, when known. */
  readonly instance: string | number | undefined;
  readonly file: SourceFile;
}

/** A `provider` block, default (no alias) or aliased. */
export interface TfProvider {
  readonly name: string;
  readonly alias: string | undefined;
  readonly block: Block;
  readonly file: SourceFile;
}

/** A `module "name" { source = ... }` block (one per instance when it has count or for_each). */
export interface TfModuleCall {
  readonly name: string;
  /** The block of this instance, arguments evaluated with its `count.index`/`each`. */
  readonly block: Block;
  readonly file: SourceFile;
}

/** The values a call gives a module's variables: a map, or values worked out when first read. */
export interface Inputs {
  /** Whether the call sets this variable. */
  has(name: string): boolean;
  get(name: string): Value | undefined;
}

/** How a module is used: as the root (its own tfvars apply) or called with inputs. */
export interface ModuleUse {
  /** Values of the call's arguments, which replace variable defaults. */
  readonly inputs: Inputs;
  /**
   * The caller's provider configurations this module gets for a provider name and alias: passed
   * in the call's `providers` map, or the caller's default configuration inherited.
   */
  readonly provider?: (name: string, alias: string | undefined) => { provider: TfProvider; module: TerraformModule } | undefined;
}

/** Where a variable's value, read at `at` in a .tf file, was set by a var file. */
export interface VarFileUse {
  readonly name: string;
  readonly at: Range;
  readonly set: Located<Attribute>;
}

/** Something located in a file of the module. */
export interface Located<T> {
  readonly node: T;
  readonly file: SourceFile;
}

/** An attribute of a block and its evaluated value. */
export interface AttrValue {
  readonly attr: Attribute;
  readonly value: Value;
}

const CYCLE = Symbol('cycle');
const NONE: readonly TfResource[] = [];

function baseName(path: string): string {
  return path.slice(Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\')) + 1).toLowerCase();
}

/** Terraform's order: terraform.tfvars, terraform.tfvars.json, *.auto.tfvars(.json) by name, then files named explicitly. */
function varFileRank(path: string): number {
  const b = baseName(path);
  if (b === 'terraform.tfvars') return 0;
  if (b === 'terraform.tfvars.json') return 1;
  if (b.endsWith('.auto.tfvars') || b.endsWith('.auto.tfvars.json')) return 2;
  return 3;
}

/** Whether Terraform loads a variables file by itself (terraform.tfvars, *.auto.tfvars and their JSON forms). */
export function isAutoVarFile(path: string): boolean {
  return varFileRank(path) < 3;
}

/**
 * What the files of a module declare, as written (override files merged in): the same for the
 * module and for each call of it, so it is read once per set of files.
 */
class Declarations {
  readonly resources: Omit<TfResource, 'block' | 'instance'>[] = [];
  readonly providers: TfProvider[] = [];
  readonly variables = new Map<string, Located<Block>>();
  readonly locals = new Map<string, Located<Attribute>>();
  readonly backends: Located<Block>[] = [];
  readonly outputs = new Map<string, Located<Block>>();
  readonly calls: { readonly name: string; readonly file: SourceFile; readonly block: Block }[] = [];

  constructor(files: readonly TfFile[]) {
    for (const f of files) if (!isOverrideFile(f.source.path)) this.index(f);
    for (const f of files) if (isOverrideFile(f.source.path)) this.applyOverride(f);
  }

  /** Merges the resource blocks of an override file into the blocks they override; one with nothing to override is read as a block of its own. */
  private applyOverride(f: TfFile): void {
    const rest = mergeOverrides(this.resources, f.config.body.blocks);
    this.index({ ...f, config: { ...f.config, body: { ...f.config.body, blocks: rest } } });
  }

  private index(f: TfFile): void {
    for (const b of f.config.body.blocks) {
      if ((b.type === 'resource' || b.type === 'data') && b.labels.length >= 2) {
        const [type, name] = b.labels as [string, string];
        const address = b.address ?? `${b.type === 'data' ? 'data.' : ''}${type}.${name}`;
        this.resources.push({ mode: b.type, type, name, address, declared: b, file: f.source });
      } else if (b.type === 'provider' && b.labels.length >= 1) {
        const aliasAttr = attr(b.body, 'alias');
        const alias = aliasAttr ? asString(evaluate(aliasAttr.expr)) : undefined;
        this.providers.push({ name: b.labels[0]!, alias, block: b, file: f.source });
      } else if (b.type === 'variable' && b.labels.length >= 1) {
        this.variables.set(b.labels[0]!, { node: b, file: f.source });
      } else if (b.type === 'module' && b.labels.length >= 1) {
        this.calls.push({ name: b.labels[0]!, file: f.source, block: b });
      } else if (b.type === 'output' && b.labels.length >= 1) {
        this.outputs.set(b.labels[0]!, { node: b, file: f.source });
      } else if (b.type === 'locals') {
        for (const a of b.body.attributes) this.locals.set(a.name, { node: a, file: f.source });
      } else if (b.type === 'terraform') {
        for (const backend of b.body.blocks) if (backend.type === 'backend') this.backends.push({ node: backend, file: f.source });
      }
    }
  }
}

/**
 * The declarations of each set of files: a module called from many places is built once per call
 * from the same files. Kept with the number of files read: a list that grew since is read again.
 */
const declarationsOf = new WeakMap<readonly TfFile[], { readonly count: number; readonly declared: Declarations }>();

function declarations(files: readonly TfFile[]): Declarations {
  const known = declarationsOf.get(files);
  if (known && known.count === files.length) return known.declared;
  const declared = new Declarations(files);
  declarationsOf.set(files, { count: files.length, declared });
  return declared;
}

/** All configuration files of one directory, evaluated together. */
export class TerraformModule {
  readonly resources: TfResource[] = [];
  readonly providers: readonly TfProvider[];
  readonly variables: ReadonlyMap<string, Located<Block>>;
  readonly locals: ReadonlyMap<string, Located<Attribute>>;
  readonly backends: readonly Located<Block>[];
  readonly moduleCalls: TfModuleCall[] = [];
  readonly outputs: ReadonlyMap<string, Located<Block>>;
  /** Finds the module instance a `module "name"` call of this module creates, once modules are linked. */
  childModule: (name: string) => TerraformModule | undefined = () => undefined;
  private outputCache: Value | typeof CYCLE | undefined;
  private refIndex: Map<string, { from: TfResource; attribute: string }[]> | undefined;
  private byType: { readonly [M in TfResource['mode']]: Map<string, TfResource[]> } | undefined;
  private byTypeOf = 0;
  /** Values set for variables by tfvars files, last one wins. */
  private readonly varValues = new Map<string, Located<Attribute>>();
  private readonly localCache = new Map<string, Value | typeof CYCLE>();
  /** Variable values after type conversion, before they are placed where they are read. */
  private readonly varCache = new Map<string, Value>();
  /** Places in the .tf files where a value from a var file is read. */
  private readonly varFileUses: VarFileUse[] = [];
  private readonly varFileUseKeys = new Set<string>();
  private readonly scope: Scope;
  /** Names bound in the blocks of resource instances (`each`, `count`, dynamic iterators). */
  private readonly blockNames = new WeakMap<Block, ReadonlyMap<string, Value>>();
  /** Blocks of the calling module seen from here (inherited provider configurations), evaluated there. */
  private readonly foreignBlocks = new Map<Block, TerraformModule>();
  /** The provider configuration for each `name` or `name.alias` (null: none), as providerConfig found it. */
  private readonly providerConfigs = new Map<string, TfProvider | null>();
  /**
   * Variable values placed where they are read, by the range of the reading expression (one variable
   * per traversal): each read site is placed once.
   */
  private readonly placedVars = new Map<Range, Value>();
  /**
   * Values of expressions evaluated for rules, by the names bound where they are written (the
   * module itself standing for none): rules ask for the same attributes again and again.
   */
  private readonly evalCache = new Map<object, Map<Expr, Value>>();
  /** The attributes `written` returned, by block and name (null: not written). */
  private readonly writtenCache = new Map<Block, Map<string, AttrValue | null>>();
  /**
   * Whether the evaluation in progress read a module call's outputs: those are linked after the
   * module is built, so such a value is not cached.
   */
  private readModuleOutputs = false;

  constructor(
    readonly dir: string,
    readonly files: readonly TfFile[],
    readonly varFiles: readonly TfFile[] = [],
    readonly use?: ModuleUse,
  ) {
    const declared = declarations(files);
    this.providers = declared.providers;
    this.variables = declared.variables;
    this.locals = declared.locals;
    this.backends = declared.backends;
    this.outputs = declared.outputs;
    // Named var files (rank 3) keep the order they were named in, as -var-file options do.
    const order = (a: TfFile, b: TfFile): number =>
      varFileRank(a.source.path) - varFileRank(b.source.path) ||
      (varFileRank(a.source.path) === 3 ? 0 : baseName(a.source.path) < baseName(b.source.path) ? -1 : 1);
    for (const vf of [...varFiles].sort(order))
      for (const a of vf.config.body.attributes) this.varValues.set(a.name, { node: a, file: vf.source });
    this.scope = {
      variable: (name, at) => this.variableValue(name, at),
      local: (name, at) => this.localValue(name, at),
      module: (name, at) => this.moduleValue(name, at),
    };
    // Resources are expanded once variables and locals are all known, as count and for_each need them.
    for (const r of declared.resources) {
      for (const inst of instancesOf(r.declared, (e, names) => evaluate(e, this.scope, names), this.blockNames)) {
        // Written out rather than spread: one object shape for every resource, made without a copy loop.
        this.resources.push({
          mode: r.mode,
          type: r.type,
          name: r.name,
          address: r.address,
          block: inst.block,
          declared: r.declared,
          instance: inst.key,
          file: r.file,
        });
      }
    }
    for (const c of declared.calls) {
      for (const inst of instancesOf(c.block, (e, names) => evaluate(e, this.scope, names), this.blockNames))
        this.moduleCalls.push({ name: c.name, file: c.file, block: inst.block });
    }
  }

  /** Evaluates an expression of this module. */
  evaluate(expr: Expr): Value {
    return this.cachedEvaluate(expr, undefined);
  }

  /** Evaluates once per expression and bound names; a value that read module outputs is evaluated every time. */
  private cachedEvaluate(expr: Expr, names: ReadonlyMap<string, Value> | undefined): Value {
    const key: object = names ?? this;
    let cache = this.evalCache.get(key);
    const hit = cache?.get(expr);
    if (hit) return hit;
    const outer = this.readModuleOutputs;
    this.readModuleOutputs = false;
    const v = names ? evaluate(expr, this.scope, names) : evaluate(expr, this.scope);
    if (!this.readModuleOutputs) {
      if (!cache) this.evalCache.set(key, (cache = new Map()));
      cache.set(expr, v);
    }
    this.readModuleOutputs ||= outer;
    return v;
  }

  /**
   * The attribute `name` of a block and its value, or undefined when it is absent. Inside a
   * resource instance's blocks, `count.index`, `each.*` and dynamic iterators have their values.
   */
  attr(block: Block, name: string): AttrValue | undefined {
    const a = this.written(block, name);
    if (!a) return undefined;
    // Terraform: an argument set to null is exactly as if it were not written.
    if (a.value.kind === 'null') return undefined;
    if (a.value.kind === 'string' && a.value.value === '' && block.type === 'resource' && emptyIsUnset(block.labels[0] ?? '', name))
      return undefined;
    return a;
  }

  /**
   * The attribute as written, even when its value is null: for edits (replace the written text
   * rather than insert a second one). Rules judge values through `attr`.
   */
  written(block: Block, name: string): AttrValue | undefined {
    const owner = this.foreignBlocks.get(block);
    if (owner) return owner.written(block, name);
    let cache = this.writtenCache.get(block);
    const hit = cache?.get(name);
    if (hit !== undefined) return hit ?? undefined;
    const a = attr(block.body, name);
    if (!a) {
      if (!cache) this.writtenCache.set(block, (cache = new Map()));
      cache.set(name, null);
      return undefined;
    }
    const outer = this.readModuleOutputs;
    this.readModuleOutputs = false;
    const value = this.evaluateIn(block, a.expr);
    const result = { attr: a, value: OVERRIDDEN.has(a) ? placeAt(value, block.headerRange) : value };
    if (!this.readModuleOutputs) {
      if (!cache) this.writtenCache.set(block, (cache = new Map()));
      cache.set(name, result);
    }
    this.readModuleOutputs ||= outer;
    return result;
  }

  /** The var-file value read where a finding in `file` at `range` stands, if any (for related information). */
  varFileUseAt(file: SourceFile, range: Range): VarFileUse | undefined {
    if (!this.files.some((f) => f.source === file)) return undefined;
    return this.varFileUses.find(
      (u) => u.at.start < range.end && range.start < u.at.end && file.text.startsWith(`var.${u.name}`, u.at.start),
    );
  }

  /** Evaluates an expression written inside `block` (a block of a resource instance, or any other). */
  evaluateIn(block: Block, expr: Expr): Value {
    return this.cachedEvaluate(expr, this.blockNames.get(block));
  }

  /** The resource or data source with this address (`aws_s3_bucket.logs`, `data.aws_iam_policy_document.x`). */
  resourceAt(address: string): TfResource | undefined {
    return this.resources.find((r) => r.address === address);
  }

  /** The resources and data sources of this module that an expression refers to, in order of appearance. */
  referencedResources(expr: Expr): TfResource[] {
    const out: TfResource[] = [];
    for (const t of traversalsIn(expr)) {
      const [a, b] = t.steps;
      let address: string | undefined;
      if (t.root === 'data' && a?.kind === 'attr' && b?.kind === 'attr') address = `data.${a.name}.${b.name}`;
      else if (t.root.includes('_') && a?.kind === 'attr') address = `${t.root}.${a.name}`;
      const r = address ? this.resourceAt(address) : undefined;
      if (r && !out.some((o) => o.address === r.address)) out.push(r);
    }
    return out;
  }

  /**
   * Resources of the given types whose arguments refer to `target`, e.g. the
   * `aws_s3_bucket_server_side_encryption_configuration` whose `bucket = aws_s3_bucket.b.id`.
   * `via` limits the search to arguments of that name at the top level of the block.
   */
  referencing(target: TfResource, types: readonly string[], via?: string): TfResource[] {
    const refs = this.referenceIndex().get(target.address) ?? [];
    const out: TfResource[] = [];
    for (const { from, attribute } of refs) {
      if (!types.includes(from.type) || from.address === target.address || (via !== undefined && attribute !== via)) continue;
      if (!out.includes(from)) out.push(from);
    }
    return out;
  }

  /** For each address, the resources whose arguments refer to it and the top-level argument (or nested block) that does. */
  private referenceIndex(): Map<string, { from: TfResource; attribute: string }[]> {
    if (this.refIndex) return this.refIndex;
    const index = new Map<string, { from: TfResource; attribute: string }[]>();
    const add = (from: TfResource, attribute: string, expr: Expr): void => {
      for (const target of this.referencedResources(expr)) {
        const list = index.get(target.address) ?? [];
        list.push({ from, attribute });
        index.set(target.address, list);
      }
    };
    for (const r of this.resources) {
      for (const a of r.block.body.attributes) add(r, a.name, a.expr);
      for (const b of r.block.body.blocks) for (const a of allAttributes(b.body)) add(r, `${b.type}.${a.name}`, a.expr);
    }
    this.refIndex = index;
    return index;
  }

  /** Resources of the given types, in order of declaration. */
  resourcesOf(...types: string[]): readonly TfResource[] {
    return this.ofTypes('resource', types);
  }

  /** Resources of any type of a list, in order of declaration (`resourcesOf` without spreading a table's list into arguments). */
  resourcesOfAny(types: readonly string[]): readonly TfResource[] {
    return this.ofTypes('resource', types);
  }

  /** Data sources of the given types, in order of declaration. */
  dataOf(...types: string[]): readonly TfResource[] {
    return this.ofTypes('data', types);
  }

  /** Rules ask for a few types at a time, over and over: the resources are indexed by mode and type once. */
  private ofTypes(mode: TfResource['mode'], types: readonly string[]): readonly TfResource[] {
    // Built again if asked for while the module was still being built.
    if (!this.byType || this.byTypeOf !== this.resources.length) {
      this.byType = { resource: new Map(), data: new Map() };
      this.byTypeOf = this.resources.length;
      for (const r of this.resources) {
        const list = this.byType[r.mode].get(r.type);
        if (list) list.push(r);
        else this.byType[r.mode].set(r.type, [r]);
      }
    }
    const byType = this.byType[mode];
    // Most modules have at most one of the types asked for: its list is the answer.
    let found: TfResource[] | undefined;
    let several = false;
    for (const t of types) {
      const list = byType.get(t);
      if (!list) continue;
      if (found) several = true;
      else found = list;
    }
    if (!found) return NONE;
    if (!several) return found;
    // Several types: in order of declaration, as one pass over the module gives them.
    const order = new Set(types);
    return this.resources.filter((r) => r.mode === mode && order.has(r.type));
  }

  /**
   * The provider configuration a resource uses: its `provider = name.alias` meta-argument, or the
   * default configuration of the provider its type belongs to. Undefined when none is written.
   */
  providerFor(block: Block): TfProvider | undefined {
    const p = attr(block.body, 'provider');
    if (p && p.expr.kind === 'traversal') {
      const step = p.expr.steps[0];
      return this.providerConfig(p.expr.root, step?.kind === 'attr' ? step.name : undefined);
    }
    const type = block.labels[0] ?? '';
    const cut = type.indexOf('_');
    return this.providerConfig(cut < 0 ? type : type.slice(0, cut), undefined);
  }

  /**
   * The provider configuration of a name and alias: this module's own, or, in a called module,
   * the caller's (its attributes are then evaluated in the caller, through `attr`).
   */
  providerConfig(name: string, alias: string | undefined): TfProvider | undefined {
    // Rules ask for the configuration of each resource's provider, over and over.
    const key = alias === undefined ? name : `${name}.${alias}`;
    const known = this.providerConfigs.get(key);
    if (known !== undefined) return known ?? undefined;
    const found = this.providerWithOwner(name, alias);
    if (found && found.module !== this) this.foreignBlocks.set(found.provider.block, found.module);
    this.providerConfigs.set(key, found?.provider ?? null);
    return found?.provider;
  }

  /** A provider configuration and the module whose files hold it. */
  providerWithOwner(name: string, alias: string | undefined): { provider: TfProvider; module: TerraformModule } | undefined {
    const own = this.providers.find((x) => x.name === name && x.alias === alias);
    return own ? { provider: own, module: this } : this.use?.provider?.(name, alias);
  }

  /**
   * Locals that refer to themselves through other locals (Terraform rejects these), each cycle
   * once, starting from its first local in file order.
   */
  localCycles(): { names: string[]; first: Located<Attribute> }[] {
    const deps = new Map<string, string[]>();
    for (const [name, l] of this.locals) {
      deps.set(
        name,
        traversalsIn(l.node.expr).flatMap((t) =>
          t.root === 'local' && t.steps[0]?.kind === 'attr' && this.locals.has(t.steps[0].name) ? [t.steps[0].name] : [],
        ),
      );
    }
    const cycles: { names: string[]; first: Located<Attribute> }[] = [];
    const done = new Set<string>();
    const onPath: string[] = [];
    const visit = (n: string): void => {
      const at = onPath.indexOf(n);
      if (at >= 0) {
        const names = onPath.slice(at);
        const key = [...names].sort().join(',');
        if (!cycles.some((c) => [...c.names].sort().join(',') === key)) cycles.push({ names, first: this.locals.get(names[0]!)! });
        return;
      }
      if (done.has(n)) return;
      onPath.push(n);
      for (const d of deps.get(n) ?? []) visit(d);
      onPath.pop();
      done.add(n);
    };
    for (const n of this.locals.keys()) visit(n);
    return cycles;
  }

  /** The outputs of this module as one map value (what `module.NAME` gives its caller). */
  outputValues(at: Range): Value {
    if (this.outputCache === CYCLE) return unknown(at, "the module's outputs refer to themselves");
    if (!this.outputCache) {
      this.outputCache = CYCLE;
      const entries = new Map<string, Value>();
      for (const [name, o] of this.outputs) {
        const v = attr(o.node.body, 'value');
        entries.set(name, v ? evaluate(v.expr, this.scope) : unknown(at, `output ${name} has no value`));
      }
      this.outputCache = { kind: 'map', entries, range: at, origin: 'evaluated' };
    }
    return relocate(this.outputCache, at);
  }

  private moduleValue(name: string, at: Range): Value | undefined {
    this.readModuleOutputs = true;
    const child = this.childModule(name);
    return child ? child.outputValues(at) : undefined;
  }

  private variableValue(name: string, at: Range): Value | undefined {
    const v = this.variableRaw(name, at);
    if (!v) return undefined;
    const set = !this.use?.inputs.has(name) ? this.varValues.get(name) : undefined;
    if (set) {
      const key = `${name}:${at.start}:${at.end}`;
      if (!this.varFileUseKeys.has(key)) {
        this.varFileUseKeys.add(key);
        this.varFileUses.push({ name, at, set });
      }
    }
    // Placed wholly where it is read: its parts were written in another file (a var file, variables.tf).
    const cached = this.placedVars.get(at);
    if (cached) return cached;
    const placed = placeAt(v, at);
    const result: Value = v.kind === 'null' ? { ...placed, origin: 'default' } : placed;
    this.placedVars.set(at, result);
    return result;
  }

  /** A variable's value converted to its type, as Terraform gives it to the module (not yet placed). */
  private variableRaw(name: string, at: Range): Value | undefined {
    const cached = this.varCache.get(name);
    if (cached) return cached;
    const decl = this.variables.get(name);
    if (this.use && !decl) return undefined;
    if (!decl) return this.files.length ? undefined : unknown(at, `var.${name} is not declared`);
    let given: Value | undefined;
    if (this.use?.inputs.has(name)) given = this.use.inputs.get(name)!;
    else if (!this.use) {
      const set = this.varValues.get(name);
      if (set) given = evaluate(set.node.expr);
    }
    const v = variableValueOf(decl.node, name, given, at);
    this.varCache.set(name, v);
    return v;
  }

  private localValue(name: string, at: Range): Value | undefined {
    const cached = this.localCache.get(name);
    if (cached === CYCLE) return unknown(at, `local.${name} refers to itself`);
    if (cached) return relocate(cached, at);
    const decl = this.locals.get(name);
    if (!decl) return undefined;
    this.localCache.set(name, CYCLE);
    const v = evaluate(decl.node.expr, this.scope);
    this.localCache.set(name, v);
    return relocate(v, at);
  }
}
