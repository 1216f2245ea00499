/** The resolved settings a lint run uses (what `.snclint.yml` becomes). */
import type { Severity } from '../engine/types';
import { DEFAULT_MAX_FILE_SIZE } from '../engine/limits';

/** Which countries count as "inside": the EU (default), the EEA, France only, or a list of ISO codes. */
export type RegionPolicy = 'eu' | 'eea' | 'fr' | { readonly countries: readonly string[] };

export interface Settings {
  readonly regionPolicy: RegionPolicy;
  /** Region offered by fixes, per provider (`aws`, `azure`, `gcp`, ...). */
  readonly preferredRegions: Readonly<Record<string, string>>;
  /** Custom region names the team declares, with their ISO country code. */
  readonly customRegions: Readonly<Record<string, string>>;
  /** Per-rule severity; `off` disables a rule. Rules not listed keep their default. */
  readonly rules: Readonly<Record<string, Severity | 'off'>>;
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
