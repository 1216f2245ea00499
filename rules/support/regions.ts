/** Region tables: which cloud locations lie inside the team's chosen jurisdiction. */
import REGIONS from '../data/regions.json';
import COUNTRIES from '../data/countries.json';
import type { RegionPolicy, Settings } from '../../server/src/config/settings';

/** One row of rules/data/regions.json. */
export interface RegionRow {
  readonly provider: string;
  readonly code: string;
  readonly location: string;
  readonly country: string;
  readonly eu: boolean;
  readonly eea: boolean;
  readonly notes?: string;
}

const ROWS: readonly RegionRow[] = REGIONS as readonly RegionRow[];

/** Canonical form of a location name: Azure matches display names by lower-casing and removing spaces. */
function normalise(provider: string, code: string): string {
  const c = code.trim().toLowerCase();
  return provider === 'azure' ? c.replace(/\s+/g, '') : c;
}

const BY_PROVIDER = new Map<string, Map<string, RegionRow>>();
for (const row of ROWS) {
  const m = BY_PROVIDER.get(row.provider) ?? new Map<string, RegionRow>();
  m.set(normalise(row.provider, row.code), row);
  BY_PROVIDER.set(row.provider, m);
}

/** A region the team declares in its configuration (e.g. an OpenStack region name) as a table row. */
function customRow(provider: string, code: string, settings: Settings | undefined): RegionRow | undefined {
  const country = settings?.customRegions[code]?.toUpperCase();
  if (!country) return undefined;
  const eu = COUNTRIES.eu.includes(country);
  return { provider, code, location: 'declared in the configuration', country, eu, eea: eu || COUNTRIES.eeaOnly.includes(country) };
}

/** The row of a provider's region code, if the tables or the team's declarations know it. */
export function findRegion(provider: string, code: string, settings?: Settings): RegionRow | undefined {
  return customRow(provider, code, settings) ?? BY_PROVIDER.get(provider)?.get(normalise(provider, code));
}

/** Every provider's row for a code (for Kubernetes labels, whose provider is not stated). */
export function findRegionAnyProvider(code: string, settings?: Settings): RegionRow[] {
  const custom = customRow('custom', code, settings);
  if (custom) return [custom];
  const out: RegionRow[] = [];
  for (const [provider, m] of BY_PROVIDER) {
    const row = m.get(normalise(provider, code));
    if (row) out.push(row);
  }
  return out;
}

/** Whether a country is inside under a policy. */
export function countryInside(country: string, eu: boolean, eea: boolean, policy: RegionPolicy): boolean {
  if (policy === 'eu') return eu;
  if (policy === 'eea') return eea;
  if (policy === 'fr') return country === 'FR';
  return policy.countries.map((c) => c.toUpperCase()).includes(country.toUpperCase());
}

/** Whether a region row is inside the settings' policy (custom regions declared by the team count too). */
export function rowInside(row: RegionRow, settings: Settings): boolean {
  return countryInside(row.country, row.eu, row.eea, settings.regionPolicy);
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
