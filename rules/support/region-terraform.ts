/** Where Terraform configurations place data: provider regions, resource locations, state backends and the copies that go elsewhere. */
import type { RuleContext, RuleFix } from '../../server/src/lint/rule';
import type { SourceFile } from '../../server/src/engine/source';
import { type Value, asString } from '../../server/src/engine/value';
import { type Block, attr, blocks } from '../../server/src/terraform/ast';
import type { TerraformModule, TfProvider, TfResource } from '../../server/src/terraform/model';
import { type RegionRow, findRegion, pairOf, policyName, preferredRegion, rowInside } from './regions';
import NAMES from '../data/region-attributes.json';

interface ProviderInfo {
  readonly table: string;
  readonly attributes: readonly string[];
}
const PROVIDERS: Readonly<Record<string, ProviderInfo>> = NAMES.providers;
const UNIVERSES: Readonly<Record<string, string>> = NAMES.sovereignUniverses;
/** Resources that copy data through another provider configuration: type, the argument that makes them copy (if any), and the verb; split once, not per module. */
const COPIES: readonly { readonly type: string; readonly needed: string | undefined; readonly verb: string }[] = Object.entries(
  NAMES.copyThroughProvider as Readonly<Record<string, string>>,
).map(([key, verb]) => {
  const [type, needed] = key.split(':') as [string, string | undefined];
  return { type, needed, verb };
});

/** Resources of one provider family and the arguments that place them. */
interface ResourceFamily {
  readonly prefix: string;
  readonly provider: string;
  /** Searched in the resource's body and every nested block. */
  readonly attributes: readonly string[];
  /** Searched in the resource's own body only (`region` in a nested block can mean something else, as in Route 53 latency routing). */
  readonly topLevelAttributes?: readonly string[];
  /** Any argument whose name ends in `_<suffix>` (or is the suffix) places the resource too. */
  readonly suffixes?: readonly string[];
  /** Arguments that may hold identifiers rather than names: a name the tables do not know is not reported there. */
  readonly quietUnknown?: readonly string[];
}
const FAMILIES: readonly ResourceFamily[] = NAMES.resources;
const NOT_PLACING = NAMES.notPlacing.map((p) => new RegExp(p));

/** The family that places resources of a type, by type: every module and call asks for each of its resources. */
const familyByType = new Map<string, ResourceFamily | null>();

function placingFamily(type: string): ResourceFamily | undefined {
  let family = familyByType.get(type);
  if (family === undefined) {
    family = NOT_PLACING.some((re) => re.test(type)) ? null : (FAMILIES.find((f) => type.startsWith(f.prefix)) ?? null);
    // Bounded: a run over generated type names does not grow it without end.
    if (familyByType.size >= 10_000) familyByType.clear();
    familyByType.set(type, family);
  }
  return family ?? undefined;
}

/** `us-east-1 (N. Virginia, US)`. */
export function describeRow(row: RegionRow): string {
  return `${row.code} (${row.location}, ${row.country})`;
}

/** One lint run's judge of location values; it remembers which unknown names it has already reported. */
export class LocationJudge {
  private readonly unverifiable = new Set<string>();

  constructor(readonly ctx: RuleContext) {}

  /** The region table a provider configuration uses (`gcp-s3ns` for Google in the S3NS universe). */
  tableOf(mod: TerraformModule, providerName: string, config: TfProvider | undefined): string | undefined {
    const info = PROVIDERS[providerName];
    if (!info) return undefined;
    const universe = config ? asString(mod.attr(config.block, 'universe_domain')?.value) : undefined;
    // An aws provider pointed at another cloud's S3-compatible storage places data in that cloud.
    const endpoint = config && providerName === 'aws' ? endpointOf(mod, config.block) : undefined;
    const elsewhere = endpoint === undefined ? undefined : tableOfEndpoint(endpoint);
    return (universe && UNIVERSES[universe]) || elsewhere || info.table;
  }

  /**
   * Reports a location value outside the policy; a literal name the tables do not know once as
   * `info`. `what` names the thing placed; `derived` marks a value moved onto another range
   * (a reference to where the data goes), which is neither fixed in place nor explained.
   */
  check(file: SourceFile, value: Value | undefined, table: string, what: Subject, derived = false, quiet = false): void {
    if (!value) return;
    if (value.kind === 'list') {
      for (const item of value.items) this.check(file, item, table, what, true, quiet);
      return;
    }
    const code = asString(value);
    if (code === undefined || code.trim() === '') return;
    const settings = this.ctx.settings;
    const row = findRegion(table, code, settings);
    const via = value.origin === 'literal' || derived ? '' : ` (evaluated from ${file.text.slice(value.range.start, value.range.end)})`;
    if (!row) {
      const key = `${table}\u0000${code.toLowerCase()}`;
      if (quiet || value.origin !== 'literal' || this.unverifiable.has(key)) return;
      this.unverifiable.add(key);
      this.ctx.report({
        file,
        range: value.range,
        severity: 'info',
        ...said(what, 'unknown', { code, area: policyName(settings.regionPolicy) }),
      });
      return;
    }
    if (rowInside(row, settings)) return;
    if (row.uncertain) {
      this.ctx.report({
        file,
        range: value.range,
        severity: 'info',
        ...said(what, 'uncertain', { code: row.code, via, area: policyName(settings.regionPolicy), notes: row.notes ?? row.location }),
      });
      return;
    }
    this.ctx.report({
      file,
      range: value.range,
      ...said(
        what,
        `${sameName(code, row) ? '' : `code-in-`}${/multi-region|dual-region/.test(row.location) ? 'location' : 'region'}-outside`,
        { code, region: describeRow(row), via, area: policyName(settings.regionPolicy) },
      ),
      fixes: !derived && findRegion(table, code) === row && sameName(code, row) ? replaceFix(file, value, table, this.ctx) : [],
    });
  }

  /** The region row a value names, when it is known and inside the tables. */
  rowOf(value: Value | undefined, table: string): RegionRow | undefined {
    const code = asString(value);
    return code === undefined ? undefined : findRegion(table, code, this.ctx.settings);
  }
}

/** Whether a written name is the row's own code (Azure display names count), not a zone or an alias. */
function sameName(code: string, row: RegionRow): boolean {
  return code.trim().toLowerCase().replace(/\s+/g, '') === row.code.toLowerCase();
}

/** A fix that replaces a literal region with the team's preferred one (replacing is recreating: unsafe). */
function replaceFix(file: SourceFile, value: Value, table: string, ctx: RuleContext): RuleFix<'replace-region'>[] {
  const to = preferredRegion(table, ctx.settings);
  if (!to || value.origin !== 'literal' || value.kind !== 'string') return [];
  const quoted = file.text[value.range.start] === '"';
  const range = quoted ? { start: value.range.start + 1, end: value.range.end - 1 } : value.range;
  return [{ fixId: 'replace-region', data: { region: to }, safety: 'unsafe', preferred: true, edits: [{ range, newText: to }] }];
}

/** Values of the named attributes (or of names ending in `_<suffix>`) in a block and all its nested blocks, with their dotted path and name. */
function locationValues(
  mod: TerraformModule,
  block: Block,
  names: readonly string[],
  suffixes: readonly string[] = [],
  prefix = '',
): { path: string; name: string; value: Value }[] {
  const out: { path: string; name: string; value: Value }[] = [];
  const wanted = (n: string): boolean => names.includes(n) || suffixes.some((s) => n === s || n.endsWith(`_${s}`));
  for (const a of block.body.attributes)
    if (wanted(a.name)) out.push({ path: prefix + a.name, name: a.name, value: mod.evaluateIn(block, a.expr) });
  for (const b of block.body.blocks) {
    if (b.type === 'dynamic' || b.type === 'lifecycle') continue;
    out.push(...locationValues(mod, b, names, suffixes, `${prefix}${b.type}.`));
  }
  return out;
}

/** The value at a dotted path of nested blocks and an argument (`api.region`), in every block on the way. */
function pathValues(mod: TerraformModule, block: Block, path: string): Value[] {
  const parts = path.split('.');
  const name = parts.pop()!;
  let level: Block[] = [block];
  for (const type of parts) level = level.flatMap((b) => blocks(b.body, type));
  return level.flatMap((b) => {
    const v = mod.attr(b, name)?.value;
    return v ? [v] : [];
  });
}

/** The region a resource is deployed in: its own `region` argument or its provider configuration's. */
function resourceRegion(mod: TerraformModule, r: TfResource): Value | undefined {
  const own = mod.attr(r.block, 'region')?.value;
  if (own) return own;
  const p = mod.providerFor(r.block);
  return p ? mod.attr(p.block, 'region')?.value : undefined;
}

function checkProviders(judge: LocationJudge, mod: TerraformModule): void {
  for (const p of mod.providers) {
    const info = PROVIDERS[p.name];
    const table = judge.tableOf(mod, p.name, p);
    if (!info || !table) continue;
    const what = p.alias ? `provider "${p.name}" (alias ${p.alias})` : `provider "${p.name}"`;
    for (const name of info.attributes) for (const v of pathValues(mod, p.block, name)) judge.check(p.file, v, table, what);
  }
}

/** The state backends: s3 (AWS or an S3-compatible endpoint), and gcs and azurerm through the bucket or account they name. */
function checkBackends(judge: LocationJudge, mod: TerraformModule): void {
  for (const { node: backend, file } of mod.backends) {
    const kind = backend.labels[0];
    const what = `The ${kind === 's3' ? 'S3' : kind === 'gcs' ? 'GCS' : kind} backend holding the Terraform state`;
    if (kind === 's3') {
      const endpoint = asString(mod.attr(backend, 'endpoint')?.value) ?? endpointOf(mod, backend);
      const table = endpoint === undefined ? 'aws' : tableOfEndpoint(endpoint);
      if (table) judge.check(file, mod.attr(backend, 'region')?.value, table, what);
    } else if (kind === 'gcs' || kind === 'azurerm') {
      const [nameAttr, type, table] =
        kind === 'gcs' ? ['bucket', 'google_storage_bucket', 'gcp'] : ['storage_account_name', 'azurerm_storage_account', 'azure'];
      const name = mod.attr(backend, nameAttr);
      const wanted = asString(name?.value);
      if (!name || wanted === undefined) continue;
      const store = mod.resourcesOf(type).find((r) => asString(mod.attr(r.block, 'name')?.value) === wanted);
      const location = store ? mod.attr(store.block, 'location')?.value : undefined;
      if (store && location)
        judge.check(
          file,
          { ...location, range: name.value.range, origin: 'evaluated' },
          table,
          { subject: what, store: store.address },
          true,
        );
    }
  }
}

function endpointOf(mod: TerraformModule, backend: Block): string | undefined {
  const endpoints = blocks(backend.body, 'endpoints')[0];
  const fromBlock = endpoints ? asString(mod.attr(endpoints, 's3')?.value) : undefined;
  if (fromBlock) return fromBlock;
  const obj = mod.attr(backend, 'endpoints')?.value;
  return obj?.kind === 'map' ? asString(obj.entries.get('s3')) : undefined;
}

/** Which provider's table an S3-compatible endpoint belongs to; undefined for an endpoint nobody knows. */
function tableOfEndpoint(endpoint: string): string | undefined {
  let host = endpoint;
  try {
    host = new URL(/^[a-z]+:\/\//i.test(endpoint) ? endpoint : `https://${endpoint}`).hostname;
  } catch {
    return undefined;
  }
  return NAMES.s3Endpoints.find((e) => new RegExp(e.host, 'i').test(host))?.table;
}

function checkResources(judge: LocationJudge, mod: TerraformModule): void {
  for (const r of mod.resources) {
    // Data sources only read; resources store and process.
    const family = r.mode === 'resource' ? placingFamily(r.type) : undefined;
    if (!family) continue;
    const table = judge.tableOf(mod, family.provider, mod.providerFor(r.block));
    if (!table) continue;
    const top = (family.topLevelAttributes ?? []).map((name) => ({ path: name, name, value: mod.attr(r.block, name)?.value }));
    for (const { path, name, value } of [...top, ...locationValues(mod, r.block, family.attributes, family.suffixes)]) {
      judge.check(
        r.file,
        value,
        table,
        path.includes('.') ? `${r.address} (${path})` : r.address,
        false,
        family.quietUnknown?.includes(name) ?? false,
      );
    }
  }
}

/** The datacenter chosen in an order (`plan { configuration { label = "dedicated_datacenter", value = "bhs" } }`), written as blocks or as lists of objects. */
function checkOrderDatacenters(judge: LocationJudge, mod: TerraformModule): void {
  const cfg = NAMES.orderDatacenters;
  const judgeConfig = (r: TfResource, label: Value | undefined, value: Value | undefined): void => {
    const l = asString(label);
    if (l !== undefined && cfg.labels.includes(l)) judge.check(r.file, value, cfg.table, `${r.address} (${l})`);
  };
  for (const r of mod.resources) {
    if (r.mode !== 'resource' || !r.type.startsWith(cfg.prefix)) continue;
    for (const holder of cfg.holders) {
      for (const b of blocks(r.block.body, holder)) {
        for (const c of blocks(b.body, 'configuration')) judgeConfig(r, mod.attr(c, 'label')?.value, mod.attr(c, 'value')?.value);
        const listed = mod.attr(b, 'configuration')?.value;
        for (const item of listed?.kind === 'list' ? listed.items : [])
          if (item.kind === 'map') judgeConfig(r, item.entries.get('label'), item.entries.get('value'));
      }
      const value = mod.attr(r.block, holder)?.value;
      for (const plan of value?.kind === 'list' ? value.items : value ? [value] : []) {
        const configs = plan.kind === 'map' ? plan.entries.get('configuration') : undefined;
        for (const item of configs?.kind === 'list' ? configs.items : [])
          if (item.kind === 'map') judgeConfig(r, item.entries.get('label'), item.entries.get('value'));
      }
    }
  }
}

/** Copies made through an aliased provider in another region (replicas, snapshot and backup copies). */
function checkProviderCopies(judge: LocationJudge, mod: TerraformModule): void {
  for (const { type, needed, verb } of COPIES) {
    for (const r of mod.resourcesOf(type)) {
      if (needed && !mod.attr(r.block, needed)) continue;
      const providerAttr = attr(r.block.body, 'provider');
      const region = resourceRegion(mod, r);
      if (!providerAttr || !region || mod.attr(r.block, 'region')) continue;
      judge.check(
        r.file,
        { ...region, range: providerAttr.expr.range, origin: 'evaluated' },
        'aws',
        `${r.address} ${verb} through ${r.file.text.slice(providerAttr.expr.range.start, providerAttr.expr.range.end)}, which`,
        true,
      );
    }
  }
}

/** S3 replication destinations and backup copy actions, judged by where the destination lives. */
function checkDestinations(judge: LocationJudge, mod: TerraformModule): void {
  const destinations: { r: TfResource; block: Block; name: string }[] = [];
  for (const r of mod.resourcesOf('aws_s3_bucket_replication_configuration')) {
    for (const rule of blocks(r.block.body, 'rule'))
      for (const d of blocks(rule.body, 'destination')) destinations.push({ r, block: d, name: 'bucket' });
  }
  for (const r of mod.resourcesOf('aws_s3_bucket')) {
    for (const rc of blocks(r.block.body, 'replication_configuration')) {
      for (const rule of blocks(rc.body, 'rules'))
        for (const d of blocks(rule.body, 'destination')) destinations.push({ r, block: d, name: 'bucket' });
    }
  }
  for (const r of mod.resourcesOf('aws_backup_plan')) {
    for (const rule of blocks(r.block.body, 'rule'))
      for (const c of blocks(rule.body, 'copy_action')) destinations.push({ r, block: c, name: 'destination_vault_arn' });
  }
  for (const { r, block, name } of destinations) {
    const a = attr(block.body, name);
    if (!a) continue;
    const target = mod.referencedResources(a.expr).find((t) => t.type === 'aws_s3_bucket' || t.type === 'aws_backup_vault');
    const what = `${r.address} copies data to ${target ? target.address : 'a vault'}, which`;
    if (target) {
      const region = resourceRegion(mod, target);
      if (region) judge.check(r.file, { ...region, range: a.expr.range, origin: 'evaluated' }, 'aws', what, true);
      continue;
    }
    const arn = asString(mod.evaluate(a.expr));
    const m = arn === undefined ? null : /^arn:aws[a-z-]*:[a-z0-9-]+:([a-z0-9-]+):/.exec(arn);
    if (m) judge.check(r.file, { kind: 'string', value: m[1]!, range: a.expr.range, origin: 'evaluated' }, 'aws', what, true);
  }
}

/** Azure geo-redundant storage whose paired region lies outside the policy although the primary is inside. */
function checkGeoPairs(judge: LocationJudge, ctx: RuleContext, mod: TerraformModule): void {
  const geo = NAMES.geoRedundantReplication;
  for (const r of mod.resourcesOfAny(geo.resources)) {
    const type = mod.attr(r.block, geo.attribute);
    const kind = asString(type?.value)?.toUpperCase();
    if (!type || !kind || !geo.values.includes(kind)) continue;
    const row = judge.rowOf(mod.attr(r.block, 'location')?.value, 'azure');
    const pair = row ? pairOf(row) : undefined;
    if (!row || !pair || !rowInside(row, ctx.settings) || rowInside(pair, ctx.settings)) continue;
    const local = kind.endsWith('ZRS') ? 'ZRS' : 'LRS';
    const literal = type.value.origin === 'literal' && r.file.text[type.value.range.start] === '"';
    ctx.report({
      file: r.file,
      range: type.value.range,
      messageId: 'geo-pair',
      data: { resource: r.address, kind, code: row.code, region: describeRow(pair), area: policyName(ctx.settings.regionPolicy) },
      fixes: literal
        ? [
            {
              fixId: 'set-attribute',
              data: { attribute: geo.attribute, value: `"${local}"` },
              safety: 'unsafe',
              preferred: true,
              edits: [{ range: type.value.range, newText: `"${local}"` }],
            },
          ]
        : [],
    });
  }
}

/** Every Terraform check of non-eu-region for one module. */
export function checkTerraformRegions(judge: LocationJudge, ctx: RuleContext, mod: TerraformModule): void {
  checkProviders(judge, mod);
  checkBackends(judge, mod);
  checkResources(judge, mod);
  checkOrderDatacenters(judge, mod);
  checkProviderCopies(judge, mod);
  checkDestinations(judge, mod);
  checkGeoPairs(judge, ctx, mod);
}

/** What a location message names: a resource or provider, or a state backend through the store it names (`... is azurerm_storage_account.x, which`). */
export type Subject = string | { readonly subject: string; readonly store: string };

/** The message id and data of a location message about `what`. */
function said(
  what: Subject,
  id: string,
  data: Readonly<Record<string, string>>,
): { readonly messageId: string; readonly data: Readonly<Record<string, string>> } {
  return typeof what === 'string'
    ? { messageId: id, data: { subject: what, ...data } }
    : { messageId: `store-${id}`, data: { subject: what.subject, store: what.store, ...data } };
}
