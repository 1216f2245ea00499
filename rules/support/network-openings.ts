/** Inbound firewall rules of every cloud, read into one shape: who may connect, to which ports, over which protocol. */
import type { Range, SourceFile } from '../../server/src/engine/source';
import { type Value, asNumber, asString, isTrue } from '../../server/src/engine/value';
import type { Block } from '../../server/src/terraform/ast';
import type { TerraformModule, TfResource } from '../../server/src/terraform/model';
import { blocksAt, judgedAttr } from './tf-blocks';

/** An inclusive port range. */
export interface PortRange {
  readonly from: number;
  readonly to: number;
}

/** An earlier deny of a stateless filter, which wins over the allows numbered after it. */
export interface Deny {
  readonly protocol: string;
  readonly ports: readonly PortRange[] | 'all';
  readonly sources: readonly string[];
}

/** One inbound allow rule. `ports` is undefined when unknown; `all` when every port is open. */
export interface Opening {
  readonly resource: TfResource;
  readonly file: SourceFile;
  /** Where a rule that names no source is reported: its block or object header. */
  readonly header: Range;
  /** Source addresses that are known strings, with their ranges. */
  readonly sources: readonly Value[];
  /** Lower-cased protocol; undefined when unknown. */
  readonly protocol: string | undefined;
  readonly ports: readonly PortRange[] | 'all' | undefined;
  /** Stateless filters (NACLs) open wide ranges for return traffic. */
  readonly stateless: boolean;
  /** Lower-numbered denies of the same ordered list (NACL, NSG); `unknown` when one of them cannot be read. */
  readonly deniedBefore?: readonly Deny[] | 'unknown';
}

/** The arguments of one rule, written as a nested block or as an object of an attribute list; null is unset. */
export interface Fields {
  readonly header: Range;
  get(name: string): Value | undefined;
}

function blockFields(mod: TerraformModule, b: Block): Fields {
  return {
    header: b.headerRange,
    get: (name) => {
      const v = judgedAttr(mod, b, name)?.value;
      return v && v.kind !== 'null' ? v : undefined;
    },
  };
}

function objectFields(v: Value): Fields | undefined {
  if (v.kind !== 'map') return undefined;
  return {
    header: v.range,
    get: (name) => {
      const e = v.entries.get(name);
      return e && e.kind !== 'null' ? e : undefined;
    },
  };
}

/**
 * The rules a resource lists under `name`, as nested blocks, as an attribute list of objects
 * (`ingress = [{ ... }]`) or as one object (`pg = { ... }`); the resource's own arguments for a null name. Entries that are not
 * objects cannot be read and are left out.
 */
export function ruleEntries(mod: TerraformModule, block: Block, name: string | null): Fields[] {
  if (name === null) return [blockFields(mod, block)];
  const out = blocksAt(block, [name]).map((b) => blockFields(mod, b));
  const a = judgedAttr(mod, block, name);
  const items = a?.value.kind === 'list' ? a.value.items : a?.value.kind === 'map' ? [a.value] : [];
  for (const item of items) {
    const f = objectFields(item);
    if (f) out.push(f);
  }
  return out;
}

/** Source strings of a value that is a string or a list of strings. */
export function strings(v: Value | undefined): Value[] {
  if (!v) return [];
  if (v.kind === 'string') return [v];
  if (v.kind === 'list') return v.items.filter((i) => i.kind === 'string');
  return [];
}

/** A range from two number fields; every port when both are unset or when `zeroIsAll` and both are 0. */
export function rangeOf(f: Fields, fromName: string, toName: string, zeroIsAll: boolean): PortRange[] | 'all' | undefined {
  const fv = f.get(fromName);
  const tv = f.get(toName);
  if (!fv && !tv) return 'all';
  const from = fv ? asNumber(fv) : undefined;
  const to = tv ? asNumber(tv) : undefined;
  if ((fv && from === undefined) || (tv && to === undefined)) return undefined;
  const lo = from ?? to!;
  const hi = to ?? from!;
  if (zeroIsAll && lo === 0 && hi === 0) return 'all';
  if (lo <= 1 && hi >= 65535) return 'all';
  return [{ from: lo, to: hi }];
}

/** Ports written as strings: "22", "1000-2000", "*" (and the row's own words for every port). */
export function parsePortStrings(values: readonly Value[], allWords: readonly string[] = []): PortRange[] | 'all' | undefined {
  const out: PortRange[] = [];
  for (const v of values) {
    const s = asString(v)?.trim().toLowerCase();
    if (s === undefined) return undefined;
    if (s === '*' || allWords.includes(s)) return 'all';
    const m = /^(\d+)(?:\s*-\s*(\d+))?$/.exec(s);
    if (!m) return undefined;
    const r = { from: Number(m[1]), to: Number(m[2] ?? m[1]) };
    if (r.from <= 1 && r.to >= 65535) return 'all';
    out.push(r);
  }
  return out;
}

function listValues(v: Value | undefined): Value[] | undefined {
  if (!v) return [];
  if (v.kind === 'list') return [...v.items];
  if (v.kind === 'string' || v.kind === 'number') return [v];
  return undefined;
}

/** A value's lower-cased text. */
export function lower(v: Value | undefined): string | undefined {
  return asString(v)?.toLowerCase();
}

interface AwsRule {
  readonly opening: Opening;
  readonly action: string | undefined;
  readonly order: number | undefined;
}

function awsStyle(r: TfResource, f: Fields, cidrs: readonly string[], protoName: string, stateless: boolean): Opening {
  const sources = cidrs.flatMap((c) => strings(f.get(c)));
  const protoValue = f.get(protoName);
  const protocol = protoValue ? lower(protoValue) : '-1';
  const ports = protocol === '-1' || protocol === 'all' ? 'all' : rangeOf(f, 'from_port', 'to_port', false);
  return { resource: r, file: r.file, header: f.header, sources, protocol, ports, stateless };
}

function naclRule(r: TfResource, f: Fields, actionName: string, numberName: string): AwsRule {
  const n = f.get(numberName);
  return {
    opening: awsStyle(r, f, ['cidr_block', 'ipv6_cidr_block'], 'protocol', true),
    action: lower(f.get(actionName)),
    order: n ? asNumber(n) : undefined,
  };
}

/** The allows of one ordered list (a NACL's inbound rules, an NSG's), each with the denies numbered before it. */
function naclAllows(rules: readonly AwsRule[]): Opening[] {
  const out: Opening[] = [];
  for (const rule of rules) {
    if (rule.action !== 'allow') continue;
    out.push({ ...rule.opening, deniedBefore: deniesBefore(rule, rules) });
  }
  return out;
}

/** The denies evaluated before an allow: lower rule numbers (NACL) or priorities (NSG) win. */
function deniesBefore(allow: AwsRule, rules: readonly AwsRule[]): Deny[] | 'unknown' {
  const denied: Deny[] = [];
  for (const o of rules) {
    if (o === allow || o.action === 'allow' || (o.action !== undefined && o.action !== 'deny')) continue;
    if (o.action === undefined || o.order === undefined || allow.order === undefined) return 'unknown';
    if (o.order >= allow.order) continue;
    const { protocol, ports, sources } = o.opening;
    if (protocol === undefined || ports === undefined || !sources.length) return 'unknown';
    denied.push({ protocol, ports, sources: sources.map((v) => lower(v) ?? '') });
  }
  return denied;
}

function naclOpenings(mod: TerraformModule): Opening[] {
  const out: Opening[] = [];
  for (const r of mod.resourcesOf('aws_network_acl', 'aws_default_network_acl')) {
    out.push(...naclAllows(ruleEntries(mod, r.block, 'ingress').map((f) => naclRule(r, f, 'action', 'rule_no'))));
  }
  // Separate rule resources are grouped by the ACL they name; an ACL that cannot be resolved is a group of its own.
  const groups = new Map<string, AwsRule[]>();
  for (const r of mod.resourcesOf('aws_network_acl_rule')) {
    if (isTrue(judgedAttr(mod, r.block, 'egress')?.value)) continue;
    const target = groupKey(mod, r, 'network_acl_id');
    const list = groups.get(target) ?? [];
    list.push(naclRule(r, blockFields(mod, r.block), 'rule_action', 'rule_number'));
    groups.set(target, list);
  }
  for (const list of groups.values()) out.push(...naclAllows(list));
  return out;
}

/** The group a separate rule resource belongs to: the resource its argument names, or the argument's text. */
function groupKey(mod: TerraformModule, r: TfResource, name: string): string {
  const a = judgedAttr(mod, r.block, name);
  if (!a) return r.address;
  return mod.referencedResources(a.attr.expr)[0]?.address ?? r.file.text.slice(a.attr.expr.range.start, a.attr.expr.range.end);
}

function azureRule(r: TfResource, f: Fields): AwsRule | undefined {
  if (lower(f.get('direction')) !== 'inbound') return undefined;
  const sources = [...strings(f.get('source_address_prefix')), ...strings(f.get('source_address_prefixes'))];
  const single = listValues(f.get('destination_port_range'));
  const many = listValues(f.get('destination_port_ranges'));
  const ports = single && many ? parsePortStrings([...single, ...many]) : undefined;
  const priority = f.get('priority');
  return {
    opening: { resource: r, file: r.file, header: f.header, sources, protocol: lower(f.get('protocol')), ports, stateless: false },
    action: lower(f.get('access')),
    order: priority ? asNumber(priority) : undefined,
  };
}

/** Azure NSG inbound allows, each with the denies of lower priority number in the same group, which win. */
function azureOpenings(mod: TerraformModule): Opening[] {
  const groups = new Map<string, AwsRule[]>();
  const add = (key: string, rule: AwsRule | undefined): void => {
    if (!rule) return;
    const list = groups.get(key) ?? [];
    list.push(rule);
    groups.set(key, list);
  };
  for (const r of mod.resourcesOf('azurerm_network_security_group'))
    for (const f of ruleEntries(mod, r.block, 'security_rule')) add(r.address, azureRule(r, f));
  for (const r of mod.resourcesOf('azurerm_network_security_rule'))
    add(groupKey(mod, r, 'network_security_group_name'), azureRule(r, blockFields(mod, r.block)));
  return [...groups.values()].flatMap(naclAllows);
}

/** Every inbound allow rule the module declares. */
export function inboundOpenings(mod: TerraformModule): Opening[] {
  const out: Opening[] = [];
  for (const r of mod.resourcesOf('aws_security_group'))
    for (const f of ruleEntries(mod, r.block, 'ingress')) out.push(awsStyle(r, f, ['cidr_blocks', 'ipv6_cidr_blocks'], 'protocol', false));
  for (const r of mod.resourcesOf('aws_security_group_rule')) {
    if (lower(judgedAttr(mod, r.block, 'type')?.value) === 'ingress')
      out.push(awsStyle(r, blockFields(mod, r.block), ['cidr_blocks', 'ipv6_cidr_blocks'], 'protocol', false));
  }
  for (const r of mod.resourcesOf('aws_vpc_security_group_ingress_rule'))
    out.push(awsStyle(r, blockFields(mod, r.block), ['cidr_ipv4', 'cidr_ipv6'], 'ip_protocol', false));
  out.push(...naclOpenings(mod), ...azureOpenings(mod));

  for (const r of mod.resourcesOf('google_compute_firewall')) {
    const dir = judgedAttr(mod, r.block, 'direction');
    if ((dir && lower(dir.value) !== 'ingress') || isTrue(judgedAttr(mod, r.block, 'disabled')?.value)) continue;
    const sources = strings(judgedAttr(mod, r.block, 'source_ranges')?.value);
    for (const f of ruleEntries(mod, r.block, 'allow')) {
      const pv = f.get('ports');
      const values = listValues(pv);
      const ports = !pv ? 'all' : values ? parsePortStrings(values) : undefined;
      out.push({ resource: r, file: r.file, header: f.header, sources, protocol: lower(f.get('protocol')), ports, stateless: false });
    }
  }

  for (const r of mod.resourcesOf('scaleway_instance_security_group', 'scaleway_instance_security_group_rules')) {
    for (const f of ruleEntries(mod, r.block, 'inbound_rule')) {
      if (lower(f.get('action')) !== 'accept') continue;
      const ip = [f.get('ip'), f.get('ip_range')].filter((v) => v !== undefined);
      const sources = ip.length
        ? ip.flatMap((v) => strings(v))
        : [{ kind: 'string' as const, value: 'any', range: f.header, origin: 'default' as const }];
      const port = f.get('port');
      const pr = f.get('port_range');
      const ports = port ? parsePortStrings([port]) : pr ? parsePortStrings([pr]) : 'all';
      const proto = f.get('protocol');
      out.push({ resource: r, file: r.file, header: f.header, sources, protocol: proto ? lower(proto) : 'tcp', ports, stateless: false });
    }
  }

  for (const r of mod.resourcesOf('outscale_security_group_rule')) {
    if (lower(judgedAttr(mod, r.block, 'flow')?.value) !== 'inbound') continue;
    const top = blockFields(mod, r.block);
    const entries = [
      ...(top.get('ip_range') ? [{ f: top, cidr: 'ip_range' }] : []),
      ...ruleEntries(mod, r.block, 'rules').map((f) => ({ f, cidr: 'ip_ranges' })),
    ];
    for (const { f, cidr } of entries) {
      const proto = f.get('ip_protocol');
      const protocol = proto ? lower(proto) : '-1';
      out.push({
        resource: r,
        file: r.file,
        header: f.header,
        sources: strings(f.get(cidr)),
        protocol,
        ports: protocol === '-1' ? 'all' : rangeOf(f, 'from_port_range', 'to_port_range', false),
        stateless: false,
      });
    }
  }
  return out;
}

/** Whether a Scaleway security group accepts inbound traffic by default (its default when unset). */
export function acceptsByDefault(mod: TerraformModule, block: Block): Value | 'default' | undefined {
  const p = judgedAttr(mod, block, 'inbound_default_policy');
  if (!p) return 'default';
  return lower(p.value) === 'accept' ? p.value : undefined;
}
