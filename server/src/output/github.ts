/** The `--format github` report: GitHub Actions workflow commands that annotate the pull request. */
import type { Severity } from '../engine/types';
import { locate, locateError } from './location';
import { slashed } from './fingerprint';
import type { ReportContext } from './report';
import { escapeTerminalLines } from './terminal';

const COMMAND: Readonly<Record<Severity, string>> = { error: 'error', warning: 'warning', info: 'notice' };

// The log that shows these lines is a terminal too: control characters are escaped, line breaks encoded.
function data(s: string): string {
  return escapeTerminalLines(s).replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

function property(s: string): string {
  return data(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

/** Formats a run as `::error file=...,line=...::message` lines. */
export function formatGithub(ctx: ReportContext): string {
  const out: string[] = [];
  for (const f of ctx.result.findings) {
    const at = locate(f.file, f.range);
    const props = [`file=${property(slashed(f.file.path))}`, `line=${at.line}`, `endLine=${at.endLine}`, `col=${at.column}`];
    if (at.line === at.endLine) props.push(`endColumn=${at.endColumn}`);
    props.push(`title=${property(`snclint ${f.ruleId}`)}`);
    out.push(`::${COMMAND[f.severity]} ${props.join(',')}::${data(f.message)}`);
  }
  for (const e of ctx.result.errors) {
    const at = locateError(e);
    const props = [
      `file=${property(slashed(e.file))}`,
      ...(at ? [`line=${at.line}`, `col=${at.column}`] : []),
      `title=${property(`snclint ${e.kind} error`)}`,
    ];
    out.push(`::error ${props.join(',')}::${data(e.message.split('\n')[0]!)}`);
  }
  return out.length ? `${out.join('\n')}\n` : '';
}
