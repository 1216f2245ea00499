/** Engine ranges converted to 1-based, end-exclusive line and column for people and reports. */
import type { Range, SourceFile } from '../engine/source';
import type { FileError, LintResult, Severity } from '../engine/types';

/** A 1-based span; `endColumn` is the column just after the last character. */
export interface Location {
  readonly line: number;
  readonly column: number;
  readonly endLine: number;
  readonly endColumn: number;
}

/** The 1-based location of an offset range in a file. */
export function locate(file: SourceFile, range: Range): Location {
  const start = file.positionAt(range.start);
  const end = file.positionAt(range.end);
  return { line: start.line + 1, column: start.character + 1, endLine: end.line + 1, endColumn: end.character + 1 };
}

/** The 1-based start of a file error, when it has one. */
export function locateError(error: FileError): Location | undefined {
  return error.range && error.source ? locate(error.source, error.range) : undefined;
}

/** Findings counted by severity. */
export interface Summary {
  readonly files: number;
  readonly findings: number;
  readonly error: number;
  readonly warning: number;
  readonly info: number;
}

/** Counts a result's findings by severity (file errors are listed apart, not counted here). */
export function summarize(result: LintResult): Summary {
  const counts: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  for (const f of result.findings) counts[f.severity]++;
  return { files: result.files, findings: result.findings.length, ...counts };
}
