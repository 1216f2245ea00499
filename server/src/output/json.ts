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

/** The whole JSON report. */
export interface JsonReport {
  readonly version: 1;
  readonly findings: readonly JsonFinding[];
  readonly errors: readonly JsonError[];
  readonly summary: Summary;
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

/** Builds the JSON report of a lint run. */
export function toJsonReport(result: LintResult): JsonReport {
  return { version: 1, findings: result.findings.map(toJsonFinding), errors: result.errors.map(toJsonError), summary: summarize(result) };
}

/** Formats a lint run as one JSON object followed by a newline. */
export function formatJson(result: LintResult): string {
  return JSON.stringify(toJsonReport(result), null, 2) + '\n';
}
