/**
 * What reading a configuration needs to know of the rules, given by the host that has them: the
 * rules' metadata (ids, default severities, options, titles) and the region table that
 * `regions.preferred` is checked against. Configuration code imports nothing of the rules.
 */
import type { RuleMeta } from '../engine/rule-meta';
import type { RegionPolicy } from './settings';

/** Where a region lies, as the rules' region table says. */
export interface RegionPlace {
  /** ISO code; `A+B` for a location spanning countries, `EU` for the EU multi-region. */
  readonly country: string;
  /** Whether the region lies inside the policy asked about. */
  readonly inside: boolean;
}

/** The rules' region table, as the configuration's checks use it. */
export interface RegionTable {
  /** Clouds whose regions are known, in order. */
  readonly providers: readonly string[];
  /** Whether a cloud's table lists a region code (case aside; zones and aliases do not count). */
  lists(provider: string, code: string): boolean;
  /** Where a cloud's region lies (the team's `custom` regions first), and whether inside `policy`; undefined when unknown. */
  place(provider: string, code: string, custom: Readonly<Record<string, string>>, policy: RegionPolicy): RegionPlace | undefined;
}

/** The rules' metadata and region table, passed to every function of config/ that needs them. */
export interface ConfigVocabulary {
  /** Every rule a configuration may name, with its metadata. */
  readonly rules: readonly RuleMeta[];
  readonly regions: RegionTable;
}
