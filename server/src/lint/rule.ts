/** The rule API: metadata plus one check function. */
import type { Range, SourceFile } from '../engine/source';
import type { Fix, RelatedLocation, Severity } from '../engine/types';
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

/** Where a finding is and what it offers, whatever names its message. */
interface ReportBase {
  readonly file: SourceFile;
  readonly range: Range;
  readonly fixes?: readonly Fix[];
  /** Overrides the rule's severity for this finding (e.g. `info` for an unverifiable value). */
  readonly severity?: Severity;
  readonly related?: readonly RelatedLocation[];
}

/** What a rule reports: a message id its metadata declares, with the placeholders' values. */
export type Report<M extends string = string> = ReportBase & MessageRef<M>;

/** What a rule sees: the parsed files of one lint run. */
export interface RuleContext<M extends string = string> {
  readonly settings: Settings;
  readonly terraform: readonly TerraformModule[];
  readonly kubernetes: readonly K8sObject[];
  /** Kustomize output, Helm charts and the whole run's Kubernetes objects, when the host gives them. */
  readonly kube?: KubeContext;
  report(report: Report<M>): void;
}

/** A rule: metadata plus one function. */
export interface Rule<M extends string = string> {
  readonly meta: RuleMeta & { readonly messages: Readonly<Record<M, string>> };
  check(ctx: RuleContext<M>): void;
}

/**
 * Declares a rule (typed helper, like typescript-eslint's createRule): the ids its check may
 * report are the keys of `meta.messages`, so an undeclared id does not compile.
 */
export function defineRule<M extends string = never>(rule: Rule<M>): Rule {
  return rule as Rule;
}

export type { Example, MessageData, OptionSpec, RuleMeta } from '../engine/rule-meta';
export { formatMessage, placeholdersOf } from '../engine/rule-meta';
