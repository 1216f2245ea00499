/**
 * Rules that judge across the whole run's Kubernetes objects, settled after every group is linted:
 * each group gives its summaries, its pending findings and the suppressions that name these rules;
 * `settle` turns them into the findings one lint of all the files gives.
 */
import { type MessageRef, type PendingReport, type Rule, formatMessage } from './rule';
import type { Finding, LintResult } from '../engine/types';
import { type HeldDirective, type SuppressedFinding, unusedSuppression } from './suppressions';
import { findingKey } from '../terraform/project';

/** A finding another group's objects may withdraw or reword, with the key its rule judges it by. */
export interface PendingFinding {
  readonly finding: Finding;
  readonly key: string;
}

/** What a group leaves to be settled with the others. */
export interface Deferred {
  /** Each cross-group rule's summary of the group's objects, by rule id. */
  readonly summaries: ReadonlyMap<string, unknown>;
  readonly pending: readonly PendingFinding[];
  readonly directives: readonly HeldDirective[];
}

/** A lint result that may leave cross-group work to be settled. */
export interface GroupResult extends LintResult {
  readonly deferred?: Deferred;
}

/** Each cross-group rule's judgement of pending findings, from the summaries of every group. */
export function judges(
  rules: readonly Rule[],
  summaries: readonly ReadonlyMap<string, unknown>[],
): Map<string, (p: PendingReport) => MessageRef | undefined> {
  const out = new Map<string, (p: PendingReport) => MessageRef | undefined>();
  for (const rule of rules) {
    if (!rule.across) continue;
    const mine = summaries.flatMap((s) => (s.has(rule.meta.id) ? [s.get(rule.meta.id)] : []));
    out.set(rule.meta.id, rule.across.finish(mine));
  }
  return out;
}

function sameData(a: Readonly<Record<string, string | number>>, b: Readonly<Record<string, string | number>> | undefined): boolean {
  const bb = b ?? {};
  const ka = Object.keys(a);
  return ka.length === Object.keys(bb).length && ka.every((k) => a[k] === bb[k]);
}

/** Pending findings as their rules judge them: kept as they are, reworded, or dropped. */
export function settleFindings(
  pending: readonly PendingFinding[],
  rules: readonly Rule[],
  judge: ReadonlyMap<string, (p: PendingReport) => MessageRef | undefined>,
): Finding[] {
  const byId = new Map(rules.map((r) => [r.meta.id, r]));
  const out: Finding[] = [];
  for (const { finding: f, key } of pending) {
    const decide = judge.get(f.ruleId);
    const k = f.messageKey;
    if (!decide || !k) {
      out.push(f);
      continue;
    }
    const verdict = decide({ path: f.file.path, start: f.range.start, key, messageId: k.id, data: k.data });
    if (!verdict) continue;
    if (verdict.messageId === k.id && sameData(k.data, verdict.data)) {
      out.push(f);
      continue;
    }
    const template = byId.get(f.ruleId)?.meta.messages[verdict.messageId];
    if (template === undefined) continue;
    const data = verdict.data ?? {};
    out.push({ ...f, message: formatMessage(template, data), messageKey: { id: verdict.messageId, template, data } });
  }
  return out;
}

const order = (a: Finding, b: Finding): number =>
  a.file.path < b.file.path ? -1 : a.file.path > b.file.path ? 1 : a.range.start - b.range.start || (a.ruleId < b.ruleId ? -1 : 1);

/**
 * The merged result of several groups with their cross-group work settled: pending findings judged
 * against every group's summary, then suppressed or kept, and held suppressions said unused where
 * they suppressed nothing. Files keep the order of `result`; a file's findings are sorted as one lint sorts them.
 */
export function settle(result: LintResult, deferred: readonly Deferred[], rules: readonly Rule[]): LintResult {
  const judge = judges(
    rules,
    deferred.map((d) => d.summaries),
  );
  // A finding reported twice (a base object read on its own and through an overlay) is kept once, as one lint dedupes.
  const seen = new Set([...result.findings, ...(result.suppressed ?? []).map((s) => s.finding)].map(findingKey));
  const found: Finding[] = [];
  for (const d of deferred) {
    for (const f of settleFindings(d.pending, rules, judge)) {
      if (seen.has(findingKey(f))) continue;
      seen.add(findingKey(f));
      found.push(f);
    }
  }
  const directives = deferred.flatMap((d) => d.directives);
  const used = new Map<HeldDirective, Set<string>>(directives.map((d) => [d, new Set(d.used)]));
  const added: Finding[] = [];
  const hidden: SuppressedFinding[] = [];
  for (const f of found) {
    const by = directives.find((d) => d.file === f.file && d.rules.includes(f.ruleId) && f.range.start >= d.from && f.range.start < d.to);
    if (!by) {
      added.push(f);
      continue;
    }
    used.get(by)!.add(f.ruleId);
    hidden.push({ finding: f, reason: by.reason, ...(by.until ? { until: by.until } : {}), kind: by.kind, file: by.file, range: by.range });
  }
  for (const d of directives) {
    if (d.level === 'off') continue;
    const unused = d.rules.filter((r) => !used.get(d)!.has(r) && !d.off.has(r));
    if (!unused.length) continue;
    added.push(unusedSuppression(d, unused, d.rules, d.level));
  }
  return {
    ...result,
    findings: insertSorted(result.findings, added, (f) => f),
    suppressed: insertSorted(result.suppressed ?? [], hidden, (s) => s.finding),
  };
}

/** `extra` merged into `list` (grouped by file, each file sorted): a touched file's items sorted again, a new file in path order. */
function insertSorted<T>(list: readonly T[], extra: readonly T[], findingOf: (t: T) => Finding): T[] {
  if (!extra.length) return [...list];
  const byFile = new Map<string, T[]>();
  for (const t of list) {
    const k = findingOf(t).file.path;
    const l = byFile.get(k);
    if (l) l.push(t);
    else byFile.set(k, [t]);
  }
  const touched = new Set<string>();
  for (const t of extra) {
    const k = findingOf(t).file.path;
    touched.add(k);
    const l = byFile.get(k);
    if (l) l.push(t);
    else byFile.set(k, [t]);
  }
  for (const k of touched) byFile.get(k)!.sort((a, b) => order(findingOf(a), findingOf(b)));
  return [...byFile.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)).flatMap((k) => byFile.get(k)!);
}
