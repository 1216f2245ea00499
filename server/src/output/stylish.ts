/** The default terminal report, laid out like ESLint's `stylish`. */
import type { FileError, LintResult, Severity } from '../engine/types';
import { locate, locateError, summarize } from './location';
import { escapeTerminal } from './terminal';

/** How to render the report. */
export interface StylishOptions {
  /** Use ANSI colours and styles. */
  readonly color: boolean;
  /** List the suppressed findings and their reasons after the summary. */
  readonly reportSuppressed?: boolean;
}

interface Row {
  readonly line: number;
  readonly column: number;
  readonly severity: Severity;
  readonly message: string;
  readonly ruleId: string;
}

interface Paint {
  readonly underline: (s: string) => string;
  readonly dim: (s: string) => string;
  readonly bold: (s: string) => string;
  readonly severity: (s: Severity, text: string) => string;
}

function painter(color: boolean): Paint {
  const wrap = (open: number, close: number) => (s: string) => (color ? `\u001b[${open}m${s}\u001b[${close}m` : s);
  const red = wrap(31, 39);
  const yellow = wrap(33, 39);
  const blue = wrap(34, 39);
  return {
    underline: wrap(4, 24),
    dim: wrap(2, 22),
    bold: wrap(1, 22),
    severity: (sev, text) => (sev === 'error' ? red(text) : sev === 'warning' ? yellow(text) : blue(text)),
  };
}

const ERROR_PREFIX: Record<FileError['kind'], string> = {
  syntax: 'Syntax error: ',
  io: 'Cannot read file: ',
  internal: 'Internal error: ',
  skipped: 'Not checked: ',
};

/** One line per message: reports should not break the table; what it quotes from files is escaped for the terminal. */
function oneLine(message: string): string {
  return escapeTerminal(
    message
      .split(/\r?\n/)[0]!
      .trim()
      .replace(/([^ .])\.$/, '$1'),
  );
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function rowsByFile(result: LintResult): Map<string, Row[]> {
  const byFile = new Map<string, Row[]>();
  const add = (file: string, row: Row) => {
    const rows = byFile.get(file) ?? [];
    rows.push(row);
    byFile.set(file, rows);
  };
  for (const e of result.errors) {
    const at = locateError(e);
    add(e.file, {
      line: at?.line ?? 0,
      column: at?.column ?? 0,
      severity: 'error',
      message: ERROR_PREFIX[e.kind] + oneLine(e.message),
      ruleId: '',
    });
  }
  for (const f of result.findings) {
    const at = locate(f.file, f.range);
    add(f.file.path, { line: at.line, column: at.column, severity: f.severity, message: oneLine(f.message), ruleId: f.ruleId });
  }
  return byFile;
}

function fileTable(rows: readonly Row[], paint: Paint): string[] {
  const sorted = [...rows].sort((a, b) => a.line - b.line || a.column - b.column);
  const width = (pick: (r: Row) => string) => Math.max(...sorted.map((r) => pick(r).length));
  const lineW = width((r) => String(r.line));
  const colW = width((r) => String(r.column));
  const sevW = width((r) => r.severity);
  const msgW = width((r) => r.message);
  return sorted.map((r) => {
    const pos = paint.dim(`${String(r.line).padStart(lineW)}:${String(r.column).padEnd(colW)}`);
    const sev = paint.severity(r.severity, r.severity.padEnd(sevW));
    const rule = r.ruleId ? `  ${paint.dim(r.ruleId)}` : '';
    const msg = r.ruleId ? r.message.padEnd(msgW) : r.message;
    return `  ${pos}  ${sev}  ${msg}${rule}`.trimEnd();
  });
}

/** Formats a lint run for a terminal; the empty string when there is nothing to say. */
export function formatStylish(result: LintResult, options: StylishOptions): string {
  const paint = painter(options.color);
  const byFile = rowsByFile(result);
  const suppressed = options.reportSuppressed ? suppressedSection(result, paint) : [];
  if (byFile.size === 0) return suppressed.length ? ['', ...suppressed].join('\n') : '';
  const out: string[] = [''];
  for (const file of [...byFile.keys()].sort()) {
    out.push(paint.underline(escapeTerminal(file)), ...fileTable(byFile.get(file)!, paint), '');
  }
  const s = summarize(result);
  const errors = s.error + result.errors.length;
  const total = errors + s.warning + s.info;
  const summary = `\u2716 ${plural(total, 'problem')} (${plural(errors, 'error')}, ${plural(s.warning, 'warning')}, ${plural(s.info, 'info')})`;
  out.push(paint.bold(paint.severity(errors ? 'error' : s.warning ? 'warning' : 'info', summary)), '');
  if (suppressed.length) out.push(...suppressed);
  return out.join('\n');
}

/** The suppressed findings, one line each with the reason, for auditors. */
function suppressedSection(result: LintResult, paint: Paint): string[] {
  const list = result.suppressed ?? [];
  if (!list.length) return [];
  const out = [paint.bold(`${plural(list.length, 'suppressed finding')}:`)];
  for (const s of list) {
    const at = locate(s.finding.file, s.finding.range);
    const until = s.until ? ` (until ${escapeTerminal(s.until)})` : '';
    out.push(
      `  ${escapeTerminal(s.finding.file.path)}:${at.line}:${at.column}  ${s.finding.severity}  ${oneLine(s.finding.message)}  ${paint.dim(s.finding.ruleId)}`,
      `    ${paint.dim('reason:')} ${escapeTerminal(s.reason)}${until}`,
    );
  }
  out.push('');
  return out;
}
