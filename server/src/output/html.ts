/** The `--format html` report: one self-contained file (inline CSS and SVG, no script, no network) for an audit. */
import * as path from 'node:path';
import { relativeInside } from '../engine/paths';
import { type RuleMeta, compareRequirementIds } from '../engine/rule-meta';
import type { Finding, Severity } from '../engine/types';
import { INVALID_SUPPRESSION_ID } from '../lint/suppressions';
import { requirementTitle, ruleTexts, t, type Locale } from '../i18n/catalogue';
import { locate } from './location';
import { slashed } from './fingerprint';
import { excerpt } from './excerpt';
import { barChart, escapeHtml as h, type Bar } from './html-charts';
import { HTML_STYLE } from './html-style';
import type { ReportContext } from './report';
import SECNUMCLOUD from '../../../rules/data/secnumcloud.json';

/** Where a requirement stands after the run. */
export type RequirementStatus = 'findings' | 'clean' | 'off' | 'not-checkable';

/** One SecNumCloud requirement of the report. */
export interface RequirementRow {
  readonly id: string;
  readonly status: RequirementStatus;
  readonly findings: number;
  /** The rules that check it in this run. */
  readonly rules: readonly string[];
}

const SEVERITY_COLOR: Readonly<Record<Severity, string>> = { error: '#b42318', warning: '#b54708', info: '#175cd3' };
const STATUS_LABEL: Readonly<Record<RequirementStatus, string>> = {
  findings: 'Findings',
  clean: 'Rules ran, no finding',
  off: 'Not checked: its rules are turned off',
  'not-checkable': 'Not checkable from code',
};
const ITEMS = SECNUMCLOUD.items as Readonly<Record<string, string>>;
/** Rules whose finding's own text is a secret: their excerpt masks it whatever its shape. */
const SECRET_RULES = new Set(['hardcoded-secret']);

/** Whether a rule runs on at least one file of the run (every rule, when the run gives no settings). */
function enabledRules(ctx: ReportContext): (id: string) => boolean {
  const configs = ctx.configurations;
  if (!configs?.length) return () => true;
  return (id) => configs.some((c) => c.settings.rules[id] !== 'off');
}

/** The status of every catalogue item and of every requirement a rule cites, in the referential's order. */
export function requirementRows(ctx: ReportContext): RequirementRow[] {
  const enabled = enabledRules(ctx);
  const citing = new Map<string, RuleMeta[]>();
  for (const meta of ctx.rules) for (const id of meta.requirements) citing.set(id, [...(citing.get(id) ?? []), meta]);
  const counts = new Map<string, number>();
  for (const f of ctx.result.findings) for (const id of f.requirements) counts.set(id, (counts.get(id) ?? 0) + 1);
  const ids = [...new Set([...Object.keys(ITEMS), ...citing.keys()])].sort(compareRequirementIds);
  return ids.map((id) => {
    const all = citing.get(id) ?? [];
    const on = all.filter((m) => enabled(m.id)).map((m) => m.id);
    const findings = counts.get(id) ?? 0;
    const status: RequirementStatus = findings ? 'findings' : on.length ? 'clean' : all.length ? 'off' : 'not-checkable';
    return { id, status, findings, rules: on.length ? on : all.map((m) => m.id) };
  });
}

function rel(ctx: ReportContext, file: string): string {
  return slashed(relativeInside(ctx.cwd, path.resolve(ctx.cwd, file)) || file);
}

function countBy<T>(items: readonly T[], key: (x: T) => readonly string[]): Map<string, number> {
  const m = new Map<string, number>();
  for (const x of items) for (const k of key(x)) m.set(k, (m.get(k) ?? 0) + 1);
  return m;
}

/** A colon as each language writes it (French puts a space before). */
function colon(locale: Locale): string {
  return locale === 'fr' ? '\u00a0: ' : ': ';
}

function sevLabel(locale: Locale, s: Severity): string {
  return `<span class="sev ${s}">${h(t(locale, s))}</span>`;
}

function summary(ctx: ReportContext, rows: readonly RequirementRow[], locale: Locale): string {
  const f = ctx.result.findings;
  const n = (s: Severity) => f.filter((x) => x.severity === s).length;
  const st = (s: RequirementStatus) => rows.filter((r) => r.status === s).length;
  const card = (label: string, value: string, cls = '') =>
    `<div class="card ${cls}"><div class="n">${value}</div><div>${h(label)}</div></div>`;
  return [
    '<section class="cards">',
    card(t(locale, 'Files checked'), String(ctx.result.files)),
    card(t(locale, 'Findings'), `${f.length}`, f.length ? 'bad' : 'good'),
    card(`${t(locale, 'error')} / ${t(locale, 'warning')} / ${t(locale, 'info')}`, `${n('error')} / ${n('warning')} / ${n('info')}`),
    card(t(locale, 'Requirements with findings'), String(st('findings')), st('findings') ? 'bad' : ''),
    card(t(locale, STATUS_LABEL.clean), String(st('clean')), 'good'),
    card(
      `${t(locale, STATUS_LABEL['not-checkable'])} / ${t(locale, 'rules turned off')}`,
      `${st('not-checkable')} / ${st('off')}`,
      st('off') ? 'warn' : '',
    ),
    card(t(locale, 'Suppressions'), String(ctx.result.suppressed?.length ?? 0)),
    card(t(locale, 'Files not checked'), String(notChecked(ctx, locale).length), notChecked(ctx, locale).length ? 'bad' : ''),
    '</section>',
  ].join('');
}

function charts(ctx: ReportContext, rows: readonly RequirementRow[], locale: Locale): string {
  const f = ctx.result.findings;
  const none = t(locale, 'none');
  const bySev: Bar[] = (['error', 'warning', 'info'] as const).map((s) => ({
    label: t(locale, s),
    value: f.filter((x) => x.severity === s).length,
    color: SEVERITY_COLOR[s],
  }));
  const byReq: Bar[] = rows.filter((r) => r.findings).map((r) => ({ label: r.id, value: r.findings, color: '#7a2e8e' }));
  const perRule = countBy(f, (x) => [x.ruleId]);
  const byRule: Bar[] = [...perRule]
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .map(([id, value]) => ({ label: id, value, color: '#0e7c66' }));
  return `<section class="charts">${barChart(t(locale, 'Findings by requirement'), byReq, none)}${barChart(t(locale, 'Findings by severity'), bySev, none)}${barChart(t(locale, 'Findings by rule'), byRule, none)}</section>`;
}

function requirementsTable(rows: readonly RequirementRow[], locale: Locale): string {
  const body = rows.map(
    (r) =>
      `<tr class="st-${r.status}"><td class="id">${h(r.id)}</td><td>${h(requirementTitle(r.id, locale) ?? '')}</td><td><span class="badge ${r.status}">${h(t(locale, STATUS_LABEL[r.status]))}</span></td><td class="num">${r.findings}</td><td>${r.rules.map((id) => `<code>${h(id)}</code>`).join(' ')}</td></tr>`,
  );
  return `<section><h2>${h(t(locale, 'SecNumCloud 3.2 requirements'))}</h2><table><thead><tr><th>${h(t(locale, 'Requirement'))}</th><th></th><th>${h(t(locale, 'Status'))}</th><th class="num">${h(t(locale, 'Findings'))}</th><th>${h(t(locale, 'Checked by'))}</th></tr></thead><tbody>${body.join('')}</tbody></table></section>`;
}

function codeBlock(f: Finding): string {
  const lines = excerpt(f.file, f.range, SECRET_RULES.has(f.ruleId));
  // Block spans, one per line: no newline between them, or the lines would show double-spaced.
  return `<pre class="code">${lines.map((l) => `<span class="${l.hit ? 'hit' : ''}"><i>${l.line}</i>${h(l.text)}</span>`).join('')}</pre>`;
}

function findingsSection(ctx: ReportContext, locale: Locale): string {
  const titles = new Map(ctx.rules.map((m) => [m.id, ruleTexts(m, locale).title]));
  const sorted = [...ctx.result.findings].sort((a, b) =>
    a.file.path === b.file.path ? a.range.start - b.range.start : a.file.path < b.file.path ? -1 : 1,
  );
  const items = sorted.map((f) => {
    const loc = locate(f.file, f.range);
    return (
      `<article class="finding ${f.severity}"><header>${sevLabel(locale, f.severity)} <code>${h(f.ruleId)}</code> <span class="where">${h(rel(ctx, f.file.path))}:${loc.line}:${loc.column}</span></header>` +
      `<p class="msg">${h(f.message)}</p><p class="meta">${h(titles.get(f.ruleId) ?? '')}${f.requirements.length ? ` · SecNumCloud 3.2 ${h(f.requirements.join(', '))}` : ''}</p>${codeBlock(f)}</article>`
    );
  });
  return `<section><h2>${h(t(locale, 'Findings'))} (${sorted.length})</h2>${items.length ? items.join('') : `<p class="empty">${h(t(locale, 'none'))}</p>`}</section>`;
}

function suppressionsSection(ctx: ReportContext, locale: Locale): string {
  if (!ctx.result.suppressed)
    return `<section><h2>${h(t(locale, 'Suppressions'))}</h2><p class="empty">${h(t(locale, 'Not listed by the editor: snclint --format html lists them.'))}</p></section>`;
  const list = ctx.result.suppressed;
  const today = ctx.today ?? new Date().toISOString().slice(0, 10);
  const rows = list.map((s) => {
    const loc = locate(s.file, s.range);
    const expiry = s.until
      ? `${h(s.until)}${s.until < today ? ` <span class="badge findings">${h(t(locale, 'expired'))}</span>` : ''}`
      : `<span class="muted">${h(t(locale, 'no expiry date'))}</span>`;
    return `<tr><td>${h(rel(ctx, s.file.path))}:${loc.line}</td><td><code>${h(s.finding.ruleId)}</code></td><td>${h(s.finding.message)}</td><td>${h(s.reason)}</td><td>${expiry}</td></tr>`;
  });
  const head = `<tr><th>${h(t(locale, 'Where'))}</th><th>${h(t(locale, 'Rule'))}</th><th>${h(t(locale, 'Finding'))}</th><th>${h(t(locale, 'Reason'))}</th><th>${h(t(locale, 'Expires'))}</th></tr>`;
  return `<section><h2>${h(t(locale, 'Suppressions'))} (${list.length})</h2>${rows.length ? `<table><thead>${head}</thead><tbody>${rows.join('')}</tbody></table>` : `<p class="empty">${h(t(locale, 'none'))}</p>`}</section>`;
}

const ERROR_KIND: Readonly<Record<string, string>> = {
  io: 'cannot be read',
  syntax: 'syntax error, checked in part',
  internal: 'internal error',
  skipped: 'skipped',
};

/** Files the run could not check, and why: unreadable, unparsable, skipped by a limit, or ignored though named. */
function notChecked(ctx: ReportContext, locale: Locale): { path: string; reason: string }[] {
  const out = (ctx.notChecked ?? []).map((x) => ({ path: x.path, reason: t(locale, x.reason) }));
  const seen = new Set<string>();
  for (const e of ctx.result.errors) {
    const key = `${e.file}\0${e.kind}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ path: rel(ctx, e.file), reason: `${t(locale, ERROR_KIND[e.kind] ?? e.kind)}${colon(locale)}${e.message.split('\n')[0]}` });
  }
  return out;
}

function notCheckedSection(ctx: ReportContext, locale: Locale): string {
  const list = notChecked(ctx, locale);
  const rows = list.map((x) => `<tr><td>${h(x.path)}</td><td>${h(x.reason)}</td></tr>`);
  return `<section><h2>${h(t(locale, 'Files not checked'))} (${list.length})</h2>${rows.length ? `<table><thead><tr><th>${h(t(locale, 'File'))}</th><th>${h(t(locale, 'Why'))}</th></tr></thead><tbody>${rows.join('')}</tbody></table>` : `<p class="empty">${h(t(locale, 'none'))}</p>`}</section>`;
}

function configurationSection(ctx: ReportContext, locale: Locale): string {
  const configs = ctx.configurations ?? [];
  const blocks = configs.map((c) => {
    const from = c.sources.length
      ? c.sources.map((s) => `<code>${h(rel(ctx, s))}</code>`).join(' → ')
      : h(t(locale, 'built-in defaults (no .snclint.yml)'));
    return `<div class="config"><p>${from} · ${h(t(locale, '{n} files', { n: String(c.files) }))}</p><pre>${h(JSON.stringify(c.settings, null, 2))}</pre></div>`;
  });
  const options = ctx.options?.length ? ctx.options.map((o) => `<code>${h(o)}</code>`).join(' ') : h(t(locale, 'none'));
  const ruleList = ctx.rules
    .filter((m) => m.id !== INVALID_SUPPRESSION_ID)
    .map((m) => `<code>${h(m.id)}</code>`)
    .join(' ');
  return `<section><h2>${h(t(locale, 'Configuration in force'))}</h2><p>${h(t(locale, 'Command-line options'))}${colon(locale)}${options}</p><p>${h(t(locale, 'Rules of this version'))}${colon(locale)}${ruleList}</p>${blocks.join('')}</section>`;
}

/** Renders the report; `ctx.locale` chooses its language (English by default). */
export function formatHtml(ctx: ReportContext): string {
  const locale = ctx.locale ?? 'en';
  const rows = requirementRows(ctx);
  const generated = new Date().toISOString().replace(/\.\d+Z$/, 'Z');
  const title = t(locale, 'SecNumCloud 3.2 evidence report');
  return [
    '<!DOCTYPE html>',
    `<html lang="${locale}"><head><meta charset="utf-8">`,
    // Evidence is opened offline and may hold hostile text: nothing loads, nothing runs.
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">`,
    `<meta name="viewport" content="width=device-width, initial-scale=1"><meta name="generator" content="snclint ${h(ctx.version)}">`,
    `<title>${h(title)}</title><style>${HTML_STYLE}</style></head><body>`,
    `<header class="top"><h1>${h(title)}</h1><p>${h(t(locale, 'snclint {version}, run on {date} in {folder}', { version: ctx.version, date: generated, folder: path.basename(ctx.cwd) || ctx.cwd }))}</p></header>`,
    summary(ctx, rows, locale),
    charts(ctx, rows, locale),
    requirementsTable(rows, locale),
    findingsSection(ctx, locale),
    suppressionsSection(ctx, locale),
    notCheckedSection(ctx, locale),
    configurationSection(ctx, locale),
    `<footer><p>${h(t(locale, 'A clean report is evidence for a review, not a qualification: snclint sees only what the configuration says.'))}</p><p>${h(t(locale, 'Secrets in code excerpts are masked.'))}</p></footer>`,
    '</body></html>',
    '',
  ].join('\n');
}
