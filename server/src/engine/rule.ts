/** The rule API: metadata plus one check function. */
import type { Range, SourceFile } from './source';
import type { Fix, RelatedLocation, Severity } from './types';
import type { TerraformModule } from '../terraform/model';
import type { K8sObject } from '../kubernetes/model';
import type { KubeContext } from '../kubernetes/workspace';
import type { Settings } from '../config/settings';

/** A code sample shown in docs and hovers, and run by the rule's tests. */
export interface Example {
  readonly language: 'terraform' | 'yaml';
  readonly code: string;
  /** What the example shows, in one line. */
  readonly title?: string;
  /** The file name it is linted as, when its name matters (`kustomization.yaml`). */
  readonly filename?: string;
}

/** One option a rule accepts in the configuration file (`rules: { id: { options: ... } }`). */
export interface OptionSpec {
  readonly type: 'string' | 'number' | 'boolean' | 'string[]';
  readonly description: string;
  /** The values a string option may take, when limited. */
  readonly enum?: readonly string[];
}

/** What a rule is, for people and for tools. */
export interface RuleMeta {
  /** Provider-neutral kebab-case id, stable forever once released. */
  readonly id: string;
  /** One line, stating the good practice. */
  readonly title: string;
  /** What the rule checks. */
  readonly description: string;
  /** Why it matters, summarising the SecNumCloud text. */
  readonly rationale: string;
  /** How to fix a finding, in words. */
  readonly remediation: string;
  readonly severity: Severity;
  /** SecNumCloud 3.2 item ids (rules/data/secnumcloud.json). */
  readonly requirements: readonly string[];
  readonly fixable: boolean;
  /** Resource families covered, for the docs. */
  readonly covers: readonly string[];
  /** What configuration alone cannot prove. */
  readonly limits?: string;
  /** Options the configuration may set for this rule; none when absent. */
  readonly options?: Readonly<Record<string, OptionSpec>>;
  readonly examples: { readonly good: readonly Example[]; readonly bad: readonly Example[] };
  /** The rule's finding messages by id: English templates with `{{name}}` placeholders. */
  readonly messages: Readonly<Record<string, string>>;
}

/** The values of a message's placeholders. */
export type MessageData = Readonly<Record<string, string | number>>;

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

/** A message template with its `{{name}}` placeholders filled from `data`; an unknown name stays as written. */
export function formatMessage(template: string, data: MessageData = {}): string {
  return template.replace(/\{\{\s*(\w+)\s*\}\}/g, (whole, k: string) => {
    const v = data[k];
    return v === undefined ? whole : String(v);
  });
}

/** The names of the placeholders a template uses, in order, without repeats. */
export function placeholdersOf(template: string): string[] {
  return [...new Set([...template.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1]!))];
}
