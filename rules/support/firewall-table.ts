/** Firewall resources described by a data table (rules/data/firewall-rules.json) rather than by code. */
import type { Value } from '../../server/src/engine/value';
import type { TerraformModule, TfResource } from '../../server/src/terraform/model';
import { type Opening, lower, parsePortStrings, rangeOf, ruleEntries, strings } from './network-openings';
import { blocksAt, judgedAttr } from './tf-blocks';
import DATA from '../data/firewall-rules.json';

/** How one resource type writes its inbound rules. */
export interface FirewallRow {
  readonly type: string;
  /** The nested block (or attribute list of objects) holding the rules; null when the resource is one rule. */
  readonly rules: string | null;
  /** The field naming the direction and its inbound value; null when the list holds only inbound rules. */
  readonly direction: { readonly field: string; readonly inbound: string } | null;
  /** The protocol field and what an unset protocol means (null: the rule cannot be judged). */
  readonly protocol: { readonly field: string; readonly unset: string | null };
  readonly ports:
    | { readonly kind: 'range'; readonly from: string; readonly to: string; readonly zeroIsAll: boolean }
    | { readonly kind: 'strings'; readonly field: string; readonly all: readonly string[] };
  readonly sources: readonly string[];
}

/** A service reached through a list of allowed source ranges (a database ACL, a cluster's admin allowlist). */
export interface AllowlistRow {
  readonly type: string;
  /** Nested blocks (or attribute lists) leading to the field; empty for a top-level argument. */
  readonly path: readonly string[];
  readonly field: string;
  readonly service: string;
}

/** The firewall rows of the data table. */
export const FIREWALL_ROWS = DATA.rules as readonly FirewallRow[];
/** The allowlist rows of the data table. */
export const ALLOWLIST_ROWS = DATA.allowlists as readonly AllowlistRow[];

/** Inbound allow rules of the resources the table describes. */
export function tableOpenings(mod: TerraformModule, rows: readonly FirewallRow[]): Opening[] {
  const out: Opening[] = [];
  for (const row of rows) {
    for (const r of mod.resourcesOf(row.type)) {
      for (const f of ruleEntries(mod, r.block, row.rules)) {
        if (row.direction && lower(f.get(row.direction.field)) !== row.direction.inbound) continue;
        const proto = f.get(row.protocol.field);
        const protocol = proto ? lower(proto) : (row.protocol.unset ?? undefined);
        const p = row.ports;
        const portValue = p.kind === 'strings' ? f.get(p.field) : undefined;
        const portList = portValue?.kind === 'list' ? [...portValue.items] : portValue ? [portValue] : [];
        const ports = p.kind === 'range' ? rangeOf(f, p.from, p.to, p.zeroIsAll) : portValue ? parsePortStrings(portList, p.all) : 'all';
        out.push({
          resource: r,
          file: r.file,
          header: f.header,
          sources: row.sources.flatMap((s) => strings(f.get(s))),
          protocol,
          ports,
          stateless: false,
        });
      }
    }
  }
  return out;
}

/** The allowed source values of one allowlisted resource, with the resource; unknown entries are left out. */
export function allowlistSources(mod: TerraformModule, row: AllowlistRow): { resource: TfResource; sources: Value[] }[] {
  return mod.resourcesOf(row.type).map((r) => {
    if (!row.path.length) return { resource: r, sources: strings(judgedAttr(mod, r.block, row.field)?.value) };
    const parent = row.path.slice(0, -1);
    const last = row.path[row.path.length - 1]!;
    const holders = blocksAt(r.block, parent);
    const sources = holders.flatMap((h) => ruleEntries(mod, h, last)).flatMap((f) => strings(f.get(row.field)));
    return { resource: r, sources };
  });
}
