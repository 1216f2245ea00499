/** Engine findings and file errors as LSP diagnostics. */
import type { Diagnostic, DiagnosticRelatedInformation, DiagnosticSeverity, Range as LspRange } from 'vscode-languageserver';
import { pathToFileURL } from 'node:url';
import type { Range, SourceFile } from '../engine/source';
import type { FileError, Finding, LintResult, Severity } from '../engine/types';
import { DIAGNOSTIC_SOURCE, DiagnosticCode, type DiagnosticData } from '../protocol';
import { findingMessage, type Locale } from '../i18n/catalogue';

/** What the client can display, in which language, and where the rule pages are. */
export interface DiagnosticOptions {
  readonly relatedInformation: boolean;
  readonly locale?: Locale;
  /** The `file:` URI of a rule's documentation page, when it exists. */
  readonly docUri?: (ruleId: string) => string | undefined;
}

/**
 * The protocol's severities by value: a value import of vscode-languageserver would put the whole
 * library in the lint worker's bundle, which only needs these numbers (and so starts later).
 */
const LSP_ERROR: DiagnosticSeverity = 1;
const LSP_WARNING: DiagnosticSeverity = 2;
const LSP_INFORMATION: DiagnosticSeverity = 3;

const SEVERITY: Readonly<Record<Severity, DiagnosticSeverity>> = {
  error: LSP_ERROR,
  warning: LSP_WARNING,
  info: LSP_INFORMATION,
};

/** An engine range (UTF-16 offsets) as an LSP range (0-based lines and UTF-16 characters). */
export function toLspRange(file: SourceFile, range: Range): LspRange {
  return { start: file.positionAt(range.start), end: file.positionAt(range.end) };
}

/** Whether two LSP ranges are the same. */
export function sameRange(a: LspRange, b: LspRange): boolean {
  return (
    a.start.line === b.start.line &&
    a.start.character === b.start.character &&
    a.end.line === b.end.line &&
    a.end.character === b.end.character
  );
}

/** The first line of the file, where problems without a place are shown. */
function topOfFile(file: SourceFile): LspRange {
  return { start: { line: 0, character: 0 }, end: { line: 0, character: file.lineText(0).length } };
}

function related(file: SourceFile, uri: string, finding: Finding): DiagnosticRelatedInformation[] {
  return finding.related.map((r) => ({
    location: {
      uri: r.file === file || r.file.path === file.path ? uri : pathToFileURL(r.file.path).href,
      range: toLspRange(r.file, r.range),
    },
    message: r.message,
  }));
}

/** The diagnostic of one finding; `index` is its place in the cached lint result. */
export function findingDiagnostic(file: SourceFile, uri: string, finding: Finding, index: number, options: DiagnosticOptions): Diagnostic {
  const data: DiagnosticData = { version: file.version, finding: index };
  const d: Diagnostic = {
    range: toLspRange(file, finding.range),
    severity: SEVERITY[finding.severity],
    code: finding.ruleId,
    source: DIAGNOSTIC_SOURCE,
    message: findingMessage(finding, options.locale ?? 'en'),
    data,
  };
  const href = options.docUri?.(finding.ruleId);
  if (href) d.codeDescription = { href };
  if (options.relatedInformation && finding.related.length) d.relatedInformation = related(file, uri, finding);
  return d;
}

/** The diagnostic of a syntax error. */
export function syntaxDiagnostic(file: SourceFile, error: FileError): Diagnostic {
  return {
    range: error.range ? toLspRange(file, error.range) : topOfFile(file),
    severity: LSP_ERROR,
    code: DiagnosticCode.syntax,
    source: DIAGNOSTIC_SOURCE,
    message: error.message,
  };
}

/** One diagnostic at the top of the file standing for every internal error of a run. */
export function internalDiagnostic(file: SourceFile, messages: readonly string[]): Diagnostic {
  const first = (messages[0] ?? 'unknown error').split('\n')[0]!;
  const more = messages.length > 1 ? ` (and ${messages.length - 1} more)` : '';
  return {
    range: topOfFile(file),
    severity: LSP_WARNING,
    code: DiagnosticCode.internal,
    source: DIAGNOSTIC_SOURCE,
    message: `snclint could not check all of this file: ${first}${more}. Details are in the snclint output.`,
  };
}

/** The diagnostics of one file in a lint result, with its findings in diagnostic order; internal errors go to `log` too. */
export function fileDiagnostics(
  file: SourceFile,
  uri: string,
  result: LintResult,
  options: DiagnosticOptions,
  log: (message: string) => void,
): { findings: Finding[]; diagnostics: Diagnostic[] } {
  const findings = result.findings.filter((f) => f.file === file);
  const diagnostics: Diagnostic[] = [];
  const internal: string[] = [];
  for (const e of result.errors) {
    if (e.source !== file && !(e.source === undefined && e.file === file.path)) continue;
    if (e.kind === 'syntax') diagnostics.push(syntaxDiagnostic(file, e));
    else {
      internal.push(e.message);
      log(`${file.path}: ${e.message}`);
    }
  }
  findings.forEach((f, i) => {
    diagnostics.push(findingDiagnostic(file, uri, f, i, options));
  });
  if (internal.length) diagnostics.push(internalDiagnostic(file, internal));
  return { findings, diagnostics };
}
