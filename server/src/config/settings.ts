/** The resolved settings a lint run uses (what `.snclint.yml` becomes). */
import type { Severity } from '../engine/types';
import { DEFAULT_MAX_FILE_SIZE } from '../engine/limits';

/** Which countries count as "inside": the EU (default), the EEA, France only, or a list of ISO codes. */
export type RegionPolicy = 'eu' | 'eea' | 'fr' | { readonly countries: readonly string[] };

/** A rule's configured severity; `off` disables it. */
export type RuleLevel = Severity | 'off';

/** A value a rule option may take (plain JSON data). */
export type OptionValue = string | number | boolean | readonly string[];

/** What the rules and the engine read from the configuration, for one file. */
export interface Settings {
  readonly regionPolicy: RegionPolicy;
  /** Region offered by fixes, per provider (`aws`, `azure`, `gcp`, ...). */
  readonly preferredRegions: Readonly<Record<string, string>>;
  /** Custom region names the team declares, with their ISO country code. */
  readonly customRegions: Readonly<Record<string, string>>;
  /** Per-rule severity; `off` disables a rule. Rules not listed keep their default. */
  readonly rules: Readonly<Record<string, RuleLevel>>;
  /** Per-rule options, as declared by each rule's `meta.options`. */
  readonly ruleOptions?: Readonly<Record<string, Readonly<Record<string, OptionValue>>>>;
  /** Host names (or domain suffixes) of endpoints the team knows to be operated by a qualified, EU-controlled provider. */
  readonly qualifiedEndpoints?: readonly string[];
  /** Terraform variables files to load (`-var-file`), as absolute paths. */
  readonly varFiles?: readonly string[];
  /** Files larger than this many bytes (UTF-8) are skipped with a notice; 5 MB when absent. */
  readonly maxFileSize?: number;
}

/** The settings of a repository with no configuration file. */
export const DEFAULT_SETTINGS: Settings = {
  regionPolicy: 'eu',
  preferredRegions: { aws: 'eu-west-3', azure: 'francecentral', gcp: 'europe-west9' },
  customRegions: {},
  rules: {},
  maxFileSize: DEFAULT_MAX_FILE_SIZE,
};
