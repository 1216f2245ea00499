/** The `--format sarif` report: SARIF 2.1.0, as GitHub code scanning and other CI tools read it. */
import * as path from 'node:path';
import { relativeInside } from '../engine/paths';
import { pathToFileURL } from 'node:url';
import type { RuleMeta } from '../engine/rule-meta';
import type { SourceFile } from '../engine/source';
import type { Finding, Severity } from '../engine/types';
import { INVALID_SUPPRESSION_ID } from '../lint/suppressions';
import { locate, locateError } from './location';
import { slashed } from './fingerprint';
import type { ReportContext } from './report';
import SECNUMCLOUD from '../../../rules/data/secnumcloud.json';

const LEVEL: Readonly<Record<Severity, 'error' | 'warning' | 'note'>> = { error: 'error', warning: 'warning', info: 'note' };
/** GitHub ranks security-severity: 7.0+ high, 4.0+ medium, below that low. */
const SECURITY_SEVERITY: Readonly<Record<Severity, string>> = { error: '7.5', warning: '5.0', info: '2.0' };
const ITEMS = SECNUMCLOUD.items as Readonly<Record<string, string>>;
const SRCROOT = '%SRCROOT%';

type Json = string | number | boolean | null | readonly Json[] | { readonly [k: string]: Json | undefined };

function pascal(id: string): string {
  return id.replace(/(^|-)([a-z0-9])/g, (_, _d: string, c: string) => c.toUpperCase());
}

/** The artifact location of a file: relative to the run's folder when inside it, else a file URL. */
function artifact(file: string, cwd: string): { uri: string; uriBaseId?: string } {
  const abs = path.resolve(cwd, file);
  const rel = relativeInside(cwd, abs);
  if (rel) return { uri: encodeURI(slashed(rel)), uriBaseId: SRCROOT };
  return { uri: pathToFileURL(abs).href };
}

function helpMarkdown(meta: RuleMeta): string {
  const parts = [`**${meta.title}**`, meta.description, `**Why:** ${meta.rationale}`, `**How to fix:** ${meta.remediation}`];
  if (meta.requirements.length)
    parts.push(`**SecNumCloud 3.2:** ${meta.requirements.map((r) => `${r} (${ITEMS[r] ?? 'see the catalogue'})`).join('; ')}`);
  if (meta.limits) parts.push(`**Limits:** ${meta.limits}`);
  for (const [label, examples] of [
    ['Non-compliant', meta.examples.bad],
    ['Compliant', meta.examples.good],
  ] as const) {
    for (const e of examples.slice(0, 1))
      parts.push(`${label}:\n\n\`\`\`${e.language === 'terraform' ? 'hcl' : 'yaml'}\n${e.code.trimEnd()}\n\`\`\``);
  }
  return parts.join('\n\n');
}

function helpText(meta: RuleMeta): string {
  const req = meta.requirements.length ? `\n\nSecNumCloud 3.2: ${meta.requirements.join(', ')}.` : '';
  return `${meta.description}\n\nWhy: ${meta.rationale}\n\nHow to fix: ${meta.remediation}${req}`;
}

function ruleDescriptor(meta: RuleMeta): Json {
  return {
    id: meta.id,
    name: pascal(meta.id),
    shortDescription: { text: meta.title },
    fullDescription: { text: meta.description },
    help: { text: helpText(meta), markdown: helpMarkdown(meta) },
    defaultConfiguration: { level: LEVEL[meta.severity] },
    // A malformed suppression is a process problem, not a vulnerability: no security tag or severity.
    properties: {
      tags:
        meta.id === INVALID_SUPPRESSION_ID
          ? ['secnumcloud', 'suppression']
          : ['security', 'secnumcloud', ...meta.requirements.map((r) => `SecNumCloud-3.2/${r}`)],
      ...(meta.id === INVALID_SUPPRESSION_ID ? {} : { 'security-severity': SECURITY_SEVERITY[meta.severity] }),
      precision: 'high',
      'problem.severity': meta.severity === 'info' ? 'recommendation' : meta.severity,
      requirements: [...meta.requirements],
    },
  };
}

function region(file: SourceFile, range: { start: number; end: number }): Json {
  const at = locate(file, range);
  return { startLine: at.line, startColumn: at.column, endLine: at.endLine, endColumn: at.endColumn };
}

function result(
  f: Finding,
  ctx: ReportContext,
  ruleIndex: Map<string, number>,
  suppression?: { reason: string; kind: 'comment' | 'annotation' },
): Json {
  const loc = artifact(f.file.path, ctx.cwd);
  const out: Record<string, Json> = {
    ruleId: f.ruleId,
    level: LEVEL[f.severity],
    message: { text: f.message },
    // No snippet: the text under a finding may be a secret, and SARIF files are uploaded and kept.
    locations: [{ physicalLocation: { artifactLocation: loc, region: region(f.file, f.range) } }],
    partialFingerprints: { 'snclintFingerprint/v1': ctx.fingerprint(f) },
    properties: { requirements: [...f.requirements] },
  };
  const index = ruleIndex.get(f.ruleId);
  if (index !== undefined) out.ruleIndex = index;
  if (f.related.length) {
    out.relatedLocations = f.related.map((r, i) => ({
      id: i + 1,
      physicalLocation: { artifactLocation: artifact(r.file.path, ctx.cwd), region: region(r.file, r.range) },
      message: { text: r.message },
    }));
  }
  if (f.fixes.length) {
    out.fixes = f.fixes.map((x) => ({
      description: { text: `${x.title} (${x.safety})` },
      artifactChanges: [
        {
          artifactLocation: loc,
          replacements: x.edits.map((e) => ({ deletedRegion: region(f.file, e.range), insertedContent: { text: e.newText } })),
        },
      ],
    }));
  }
  if (suppression) out.suppressions = [{ kind: 'inSource', status: 'accepted', justification: suppression.reason }];
  return out;
}

/** Builds the SARIF log of a run. */
export function toSarif(ctx: ReportContext): Json {
  const ruleIndex = new Map(ctx.rules.map((r, i) => [r.id, i]));
  const results: Json[] = ctx.result.findings.map((f) => result(f, ctx, ruleIndex));
  if (ctx.reportSuppressed) for (const s of ctx.result.suppressed ?? []) results.push(result(s.finding, ctx, ruleIndex, s));
  const notifications: Json[] = ctx.result.errors.map((e) => {
    const at = locateError(e);
    return {
      level: 'error',
      message: {
        text: `${e.kind === 'syntax' ? 'Syntax error' : e.kind === 'io' ? 'Cannot read file' : e.kind === 'skipped' ? 'Not checked' : 'Internal error'}: ${e.message.split('\n')[0]}`,
      },
      locations: [
        {
          physicalLocation: {
            artifactLocation: artifact(e.file, ctx.cwd),
            ...(at ? { region: { startLine: at.line, startColumn: at.column } } : {}),
          },
        },
      ],
    };
  });
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'snclint',
            fullName: 'snclint (SecNumCloud IaC Lint)',
            version: ctx.version,
            semanticVersion: ctx.version,
            rules: ctx.rules.map(ruleDescriptor),
          },
        },
        originalUriBaseIds: { [SRCROOT]: { uri: pathToFileURL(ctx.cwd.endsWith(path.sep) ? ctx.cwd : ctx.cwd + path.sep).href } },
        invocations: [
          { executionSuccessful: !ctx.result.errors.some((e) => e.kind === 'internal'), toolExecutionNotifications: notifications },
        ],
        columnKind: 'utf16CodeUnits',
        results,
      },
    ],
  };
}

/** Formats a run as a SARIF 2.1.0 log. */
export function formatSarif(ctx: ReportContext): string {
  return `${JSON.stringify(toSarif(ctx), null, 2)}\n`;
}
