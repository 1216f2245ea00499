/** The `--format gitlab` report: GitLab Code Quality JSON (an array of issues, CodeClimate's shape). */
import { createHash } from 'node:crypto';
import * as path from 'node:path';
import { relativeInside } from '../engine/paths';
import type { Severity } from '../engine/types';
import { locate, locateError } from './location';
import { slashed } from './fingerprint';
import type { ReportContext } from './report';

/** GitLab's severities are info, minor, major, critical and blocker. */
const SEVERITY: Readonly<Record<Severity, 'info' | 'minor' | 'major'>> = { error: 'major', warning: 'minor', info: 'info' };

/** One Code Quality issue. */
export interface CodeQualityIssue {
  readonly type: 'issue';
  readonly check_name: string;
  readonly description: string;
  readonly categories: readonly string[];
  readonly severity: 'info' | 'minor' | 'major' | 'critical' | 'blocker';
  readonly fingerprint: string;
  readonly location: { readonly path: string; readonly lines: { readonly begin: number; readonly end: number } };
}

function relative(file: string, cwd: string): string {
  return slashed(relativeInside(cwd, path.resolve(cwd, file)) ?? file);
}

/** The Code Quality issues of a run. */
export function toGitlab(ctx: ReportContext): CodeQualityIssue[] {
  const issues: CodeQualityIssue[] = ctx.result.findings.map((f) => {
    const at = locate(f.file, f.range);
    return {
      type: 'issue',
      check_name: f.ruleId,
      description: f.message,
      categories: ['Security'],
      severity: SEVERITY[f.severity],
      // GitLab wants an MD5-like hex id; ours is stable across line moves.
      fingerprint: createHash('md5').update(ctx.fingerprint(f)).digest('hex'),
      location: { path: relative(f.file.path, ctx.cwd), lines: { begin: at.line, end: at.endLine } },
    };
  });
  for (const e of ctx.result.errors) {
    const line = locateError(e)?.line ?? 1;
    issues.push({
      type: 'issue',
      check_name: `snclint-${e.kind}-error`,
      description: e.message.split('\n')[0]!,
      categories: ['Bug Risk'],
      severity: 'major',
      fingerprint: createHash('md5')
        .update(`${e.kind}\0${relative(e.file, ctx.cwd)}\0${e.message}`)
        .digest('hex'),
      location: { path: relative(e.file, ctx.cwd), lines: { begin: line, end: line } },
    });
  }
  return issues;
}

/** Formats a run as a Code Quality report. */
export function formatGitlab(ctx: ReportContext): string {
  return `${JSON.stringify(toGitlab(ctx), null, 2)}\n`;
}
