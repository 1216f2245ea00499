/**
 * Suppressions: `snclint:ignore <rule>[,<rule>] [until=YYYY-MM-DD] -- <reason>` in comments, and
 * the `snclint/ignore` annotation on a Kubernetes object. A suppression that is malformed, has
 * no reason, is past its date, names an unknown rule or suppresses nothing is itself reported.
 */
import type { RuleMeta } from './rule';
import type { Range, SourceFile } from '../engine/source';
import type { Finding, Severity } from '../engine/types';
import type { Block, Comment } from '../terraform/ast';
import type { K8sObject } from '../kubernetes/model';
import { entry } from '../kubernetes/model';

/** The id under which problems with suppressions are reported. */
export const INVALID_SUPPRESSION_ID = 'invalid-suppression';

/** The Kubernetes annotation that suppresses findings on a whole object. */
export const SUPPRESSION_ANNOTATION = 'snclint/ignore';

/** Metadata of the engine's own check of suppressions, listed and configured like a rule. */
export const INVALID_SUPPRESSION: RuleMeta = {
  id: INVALID_SUPPRESSION_ID,
  title: 'Suppressions state a reason, name known rules, are in date and suppress something',
  description:
    'Reports `snclint:ignore` comments and `snclint/ignore` annotations that have no reason after `--`, name a rule snclint does not have, have an `until=` date that is not a date or has passed, or suppress no finding.',
  rationale:
    'A suppression is a risk accepted on purpose: auditors need the reason in writing, an end date is a promise to look again, and a suppression that no longer matches anything hides the next real finding on that line.',
  remediation:
    'Add `-- <reason>`, fix the rule id or the date, renew or remove an expired suppression, and delete suppressions that suppress nothing.',
  severity: 'warning',
  requirements: [],
  fixable: true,
  covers: ['suppression comments (Terraform, YAML)', 'snclint/ignore annotations (Kubernetes)'],
  // Its findings are made by the suppression check itself, not reported through a rule context.
  messages: {},
  examples: {
    good: [
      {
        language: 'terraform',
        code: 'resource "aws_ebs_volume" "scratch" { # snclint:ignore unencrypted-volume until=2030-01-01 -- scratch disk, no data\n  size = 10\n}\n',
      },
    ],
    bad: [{ language: 'terraform', code: '# snclint:ignore unencrypted-volume\nresource "aws_ebs_volume" "scratch" {\n  size = 10\n}\n' }],
  },
};

export type { SuppressedFinding } from '../engine/types';
import type { SuppressedFinding } from '../engine/types';

/** A parsed `snclint:ignore` directive and where it applies. */
interface Directive {
  readonly file: SourceFile;
  readonly kind: 'comment' | 'annotation';
  /** The comment or annotation value, where problems are reported. */
  readonly range: Range;
  /** What an unused suppression's fix removes; none for annotations. */
  readonly removal?: Range;
  readonly rules: readonly string[];
  readonly until?: string;
  readonly reason: string;
  /** Offsets covered: findings starting in [from, to) are suppressed. */
  readonly from: number;
  readonly to: number;
  readonly problems: readonly string[];
}

/** A valid suppression naming a rule that judges across groups: whether it is used is known only when the run is settled. */
export interface HeldDirective extends Omit<Directive, 'problems'> {
  /** Rules it suppressed a finding of in its group. */
  readonly used: ReadonlySet<string>;
  /** Rules that are off for its file: never said unused. */
  readonly off: ReadonlySet<string>;
  /** The level of invalid-suppression for its file. */
  readonly level: Severity | 'off';
}

/** What `applySuppressions` needs from the lint run. */
export interface SuppressionInput {
  readonly files: readonly SourceFile[];
  readonly findings: readonly Finding[];
  /** Comments and top-level blocks of each HCL file. */
  readonly hcl: ReadonlyMap<SourceFile, { readonly comments: readonly Comment[]; readonly blocks: readonly Block[] }>;
  readonly kubernetes: readonly K8sObject[];
  readonly knownRules: ReadonlySet<string>;
  /** The level of a rule for a file (`off` when disabled there). */
  readonly levelFor: (file: SourceFile, ruleId: string) => Severity | 'off';
  /** Today as YYYY-MM-DD: a suppression is expired the day after its `until` date. */
  readonly today: string;
  /** Rules whose findings are settled after the run's other groups: suppressions naming them are held, not judged unused here. */
  readonly held?: ReadonlySet<string>;
}

/** Findings that remain, the ones suppressed, and findings about the suppressions themselves. */
export interface SuppressionResult {
  readonly findings: readonly Finding[];
  readonly suppressed: readonly SuppressedFinding[];
  /** Valid suppressions naming a held rule, to be judged unused when the run is settled. */
  readonly held: readonly HeldDirective[];
}

/** The finding that a suppression suppresses nothing for `unused` (of its `rules`); removable when none of them is used. */
export function unusedSuppression(
  d: { readonly file: SourceFile; readonly range: Range; readonly removal?: Range },
  unused: readonly string[],
  rules: readonly string[],
  level: Severity,
): Finding {
  const fixes =
    unused.length === rules.length && d.removal
      ? [{ title: 'Remove the unused suppression', safety: 'safe' as const, edits: [{ range: d.removal, newText: '' }] }]
      : [];
  return {
    ruleId: INVALID_SUPPRESSION_ID,
    severity: level,
    file: d.file,
    range: d.range,
    message: `The suppression of ${unused.join(', ')} suppresses nothing here.`,
    requirements: [],
    fixes,
    related: [],
  };
}

const DIRECTIVE = /^\s*snclint:ignore(?=\s|$)(.*)$/s;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function validDate(s: string): boolean {
  const m = DATE.exec(s);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.getUTCFullYear() === Number(m[1]) && d.getUTCMonth() === Number(m[2]) - 1 && d.getUTCDate() === Number(m[3]);
}

/** Parses what follows `snclint:ignore`: rules, an optional date, `--` and the reason. */
function parseBody(body: string): { rules: string[]; until?: string; reason: string; problems: string[] } {
  const problems: string[] = [];
  const dash = body.search(/(^|\s)--(\s|$)/);
  const head = (dash < 0 ? body : body.slice(0, dash)).trim();
  const reason =
    dash < 0
      ? ''
      : body
          .slice(dash)
          .replace(/^\s*--/, '')
          .trim();
  const words = head.split(/\s+/).filter(Boolean);
  const rules: string[] = [];
  let until: string | undefined;
  for (const w of words) {
    if (w.startsWith('until=')) {
      until = w.slice('until='.length);
      if (!validDate(until)) problems.push(`until=${until} is not a date: write until=YYYY-MM-DD.`);
    } else {
      rules.push(...w.split(',').filter(Boolean));
    }
  }
  if (!rules.length) problems.push('The suppression names no rule: write snclint:ignore <rule>[,<rule>] -- <reason>.');
  else if (!reason) problems.push(`The suppression of ${rules.join(', ')} gives no reason: add "-- <reason>".`);
  return { rules, until, reason, problems };
}

function lineOf(file: SourceFile, offset: number): number {
  return file.positionAt(offset).line;
}

function lineStart(file: SourceFile, line: number): number {
  return file.lines[line] ?? file.text.length;
}

/** Whether a line holds nothing but a comment (or nothing at all). */
function isCommentOrBlank(text: string): boolean {
  const t = text.trim();
  return t === '' || t.startsWith('#') || t.startsWith('//');
}

/** The span a comment's suppression covers: its own line, or the next line of code (a block header covers the block). */
function coverage(file: SourceFile, comment: Range, blocks: readonly Block[]): { from: number; to: number; ownLine: boolean } {
  const line = lineOf(file, comment.start);
  const before = file.text.slice(lineStart(file, line), comment.start);
  const ownLine = before.trim() === '';
  let target = line;
  if (ownLine) {
    target = line + 1;
    while (target < file.lines.length && isCommentOrBlank(file.lineText(target))) target++;
  }
  const from = lineStart(file, target);
  let to = target + 1 < file.lines.length ? lineStart(file, target + 1) : file.text.length;
  // A suppression on the first line of a block or attribute covers all of it, as Terraform users
  // expect of a resource or of a policy document written over many lines.
  const stack = [...blocks];
  while (stack.length) {
    const b = stack.pop()!;
    if (lineOf(file, b.range.start) === target) to = Math.max(to, b.range.end);
    else if (b.range.start <= from && from < b.range.end) {
      stack.push(...b.body.blocks);
      for (const a of b.body.attributes) if (lineOf(file, a.range.start) === target) to = Math.max(to, a.range.end);
    }
  }
  return { from, to, ownLine };
}

/** The range removing a comment takes: its whole line when alone on it, else from the code's end. */
function removalRange(file: SourceFile, comment: Range, ownLine: boolean): Range {
  const line = lineOf(file, comment.start);
  const start = lineStart(file, line);
  const next = line + 1 < file.lines.length ? lineStart(file, line + 1) : file.text.length;
  if (ownLine) return { start, end: next };
  let s = comment.start;
  while (s > start && /[ \t]/.test(file.text[s - 1]!)) s--;
  return { start: s, end: comment.end };
}

function fromComments(file: SourceFile, comments: readonly Comment[], blocks: readonly Block[]): Directive[] {
  const out: Directive[] = [];
  for (const c of comments) {
    const body = c.text.startsWith('#') ? c.text.slice(1) : c.text.startsWith('//') ? c.text.slice(2) : undefined;
    const m = body === undefined ? null : DIRECTIVE.exec(body);
    if (!m) continue;
    const parsed = parseBody(m[1]!);
    const cov = coverage(file, c.range, blocks);
    out.push({
      file,
      kind: 'comment',
      range: c.range,
      removal: removalRange(file, c.range, cov.ownLine),
      ...parsed,
      from: cov.from,
      to: cov.to,
    });
  }
  return out;
}

/** `#` comments of a YAML file: a `#` at the start of a line or after a space, outside quotes. */
export function yamlComments(file: SourceFile): Comment[] {
  const out: Comment[] = [];
  const text = file.text;
  for (let line = 0; line < file.lines.length; line++) {
    const start = lineStart(file, line);
    const s = file.lineText(line);
    let quote = '';
    for (let i = 0; i < s.length; i++) {
      const ch = s[i]!;
      if (quote) {
        if (ch === quote) quote = '';
        else if (ch === '\\' && quote === '"') i++;
      } else if ((ch === '"' || ch === "'") && (i === 0 || /[\s:,[{-]/.test(s[i - 1]!))) {
        quote = ch;
      } else if (ch === '#' && (i === 0 || /\s/.test(s[i - 1]!))) {
        out.push({ text: text.slice(start + i, start + s.length), range: { start: start + i, end: start + s.length } });
        break;
      }
    }
  }
  return out;
}

function fromAnnotations(objects: readonly K8sObject[]): Directive[] {
  const out: Directive[] = [];
  for (const obj of objects) {
    const ann = entry(entry(obj.root, 'metadata')?.value, 'annotations')?.value;
    const e = entry(ann, SUPPRESSION_ANNOTATION);
    if (e?.value.kind !== 'scalar' || typeof e.value.value !== 'string') continue;
    // Several suppressions may share the annotation, one per line or separated by ";".
    for (const part of e.value.value
      .split(/[;\n]/)
      .map((p) => p.trim())
      .filter(Boolean)) {
      out.push({
        file: obj.file,
        kind: 'annotation',
        range: e.value.range,
        ...parseBody(part),
        from: obj.root.range.start,
        to: obj.root.range.end,
      });
    }
  }
  return out;
}

/** Applies the suppressions of a run's files to its findings. */
export function applySuppressions(input: SuppressionInput): SuppressionResult {
  const directives: Directive[] = [];
  for (const file of input.files) {
    // Most files have no suppression: skip scanning their comments.
    if (!file.text.includes('snclint:ignore')) continue;
    const hcl = input.hcl.get(file);
    if (hcl) directives.push(...fromComments(file, hcl.comments, hcl.blocks));
    else if (file.language === 'yaml') directives.push(...fromComments(file, yamlComments(file), []));
  }
  directives.push(...fromAnnotations(input.kubernetes));

  const live = directives.map((d) => {
    const problems = [...d.problems];
    if (d.until && validDate(d.until) && d.until < input.today)
      problems.push(`The suppression of ${d.rules.join(', ')} expired on ${d.until}.`);
    for (const r of d.rules) if (!input.knownRules.has(r)) problems.push(`snclint has no rule "${r}" to suppress.`);
    return { d, problems, used: new Set<string>() };
  });

  const kept: Finding[] = [];
  const suppressed: SuppressedFinding[] = [];
  for (const f of input.findings) {
    const by = live.find(
      ({ d, problems }) =>
        !problems.length && d.file === f.file && d.rules.includes(f.ruleId) && f.range.start >= d.from && f.range.start < d.to,
    );
    if (!by) {
      kept.push(f);
      continue;
    }
    by.used.add(f.ruleId);
    suppressed.push({
      finding: f,
      reason: by.d.reason,
      ...(by.d.until ? { until: by.d.until } : {}),
      kind: by.d.kind,
      file: by.d.file,
      range: by.d.range,
    });
  }

  const held: HeldDirective[] = [];
  for (const { d, problems, used } of live) {
    const level = input.levelFor(d.file, INVALID_SUPPRESSION_ID);
    if (!problems.length && d.rules.some((r) => input.held?.has(r))) {
      const off = new Set(d.rules.filter((r) => input.levelFor(d.file, r) === 'off'));
      held.push({
        file: d.file,
        kind: d.kind,
        range: d.range,
        ...(d.removal ? { removal: d.removal } : {}),
        rules: d.rules,
        ...(d.until !== undefined ? { until: d.until } : {}),
        reason: d.reason,
        from: d.from,
        to: d.to,
        used,
        off,
        level,
      });
      continue;
    }
    if (level === 'off') continue;
    for (const message of problems)
      kept.push({
        ruleId: INVALID_SUPPRESSION_ID,
        severity: level,
        file: d.file,
        range: d.range,
        message,
        requirements: [],
        fixes: [],
        related: [],
      });
    if (problems.length) continue;
    // A rule switched off for this file finds nothing by choice: its suppression is not stale.
    const unused = d.rules.filter((r) => !used.has(r) && input.levelFor(d.file, r) !== 'off');
    if (unused.length) kept.push(unusedSuppression(d, unused, d.rules, level));
  }
  return { findings: kept, suppressed, held };
}
