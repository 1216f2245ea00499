/** The `--format junit` report: one test suite per file, one failing test case per finding. */
import type { Finding } from '../engine/types';
import { locate, locateError } from './location';
import type { ReportContext } from './report';

function xml(s: string): string {
  // Characters XML 1.0 cannot hold at all are dropped rather than breaking the report.
  return s
    .replace(/[^\u0009\u000a\u000d\u0020-\ud7ff\ue000-\ufffd\u{10000}-\u{10ffff}]/gu, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

interface Suite {
  readonly cases: string[];
  failures: number;
  errors: number;
}

function findingCase(f: Finding): string {
  const at = locate(f.file, f.range);
  const name = `${f.file.path}:${at.line}:${at.column} ${f.ruleId}`;
  const body = `${f.severity} ${f.ruleId} at ${f.file.path}:${at.line}:${at.column}\n${f.message}${f.requirements.length ? `\nSecNumCloud 3.2: ${f.requirements.join(', ')}` : ''}`;
  return `    <testcase classname="${xml(f.file.path)}" name="${xml(name)}" file="${xml(f.file.path)}" line="${at.line}">\n      <failure message="${xml(f.message)}" type="${xml(f.severity)}">${xml(body)}</failure>\n    </testcase>`;
}

/** Formats a run as JUnit XML (the shape Jenkins, GitLab and Azure DevOps read). */
export function formatJunit(ctx: ReportContext): string {
  const suites = new Map<string, Suite>();
  const suite = (file: string): Suite => {
    let s = suites.get(file);
    if (!s) suites.set(file, (s = { cases: [], failures: 0, errors: 0 }));
    return s;
  };
  for (const f of ctx.result.findings) {
    const s = suite(f.file.path);
    s.cases.push(findingCase(f));
    s.failures++;
  }
  for (const e of ctx.result.errors) {
    const s = suite(e.file);
    const line = locateError(e)?.line;
    s.cases.push(
      `    <testcase classname="${xml(e.file)}" name="${xml(`${e.file}${line ? `:${line}` : ''} ${e.kind}`)}" file="${xml(e.file)}">\n      <error message="${xml(e.message.split('\n')[0]!)}" type="${e.kind}">${xml(e.message)}</error>\n    </testcase>`,
    );
    s.errors++;
  }
  let tests = 0;
  let failures = 0;
  let errors = 0;
  const body: string[] = [];
  for (const name of [...suites.keys()].sort()) {
    const s = suites.get(name)!;
    tests += s.cases.length;
    failures += s.failures;
    errors += s.errors;
    body.push(
      `  <testsuite name="${xml(name)}" tests="${s.cases.length}" failures="${s.failures}" errors="${s.errors}" skipped="0">`,
      ...s.cases,
      '  </testsuite>',
    );
  }
  if (!suites.size) {
    // A clean run still shows one passing test, so CI dashboards count the check as run.
    tests = 1;
    body.push(
      '  <testsuite name="snclint" tests="1" failures="0" errors="0" skipped="0">',
      `    <testcase classname="snclint" name="${ctx.result.files} files checked"/>`,
      '  </testsuite>',
    );
  }
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="snclint" tests="${tests}" failures="${failures}" errors="${errors}">\n${body.join('\n')}\n</testsuites>\n`;
}
