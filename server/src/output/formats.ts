/**
 * The report formats, in one registry: the CLI takes its list of formats, its help text and its
 * rendering from here, so a new format is one file and one entry.
 */
import { formatGithub } from './github';
import { formatGitlab } from './gitlab';
import { formatHtml } from './html';
import { formatJson } from './json';
import { formatJunit } from './junit';
import type { ReportContext } from './report';
import { formatSarif } from './sarif';
import { formatStylish } from './stylish';
import { escapeJsonForTerminal } from './terminal';

/** How a report is rendered; `color` only when it goes to a terminal that wants it. */
export interface FormatSpec {
  /** One line for the help text. */
  readonly summary: string;
  render(ctx: ReportContext, options: { readonly color: boolean }): string;
}

// JSON-based reports keep their values; only the characters a terminal would obey are written as escapes.
const REGISTRY = {
  stylish: {
    summary: 'one block per file, for people (the default)',
    render: (ctx, o) => formatStylish(ctx.result, { color: o.color, reportSuppressed: ctx.reportSuppressed }),
  },
  json: {
    summary: 'every finding and file error, for tools',
    render: (ctx) => escapeJsonForTerminal(formatJson(ctx.result, ctx.reportSuppressed)),
  },
  sarif: { summary: 'SARIF 2.1.0, for code scanning', render: (ctx) => escapeJsonForTerminal(formatSarif(ctx)) },
  junit: { summary: 'JUnit XML, one suite per file', render: (ctx) => formatJunit(ctx) },
  github: { summary: 'GitHub Actions annotations', render: (ctx) => formatGithub(ctx) },
  gitlab: { summary: 'GitLab Code Quality', render: (ctx) => escapeJsonForTerminal(formatGitlab(ctx)) },
  html: { summary: 'a self-contained evidence report for an audit', render: (ctx) => formatHtml(ctx) },
} satisfies Record<string, FormatSpec>;

/** A report format's name. */
export type Format = keyof typeof REGISTRY;

/** Output formats `--format` accepts, the default first. */
export const FORMATS = Object.keys(REGISTRY) as Format[];

/** The renderer of a format. */
export function formatSpec(format: Format): FormatSpec {
  return REGISTRY[format];
}

/** The formats as the help text lists them: `stylish (default), json, … or html`. */
export function formatList(): string {
  return `${FORMATS[0]} (default), ${FORMATS.slice(1, -1).join(', ')} or ${FORMATS[FORMATS.length - 1]}`;
}
