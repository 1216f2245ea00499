/** The SecNumCloud coverage report of the workspace: which requirements have findings, which rules ran. */
import type { Rule } from '../lint/rule';
import type { Finding } from '../engine/types';
import { compareRequirementIds } from '../engine/rule-meta';
import type { Settings } from '../config/settings';
import { formatHtml } from '../output/html';
import type { ConfigInForce } from '../output/report';
import { requirementTitle, ruleTexts, t, type Locale } from '../i18n/catalogue';

/** What the report is built from. */
export interface CoverageInput {
  readonly rules: readonly Rule[];
  readonly findings: readonly Pick<Finding, 'ruleId' | 'requirements'>[];
  readonly files: number;
  readonly locale: Locale;
}

const cell = (s: string): string => s.replace(/\|/g, '\\|');

/** The report as Markdown. */
export function coverageReport(input: CoverageInput): string {
  const { rules, findings, locale } = input;
  const perRule = new Map<string, number>();
  const perItem = new Map<string, number>();
  for (const f of findings) {
    perRule.set(f.ruleId, (perRule.get(f.ruleId) ?? 0) + 1);
    for (const id of f.requirements) perItem.set(id, (perItem.get(id) ?? 0) + 1);
  }
  const checkers = new Map<string, string[]>();
  for (const r of rules) for (const id of r.meta.requirements) checkers.set(id, [...(checkers.get(id) ?? []), r.meta.id]);
  const items = [...checkers.keys()].sort(compareRequirementIds);
  const row = (id: string): string =>
    `| ${id} | ${cell(requirementTitle(id, locale) ?? '')} | ${perItem.get(id) ?? 0} | ${checkers
      .get(id)!
      .map((r) => `\`${r}\``)
      .join(', ')} |`;
  const header = [
    `| ${t(locale, 'Requirement')} | | ${t(locale, 'Findings')} | ${t(locale, 'Checked by')} |`,
    '| --- | --- | ---: | --- |',
  ];
  const withFindings = items.filter((id) => perItem.get(id));
  const clean = items.filter((id) => !perItem.get(id));
  const out = [
    `# ${t(locale, 'SecNumCloud coverage of the workspace')}`,
    '',
    `${t(locale, 'Files scanned')}: **${input.files}** · ${t(locale, 'Findings')}: **${findings.length}** · ${t(locale, 'Rules run')}: **${rules.length}**`,
    '',
    `## ${t(locale, 'Requirements with findings')}`,
    '',
    ...(withFindings.length ? [...header, ...withFindings.map(row)] : [`*${t(locale, 'none')}*`]),
    '',
    `## ${t(locale, 'Requirements checked without findings')}`,
    '',
    ...(clean.length ? [...header, ...clean.map(row)] : [`*${t(locale, 'none')}*`]),
    '',
    `## ${t(locale, 'Rules run')}`,
    '',
    `| ${t(locale, 'Rule')} | | ${t(locale, 'Findings')} | ${t(locale, 'Requirements')} |`,
    '| --- | --- | ---: | --- |',
    ...rules.map(
      (r) =>
        `| \`${r.meta.id}\` | ${cell(ruleTexts(r.meta, locale).title)} | ${perRule.get(r.meta.id) ?? 0} | ${r.meta.requirements.join(', ')} |`,
    ),
    '',
    `> ${t(locale, 'A clean report is evidence for a review, not a qualification: snclint sees only what the configuration says.')}`,
    '',
  ];
  return out.join('\n');
}

/** What the HTML report of the editor is built from: the findings of the linted files and the settings of each. */
export interface HtmlReportInput {
  readonly rules: readonly Rule[];
  readonly findings: readonly Finding[];
  /** Each linted file's path, with its configuration files and settings. */
  readonly files: readonly { readonly path: string; readonly sources: readonly string[]; readonly settings: Settings }[];
  readonly locale: Locale;
  readonly root: string;
  readonly version: string;
}

/** The `--format html` report for what the editor has linted; suppressions are the CLI's to list. */
export function htmlReport(input: HtmlReportInput): string {
  const byChain = new Map<string, ConfigInForce>();
  for (const f of input.files) {
    const key = f.sources.join('\0');
    const c = byChain.get(key);
    byChain.set(key, { sources: f.sources, settings: c?.settings ?? f.settings, files: (c?.files ?? 0) + 1 });
  }
  return formatHtml({
    result: { findings: input.findings, errors: [], files: input.files.length },
    rules: input.rules.map((r) => r.meta),
    cwd: input.root,
    version: input.version,
    fingerprint: () => '',
    reportSuppressed: false,
    color: false,
    locale: input.locale,
    configurations: [...byChain.values()],
  });
}
