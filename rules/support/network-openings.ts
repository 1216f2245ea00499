/** Inbound firewall rules of every cloud, read into one shape: who may connect, to which ports, over which protocol. */
import type { SourceFile } from '../../server/src/engine/source';
import { type Value, asNumber, asString, isTrue } from '../../server/src/engine/value';
import type { Block } from '../../server/src/terraform/ast';
import type { TerraformModule, TfResource } from '../../server/src/terraform/model';
import { blocksAt, judgedAttr } from './tf-blocks';

/** An inclusive port range. */
export interface PortRange { readonly from: number; readonly to: number }

/** One inbound allow rule. `ports` is undefined when unknown; `all` when every port is open. */
export interface Opening {
  readonly resource: TfResource;
  readonly file: SourceFile;
  /** The block holding the rule (the resource's, or a nested ingress/rule block). */
  readonly block: Block;
  /** Source addresses that are known strings, with their ranges. */
  readonly sources: readonly Value[];
  /** Lower-cased protocol; undefined when unknown. */
  readonly protocol: string | undefined;
  readonly ports: readonly PortRange[] | 'all' | undefined;
  /** Stateless filters (NACLs) open wide ranges for return traffic. */
  readonly stateless: boolean;
}

function strings(v: Value | undefined): Value[] {
  if (!v) return [];
  if (v.kind === 'string') return [v];
  if (v.kind === 'list') return v.items.filter((i) => i.kind === 'string');
  return [];
}

function num(mod: TerraformModule, b: Block, name: string): number | undefined | null {
  const a = judgedAttr(mod, b, name);
  if (!a) return null;
  return asNumber(a.value);
}

/** A range from two number attributes; null when both are absent. */
function rangeOf(mod: TerraformModule, b: Block, fromName: string, toName: string): PortRange[] | 'all' | undefined {
  const from = num(mod, b, fromName);
  const to = num(mod, b, toName);
  if (from === null && to === null) return 'all';
  if (from === undefined || to === undefined) return undefined;
  const f = from ?? to!;
  const t = to ?? from!;
  if ((f === 0 && t === 0) || (f <= 0 && t >= 65535)) return 'all';
  return [{ from: f, to: t }];
}

/** Ports written as strings: "22", "1000-2000", "*". */
function parsePortStrings(values: readonly Value[]): PortRange[] | 'all' | undefined {
  const out: PortRange[] = [];
  for (const v of values) {
    const s = asString(v)?.trim();
    if (s === undefined) return undefined;
    if (s === '*' || s === '0-65535' || s === '1-65535') return 'all';
    const m = /^(\d+)(?:\s*-\s*(\d+))?$/.exec(s);
    if (!m) return undefined;
    out.push({ from: Number(m[1]), to: Number(m[2] ?? m[1]) });
  }
  return out;
}

function listValues(v: Value | undefined): Value[] | undefined {
  if (!v) return [];
  if (v.kind === 'list') return [...v.items];
  if (v.kind === 'string' || v.kind === 'number') return [v];
  return undefined;
}

function lower(v: Value | undefined): string | undefined {
  return asString(v)?.toLowerCase();
}

function awsStyle(mod: TerraformModule, r: TfResource, b: Block, cidrs: string[], protoName: string, stateless: boolean): Opening {
  const sources = cidrs.flatMap((c) => strings(judgedAttr(mod, b, c)?.value));
  const protoAttr = judgedAttr(mod, b, protoName);
  const protocol = protoAttr ? lower(protoAttr.value) : '-1';
  const ports = protocol === '-1' || protocol === 'all' ? 'all' : rangeOf(mod, b, 'from_port', 'to_port');
  return { resource: r, file: r.file, block: b, sources, protocol, ports, stateless };
}

/** Every inbound allow rule the module declares. */
export function inboundOpenings(mod: TerraformModule): Opening[] {
  const out: Opening[] = [];
  for (const r of mod.resourcesOf('aws_security_group')) for (const b of blocksAt(r.block, ['ingress'])) out.push(awsStyle(mod, r, b, ['cidr_blocks', 'ipv6_cidr_blocks'], 'protocol', false));
  for (const r of mod.resourcesOf('aws_security_group_rule')) {
    if (lower(judgedAttr(mod, r.block, 'type')?.value) === 'ingress') out.push(awsStyle(mod, r, r.block, ['cidr_blocks', 'ipv6_cidr_blocks'], 'protocol', false));
  }
  for (const r of mod.resourcesOf('aws_vpc_security_group_ingress_rule')) out.push(awsStyle(mod, r, r.block, ['cidr_ipv4', 'cidr_ipv6'], 'ip_protocol', false));
  for (const r of mod.resourcesOf('aws_network_acl', 'aws_default_network_acl')) {
    for (const b of blocksAt(r.block, ['ingress'])) if (lower(judgedAttr(mod, b, 'action')?.value) === 'allow') out.push(awsStyle(mod, r, b, ['cidr_block', 'ipv6_cidr_block'], 'protocol', true));
  }
  for (const r of mod.resourcesOf('aws_network_acl_rule')) {
    if (isTrue(judgedAttr(mod, r.block, 'egress')?.value) || lower(judgedAttr(mod, r.block, 'rule_action')?.value) !== 'allow') continue;
    out.push(awsStyle(mod, r, r.block, ['cidr_block', 'ipv6_cidr_block'], 'protocol', true));
  }

  const azureRules = [...mod.resourcesOf('azurerm_network_security_rule').map((r) => ({ r, b: r.block })), ...mod.resourcesOf('azurerm_network_security_group').flatMap((r) => blocksAt(r.block, ['security_rule']).map((b) => ({ r, b })))];
  for (const { r, b } of azureRules) {
    if (lower(judgedAttr(mod, b, 'direction')?.value) !== 'inbound' || lower(judgedAttr(mod, b, 'access')?.value) !== 'allow') continue;
    const sources = [...strings(judgedAttr(mod, b, 'source_address_prefix')?.value), ...strings(judgedAttr(mod, b, 'source_address_prefixes')?.value)];
    const single = listValues(judgedAttr(mod, b, 'destination_port_range')?.value);
    const many = listValues(judgedAttr(mod, b, 'destination_port_ranges')?.value);
    const ports = single && many ? parsePortStrings([...single, ...many]) : undefined;
    out.push({ resource: r, file: r.file, block: b, sources, protocol: lower(judgedAttr(mod, b, 'protocol')?.value), ports, stateless: false });
  }

  for (const r of mod.resourcesOf('google_compute_firewall')) {
    const dir = judgedAttr(mod, r.block, 'direction');
    if ((dir && lower(dir.value) !== 'ingress') || isTrue(judgedAttr(mod, r.block, 'disabled')?.value)) continue;
    const sources = strings(judgedAttr(mod, r.block, 'source_ranges')?.value);
    for (const b of blocksAt(r.block, ['allow'])) {
      const pv = judgedAttr(mod, b, 'ports');
      const values = listValues(pv?.value);
      const ports = !pv ? 'all' : values ? parsePortStrings(values) : undefined;
      out.push({ resource: r, file: r.file, block: b, sources, protocol: lower(judgedAttr(mod, b, 'protocol')?.value), ports, stateless: false });
    }
  }

  for (const r of mod.resourcesOf('openstack_networking_secgroup_rule_v2')) {
    if (lower(judgedAttr(mod, r.block, 'direction')?.value) !== 'ingress') continue;
    const proto = judgedAttr(mod, r.block, 'protocol');
    out.push({ resource: r, file: r.file, block: r.block, sources: strings(judgedAttr(mod, r.block, 'remote_ip_prefix')?.value), protocol: proto ? lower(proto.value) : 'any', ports: rangeOf(mod, r.block, 'port_range_min', 'port_range_max'), stateless: false });
  }

  for (const r of mod.resourcesOf('scaleway_instance_security_group', 'scaleway_instance_security_group_rules')) {
    for (const b of blocksAt(r.block, ['inbound_rule'])) {
      if (lower(judgedAttr(mod, b, 'action')?.value) !== 'accept') continue;
      const ipAttrs = [judgedAttr(mod, b, 'ip'), judgedAttr(mod, b, 'ip_range')].filter((a) => a !== undefined);
      const sources = ipAttrs.length ? ipAttrs.flatMap((a) => strings(a.value)) : [{ kind: 'string' as const, value: 'any', range: b.headerRange, origin: 'default' as const }];
      const port = judgedAttr(mod, b, 'port');
      const pr = judgedAttr(mod, b, 'port_range');
      const ports = port ? parsePortStrings([port.value]) : pr ? parsePortStrings([pr.value]) : 'all';
      const proto = judgedAttr(mod, b, 'protocol');
      out.push({ resource: r, file: r.file, block: b, sources, protocol: proto ? lower(proto.value) : 'tcp', ports, stateless: false });
    }
  }

  for (const r of mod.resourcesOf('outscale_security_group_rule')) {
    if (lower(judgedAttr(mod, r.block, 'flow')?.value) !== 'inbound') continue;
    const top = judgedAttr(mod, r.block, 'ip_range');
    if (top) {
      const proto = judgedAttr(mod, r.block, 'ip_protocol');
      const protocol = proto ? lower(proto.value) : '-1';
      out.push({ resource: r, file: r.file, block: r.block, sources: strings(top.value), protocol, ports: protocol === '-1' ? 'all' : rangeOf(mod, r.block, 'from_port_range', 'to_port_range'), stateless: false });
    }
    for (const b of blocksAt(r.block, ['rules'])) {
      const proto = judgedAttr(mod, b, 'ip_protocol');
      const protocol = proto ? lower(proto.value) : '-1';
      out.push({ resource: r, file: r.file, block: b, sources: strings(judgedAttr(mod, b, 'ip_ranges')?.value), protocol, ports: protocol === '-1' ? 'all' : rangeOf(mod, b, 'from_port_range', 'to_port_range'), stateless: false });
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
