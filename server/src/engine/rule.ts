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
}

/** What a rule reports. */
export interface Report {
  readonly file: SourceFile;
  readonly range: Range;
  readonly message: string;
  readonly fixes?: readonly Fix[];
  /** Overrides the rule's severity for this finding (e.g. `info` for an unverifiable value). */
  readonly severity?: Severity;
  readonly related?: readonly RelatedLocation[];
}

/** What a rule sees: the parsed files of one lint run. */
export interface RuleContext {
  readonly settings: Settings;
  readonly terraform: readonly TerraformModule[];
  readonly kubernetes: readonly K8sObject[];
  /** Kustomize output, Helm charts and the whole run's Kubernetes objects, when the host gives them. */
  readonly kube?: KubeContext;
  report(report: Report): void;
}

/** A rule: metadata plus one function. */
export interface Rule {
  readonly meta: RuleMeta;
  check(ctx: RuleContext): void;
}

/** Declares a rule (typed helper, like typescript-eslint's createRule). */
export function defineRule(rule: Rule): Rule {
  return rule;
}
