/** What every report format is given besides the lint result. */
import type { RuleMeta } from '../engine/rule-meta';
import type { Finding, LintResult } from '../engine/types';
import type { Settings } from '../config/settings';
import type { Locale } from '../i18n/catalogue';

/** The settings that applied to some files of the run, and the configuration files they came from. */
export interface ConfigInForce {
  /** The configuration files, root-most first; none for the built-in defaults. */
  readonly sources: readonly string[];
  readonly settings: Settings;
  /** How many linted files these settings applied to. */
  readonly files: number;
}

/** The run a report describes. */
export interface ReportContext {
  readonly result: LintResult;
  /** Metadata of every rule of the run, for formats that describe rules. */
  readonly rules: readonly RuleMeta[];
  /** Folder that relative paths in reports are relative to (absolute). */
  readonly cwd: string;
  readonly version: string;
  /** Fingerprint of each finding, by identity. */
  readonly fingerprint: (f: Finding) => string;
  readonly reportSuppressed: boolean;
  readonly color: boolean;
  /** Language of the report's own words (the findings arrive translated). */
  readonly locale?: Locale;
  /** The settings in force, for reports that show them. */
  readonly configurations?: readonly ConfigInForce[];
  /** Paths named on the command line that were not read, and why. */
  readonly notChecked?: readonly { readonly path: string; readonly reason: string }[];
  /** The command-line options that decide the outcome (fail level, baseline...), as written. */
  readonly options?: readonly string[];
  /** The day the run judged expiry dates by (YYYY-MM-DD). */
  readonly today?: string;
}
