/** Markdown about rules, from their metadata: the documentation pages, their index, and hovers. */
import type { Example, Rule, RuleMeta } from '../lint/rule';
import type { Severity } from '../engine/types';
import { requirementTitle, ruleTexts, t, type Locale } from '../i18n/catalogue';

/** Where a locale's pages live, relative to rules/docs/. */
export function docsFolder(locale: Locale): string {
  return locale === 'en' ? '' : `${locale}/`;
}

/** The path of a rule's page relative to the repository (and to the installed extension). */
export function rulePagePath(id: string, locale: Locale): string {
  return `rules/docs/${docsFolder(locale)}${id}.md`;
}

function fence(example: Example): string {
  const lang = example.language === 'terraform' ? 'hcl' : 'yaml';
  // A fence longer than any backtick run inside the code keeps the sample intact.
  const longest = Math.max(2, ...(example.code.match(/`+/g) ?? []).map((m) => m.length));
  const ticks = '`'.repeat(longest + 1);
  return `${ticks}${lang}\n${example.code.replace(/\n+$/, '')}\n${ticks}`;
}

function requirementLines(meta: RuleMeta, locale: Locale): string[] {
  return meta.requirements.map((id) => {
    const title = requirementTitle(id, locale);
    return title ? `- **${id}**: ${title}` : `- **${id}**`;
  });
}

function severityWord(severity: Severity, locale: Locale): string {
  return t(locale, severity);
}

/** One rule's documentation page. */
export function rulePage(meta: RuleMeta, locale: Locale): string {
  const tx = ruleTexts(meta, locale);
  const out: string[] = [
    `<!-- ${t(locale, "Generated from the rules' metadata by npm run docs: do not edit.")} -->`,
    `# ${meta.id}: ${tx.title}`,
    '',
    `${t(locale, 'Severity')}: **${severityWord(meta.severity, locale)}** · ${t(locale, 'Fixable')}: **${t(locale, meta.fixable ? 'yes' : 'no')}**`,
    '',
    `## ${t(locale, 'What it checks')}`,
    '',
    tx.description,
    '',
    `## ${t(locale, 'Why it matters')}`,
    '',
    tx.rationale,
    '',
    `## ${t(locale, 'SecNumCloud 3.2 requirements')}`,
    '',
    ...requirementLines(meta, locale),
    '',
    `## ${t(locale, 'How to fix')}`,
    '',
    tx.remediation,
    '',
  ];
  if (meta.covers.length) out.push(`## ${t(locale, 'Covers')}`, '', ...meta.covers.map((c) => `- ${c}`), '');
  if (tx.limits) out.push(`## ${t(locale, 'Limits')}`, '', tx.limits, '');
  for (const [kind, examples] of [
    ['Bad example', meta.examples.bad],
    ['Good example', meta.examples.good],
  ] as const) {
    for (const ex of examples) {
      out.push(`## ${t(locale, kind)}${ex.title ? `: ${ex.title}` : ''}`, '', fence(ex), '');
    }
  }
  return out.join('\n');
}

/** The index of every rule's page, in registry order. */
export function docsIndex(rules: readonly Rule[], locale: Locale): string {
  const out = [
    `<!-- ${t(locale, "Generated from the rules' metadata by npm run docs: do not edit.")} -->`,
    `# ${t(locale, 'snclint rules')}`,
    '',
    `| ${t(locale, 'Rule')} | ${t(locale, 'Severity')} | ${t(locale, 'Fixable')} | ${t(locale, 'Requirements')} |`,
    '| --- | --- | --- | --- |',
  ];
  for (const { meta } of rules) {
    const title = ruleTexts(meta, locale).title;
    out.push(
      `| [${meta.id}](${meta.id}.md): ${title} | ${severityWord(meta.severity, locale)} | ${t(locale, meta.fixable ? 'yes' : 'no')} | ${meta.requirements.join(', ')} |`,
    );
  }
  return `${out.join('\n')}\n`;
}

/** Every generated page, by path relative to the repository. */
export function allPages(rules: readonly Rule[], locales: readonly Locale[]): Map<string, string> {
  const pages = new Map<string, string>();
  for (const locale of locales) {
    pages.set(`rules/docs/${docsFolder(locale)}README.md`, docsIndex(rules, locale));
    for (const r of rules) pages.set(rulePagePath(r.meta.id, locale), rulePage(r.meta, locale));
  }
  return pages;
}

/** The hover shown on a finding: the rule, why, requirements, the fix and a good example (editors show the message itself beside it). */
export function hoverMarkdown(meta: RuleMeta, fixTitles: readonly string[], locale: Locale, docUri?: string): string {
  const tx = ruleTexts(meta, locale);
  const out = [
    `**${tx.title}** (snclint \`${meta.id}\`)`,
    '',
    `**${t(locale, 'Why it matters')}**: ${tx.rationale}`,
    '',
    `**${t(locale, 'SecNumCloud 3.2 requirements')}**`,
    '',
    ...requirementLines(meta, locale),
    '',
  ];
  out.push(`**${t(locale, 'How to fix')}**: ${tx.remediation}`, '');
  out.push(
    fixTitles.length ? `${t(locale, 'Quick fix available')}: ${fixTitles.map((f) => `*${f}*`).join(', ')}` : t(locale, 'No automatic fix'),
    '',
  );
  const good = meta.examples.good[0];
  if (good) out.push(`**${t(locale, 'Good example')}**${good.title ? `: ${good.title}` : ''}`, '', fence(good), '');
  if (docUri) out.push(`[${t(locale, 'Rule documentation')}](${docUri})`);
  return out.join('\n').trimEnd();
}
