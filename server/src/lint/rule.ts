/** The rule API: metadata plus one check function. */
import type { Range, SourceFile } from '../engine/source';
import type { RelatedLocation, Safety, Severity, TextEdit } from '../engine/types';
import type { MessageData, RuleMeta } from '../engine/rule-meta';
import type { TerraformModule } from '../terraform/model';
import type { K8sObject } from '../kubernetes/model';
import type { KubeContext } from '../kubernetes/workspace';
import type { KObject } from '../kubernetes/objects';
import type { Settings } from '../config/settings';

/** How a report names its message: an id the rule declares, and the placeholders' values. */
export interface MessageRef<M extends string = string> {
  readonly messageId: M;
  readonly data?: MessageData;
}

/** A fix's title as a rule names it: an id the rule declares in `meta.fixes`, and the placeholders' values. */
export interface FixTitle<F extends string = string> {
  readonly fixId: F;
  readonly data?: MessageData;
}

/** A correction as a rule offers it: its title by fix id, and the text edits with their safety level. */
export interface RuleFix<F extends string = string> extends FixTitle<F> {
  readonly safety: Safety;
  readonly edits: readonly TextEdit[];
  /** The fix an editor should offer first. */
  readonly preferred?: boolean;
}

/** Where a finding is and what it offers, whatever names its message. */
interface ReportBase<F extends string> {
  readonly file: SourceFile;
  readonly range: Range;
  readonly fixes?: readonly RuleFix<F>[];
  /** Overrides the rule's severity for this finding (e.g. `info` for an unverifiable value). */
  readonly severity?: Severity;
  readonly related?: readonly RelatedLocation[];
  /**
   * Marks a finding that objects of other groups of the run may withdraw or reword: the key its
   * rule's `across.finish` judges it by (a namespace, a service account). Only rules with `across`.
   */
  readonly pending?: string;
}

/** What a rule reports: a message id its metadata declares, with the placeholders' values, and fixes named by the fix ids it declares. */
export type Report<M extends string = string, F extends string = string> = ReportBase<F> & MessageRef<M>;

/** What a rule sees: the parsed files of one lint run. */
export interface RuleContext<M extends string = string, F extends string = string> {
  readonly settings: Settings;
  readonly terraform: readonly TerraformModule[];
  readonly kubernetes: readonly K8sObject[];
  /** Kustomize output, Helm charts and the whole run's Kubernetes objects, when the host gives them. */
  readonly kube?: KubeContext;
  report(report: Report<M, F>): void;
}

/** A pending finding as `across.finish` sees it: where it is, its message and its key. */
export interface PendingReport<M extends string = string> extends MessageRef<M> {
  readonly path: string;
  readonly start: number;
  readonly key: string;
}

/**
 * The part of a rule that judges across the whole run's Kubernetes objects (namespaces with a
 * network policy, service accounts). A large run is linted in groups that do not see each other:
 * `check` sees its group's objects and marks what other groups may change as `pending`;
 * `summarize` keeps what the rule needs of a group's objects (small, plain data); `finish`, given
 * every group's summary, keeps, rewords or drops each pending finding.
 */
export interface Across<M extends string = string, S = unknown> {
  /** The summary: plain data that JSON keeps as it is (`--cache` stores it). */
  summarize(all: readonly KObject[]): S;
  /** A summary read back from a cache file, or undefined when it does not have the summary's exact shape. */
  read(data: unknown): S | undefined;
  finish(summaries: readonly S[]): (pending: PendingReport<M>) => MessageRef<M> | undefined;
}

/** A rule: metadata plus one function (and, for a rule that judges across groups, `across`). */
export interface Rule<M extends string = string, F extends string = string> {
  readonly meta: RuleMeta & { readonly messages: Readonly<Record<M, string>>; readonly fixes?: Readonly<Record<F, string>> };
  check(ctx: RuleContext<M, F>): void;
  readonly across?: Across<M>;
}

/**
 * Declares a rule (typed helper, like typescript-eslint's createRule): the message ids its check
 * may report are the keys of `meta.messages`, the fix ids it may offer those of `meta.fixes`, so
 * an undeclared id does not compile.
 */
export function defineRule<M extends string = never, F extends string = never, S = never>(
  rule: Omit<Rule<M, F>, 'across'> & { readonly across?: Across<M, S> },
): Rule {
  return rule as unknown as Rule;
}

export type { Example, MessageData, OptionSpec, RuleMeta } from '../engine/rule-meta';
export { formatMessage, placeholdersOf } from '../engine/rule-meta';
