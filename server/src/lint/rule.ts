/** The rule API: metadata plus one check function. */
import type { Range, SourceFile } from '../engine/source';
import type { RelatedLocation, Safety, Severity, TextEdit } from '../engine/types';
import type { MessageData, RuleMeta } from '../engine/rule-meta';
import type { TerraformModule } from '../terraform/model';
import type { K8sObject } from '../kubernetes/model';
import type { KubeContext } from '../kubernetes/workspace';
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

/** A rule: metadata plus one function. */
export interface Rule<M extends string = string, F extends string = string> {
  readonly meta: RuleMeta & { readonly messages: Readonly<Record<M, string>>; readonly fixes?: Readonly<Record<F, string>> };
  check(ctx: RuleContext<M, F>): void;
}

/**
 * Declares a rule (typed helper, like typescript-eslint's createRule): the message ids its check
 * may report are the keys of `meta.messages`, the fix ids it may offer those of `meta.fixes`, so
 * an undeclared id does not compile.
 */
export function defineRule<M extends string = never, F extends string = never>(rule: Rule<M, F>): Rule {
  return rule as unknown as Rule;
}

export type { Example, MessageData, OptionSpec, RuleMeta } from '../engine/rule-meta';
export { formatMessage, placeholdersOf } from '../engine/rule-meta';
