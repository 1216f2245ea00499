/** The region tables under rules/data agree with themselves and with the EU and EEA country lists. */
import { strict as assert } from 'node:assert';
import REGIONS from '../../rules/data/regions.json';
import COUNTRIES from '../../rules/data/countries.json';
import NAMES from '../../rules/data/region-attributes.json';
import { findRegion, pairOf } from '../../rules/support/regions';

interface Row {
  provider: string;
  code: string;
  country: string;
  eu: boolean;
  eea: boolean;
  aliases?: string[];
  pair?: string;
  members?: string[];
  uncertain?: boolean;
}
const ROWS = REGIONS as Row[];

describe('region data', () => {
  it('gives each row the EU and EEA membership of its countries', () => {
    const wrong: string[] = [];
    for (const r of ROWS) {
      if (r.uncertain) {
        if (r.eu || r.eea) wrong.push(`${r.provider}/${r.code}: an uncertain location is not counted inside`);
        continue;
      }
      const parts = r.country === 'EU' ? [] : r.country.split('+');
      const eu = parts.every((c) => COUNTRIES.eu.includes(c));
      const eea = parts.every((c) => COUNTRIES.eu.includes(c) || COUNTRIES.eeaOnly.includes(c));
      if (r.eu !== eu || r.eea !== eea) wrong.push(`${r.provider}/${r.code} (${r.country}): eu=${r.eu} eea=${r.eea}`);
    }
    assert.deepEqual(wrong, []);
  });

  it('has no duplicate code or alias within a provider', () => {
    const seen = new Set<string>();
    const dup: string[] = [];
    for (const r of ROWS) {
      for (const name of [r.code, ...(r.aliases ?? [])]) {
        const key = `${r.provider}/${name.toLowerCase()}`;
        if (seen.has(key)) dup.push(key);
        seen.add(key);
      }
    }
    assert.deepEqual(dup, []);
  });

  it('names Azure pairs and dual-region members that exist in the tables', () => {
    const missing: string[] = [];
    for (const r of ROWS) {
      if (r.pair && !pairOf(r as Parameters<typeof pairOf>[0])) missing.push(`${r.code} pair ${r.pair}`);
      for (const m of r.members ?? []) if (!findRegion(r.provider, m)) missing.push(`${r.code} member ${m}`);
    }
    assert.deepEqual(missing, []);
  });

  it('resolves zones and other names to their region', () => {
    const cases: [string, string, string][] = [
      ['aws', 'eu-west-3a', 'eu-west-3'],
      ['gcp', 'europe-west9-b', 'europe-west9'],
      ['gcp-s3ns', 'u-france-east1-a', 'u-france-east1'],
      ['azure', 'West Europe', 'westeurope'],
      ['ovh', 'GRA11', 'eu-west-gra'],
      ['ovh', 'gra', 'eu-west-gra'],
      ['ovh', 'EU-WEST-LZ-AMS-A', 'eu-west-lz-ams'],
      ['ovh', 'DE1', 'eu-west-lim'],
      ['scaleway', 'nl-ams-3', 'nl-ams'],
      ['outscale', 'cloudgouv-eu-west-1b', 'cloudgouv-eu-west-1'],
      ['ibm', 'eu-de-2', 'eu-de'],
      ['alibaba', 'eu-central-1a', 'eu-central-1'],
      ['hetzner', 'fsn1-dc14', 'fsn1'],
    ];
    for (const [provider, name, code] of cases) assert.equal(findRegion(provider, name)?.code, code, `${provider} ${name}`);
  });

  it('maps every provider configuration to a table that exists', () => {
    const tables = new Set(ROWS.map((r) => r.provider));
    for (const [name, p] of Object.entries(NAMES.providers)) assert.ok(tables.has(p.table), `${name} -> ${p.table}`);
    for (const t of Object.values(NAMES.sovereignUniverses)) assert.ok(tables.has(t), t);
  });
});
