/** The `--format json` report: one stable, versioned JSON object. */
import type { FileError, Finding, LintResult, Safety, Severity } from '../engine/types';
import { locate, locateError, summarize, type Summary } from './location';

/** One finding as the JSON report gives it. */
export interface JsonFinding {
  readonly ruleId: string;
  readonly severity: Severity;
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly endLine: number;
  readonly endColumn: number;
  readonly message: string;
  readonly requirements: readonly string[];
  readonly fixes: readonly { readonly title: string; readonly safety: Safety }[];
}

/** One file error as the JSON report gives it. */
export interface JsonError {
  readonly file: string;
  readonly kind: FileError['kind'];
  readonly message: string;
  readonly line?: number;
}

/** A suppressed finding, with the reason written for it (`--report-suppressed`). */
export interface JsonSuppressed extends JsonFinding {
  readonly reason: string;
  readonly until?: string;
  readonly suppressedBy: 'comment' | 'annotation';
}

/** The whole JSON report. */
export interface JsonReport {
  readonly version: 1;
  readonly findings: readonly JsonFinding[];
  readonly errors: readonly JsonError[];
  readonly summary: Summary;
  /** Present with `--report-suppressed`. */
  readonly suppressed?: readonly JsonSuppressed[];
}

function toJsonFinding(f: Finding): JsonFinding {
  return {
    ruleId: f.ruleId,
    severity: f.severity,
    file: f.file.path,
    ...locate(f.file, f.range),
    message: f.message,
    requirements: [...f.requirements],
    fixes: f.fixes.map((x) => ({ title: x.title, safety: x.safety })),
  };
}

function toJsonError(e: FileError): JsonError {
  const at = locateError(e);
  return at ? { file: e.file, kind: e.kind, message: e.message, line: at.line } : { file: e.file, kind: e.kind, message: e.message };
}

/** Builds the JSON report of a lint run; `reportSuppressed` adds the suppressed findings. */
export function toJsonReport(result: LintResult, reportSuppressed = false): JsonReport {
  const report: JsonReport = {
    version: 1,
    findings: result.findings.map(toJsonFinding),
    errors: result.errors.map(toJsonError),
    summary: summarize(result),
  };
  if (!reportSuppressed) return report;
  const suppressed = (result.suppressed ?? []).map((s) => ({
    ...toJsonFinding(s.finding),
    reason: s.reason,
    ...(s.until ? { until: s.until } : {}),
    suppressedBy: s.kind,
  }));
  return { ...report, suppressed };
}

/** Formats a lint run as one JSON object followed by a newline. */
export function formatJson(result: LintResult, reportSuppressed = false): string {
  return `${JSON.stringify(toJsonReport(result, reportSuppressed), null, 2)}\n`;
}
