/** Region tables: which cloud locations lie inside the team's chosen jurisdiction. */
import REGIONS from '../data/regions.json';
import COUNTRIES from '../data/countries.json';
import NAMES from '../data/region-attributes.json';
import type { RegionPolicy, Settings } from '../../server/src/config/settings';
import type { RegionTable } from '../../server/src/config/vocabulary';

/** One row of rules/data/regions.json. */
export interface RegionRow {
  readonly provider: string;
  readonly code: string;
  readonly location: string;
  /** ISO code; `A+B` for a location spanning countries, `EU` for the EU multi-region. */
  readonly country: string;
  readonly eu: boolean;
  readonly eea: boolean;
  readonly notes?: string;
  /** Other names of the same location (OVHcloud's OpenStack and S3 names). */
  readonly aliases?: readonly string[];
  /** Azure's paired region, where geo-redundant copies go. */
  readonly pair?: string;
  /** Member regions of a dual-region. */
  readonly members?: readonly string[];
  /** The location gives no residency guarantee either way (GCP `global`, `europe`). */
  readonly uncertain?: boolean;
}

const ROWS: readonly RegionRow[] = REGIONS as readonly RegionRow[];
const ZONE_SUFFIXES: Readonly<Record<string, readonly string[]>> = NAMES.zoneSuffixes;

/** Canonical form of a location name: Azure matches display names by lower-casing and removing spaces. */
function normalise(provider: string, code: string): string {
  const c = code.trim().toLowerCase();
  return provider === 'azure' ? c.replace(/\s+/g, '') : c;
}

const BY_PROVIDER = new Map<string, Map<string, RegionRow>>();
for (const row of ROWS) {
  const m = BY_PROVIDER.get(row.provider) ?? new Map<string, RegionRow>();
  m.set(normalise(row.provider, row.code), row);
  for (const alias of row.aliases ?? []) if (!m.has(alias)) m.set(normalise(row.provider, alias), row);
  BY_PROVIDER.set(row.provider, m);
}

/** Whether one ISO country (or the `EU` pseudo-country of a multi-region) is inside a policy. */
function oneCountryInside(country: string, policy: RegionPolicy): boolean {
  const c = country.toUpperCase();
  if (c === 'EU') return policy === 'eu' || policy === 'eea';
  if (policy === 'eu') return COUNTRIES.eu.includes(c);
  if (policy === 'eea') return COUNTRIES.eu.includes(c) || COUNTRIES.eeaOnly.includes(c);
  if (policy === 'fr') return c === 'FR';
  return policy.countries.some((x) => x.toUpperCase() === c);
}

/** A region the team declares in its configuration (e.g. an OpenStack region name) as a table row. */
function customRow(provider: string, code: string, settings: Settings | undefined): RegionRow | undefined {
  if (!settings) return undefined;
  const key = Object.keys(settings.customRegions).find((k) => k.toLowerCase() === code.trim().toLowerCase());
  const country = key ? settings.customRegions[key]?.toUpperCase() : undefined;
  if (!country) return undefined;
  return {
    provider,
    code,
    location: 'declared in the configuration',
    country,
    eu: oneCountryInside(country, 'eu'),
    eea: oneCountryInside(country, 'eea'),
  };
}

/** The row of a name in one provider's table: the code, an alias, or a zone of a region. */
function lookup(provider: string, code: string): RegionRow | undefined {
  const m = BY_PROVIDER.get(provider);
  if (!m) return undefined;
  const name = normalise(provider, code);
  const direct = m.get(name);
  if (direct) return direct;
  for (const suffix of ZONE_SUFFIXES[provider] ?? []) {
    const stripped = name.replace(new RegExp(suffix), '');
    if (stripped !== name && stripped) {
      const row = m.get(stripped);
      if (row) return row;
    }
  }
  return undefined;
}

/** The row of a provider's region or zone code, if the tables or the team's declarations know it. */
export function findRegion(provider: string, code: string, settings?: Settings): RegionRow | undefined {
  return customRow(provider, code, settings) ?? lookup(provider, code);
}

/** Every provider's row for a code (for Kubernetes labels, whose provider is not stated). */
export function findRegionAnyProvider(code: string, settings?: Settings): RegionRow[] {
  const custom = customRow('custom', code, settings);
  if (custom) return [custom];
  const out: RegionRow[] = [];
  for (const provider of BY_PROVIDER.keys()) {
    const row = BY_PROVIDER.get(provider)?.get(normalise(provider, code));
    if (row) out.push(row);
  }
  if (out.length) return out;
  // A zone (eu-west-3a, europe-west9-b) names its region.
  for (const provider of BY_PROVIDER.keys()) {
    const row = lookup(provider, code);
    if (row) out.push(row);
  }
  return out;
}

/** Whether a country is inside under a policy. */
export function countryInside(country: string, eu: boolean, eea: boolean, policy: RegionPolicy): boolean {
  if (policy === 'eu') return eu;
  if (policy === 'eea') return eea;
  return country.split('+').every((c) => oneCountryInside(c, policy));
}

/** Whether a region row is inside the settings' policy; a location spanning countries must have all of them inside. */
export function rowInside(row: RegionRow, settings: Settings): boolean {
  if (row.uncertain) return false;
  return countryInside(row.country, row.eu, row.eea, settings.regionPolicy);
}

/** The table row of an Azure region's pair, when it has one. */
export function pairOf(row: RegionRow): RegionRow | undefined {
  return row.pair ? lookup(row.provider, row.pair) : undefined;
}

/** Words for the policy in messages: "the European Union", "France", ... */
export function policyName(policy: RegionPolicy): string {
  if (policy === 'eu') return 'the European Union';
  if (policy === 'eea') return 'the European Economic Area';
  if (policy === 'fr') return 'France';
  return `the allowed countries (${policy.countries.join(', ')})`;
}

/** The team's preferred region for a provider, when it is itself inside the policy. */
export function preferredRegion(provider: string, settings: Settings): string | undefined {
  const code = settings.preferredRegions[provider];
  if (!code) return undefined;
  const row = findRegion(provider, code);
  return row && rowInside(row, settings) ? code : undefined;
}

/** The region table as configuration checks read it (`regions.preferred`): the same rows and policy test as the rules. */
export const REGION_TABLE: RegionTable = {
  providers: [...BY_PROVIDER.keys()].sort(),
  lists: (provider, code) => ROWS.some((r) => r.provider === provider && r.code.toLowerCase() === code.toLowerCase()),
  place(provider, code, custom, policy) {
    const row = findRegion(provider, code, { regionPolicy: policy, preferredRegions: {}, customRegions: custom, rules: {} });
    return row ? { country: row.country, inside: countryInside(row.country, row.eu, row.eea, policy) } : undefined;
  },
};
