/** What every report format is given besides the lint result. */
import type { RuleMeta } from '../engine/rule';
import type { Finding, LintResult } from '../engine/types';

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
}
