/** What a rule is, for people and tools: its metadata and message templates (the core layer; rules and configuration read it). */
import type { Severity } from './types';

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
  /** The titles of the rule's fixes by id: imperative English templates with `{{name}}` placeholders; none when absent. */
  readonly fixes?: Readonly<Record<string, string>>;
}

/** The values of a message's placeholders. */
export type MessageData = Readonly<Record<string, string | number>>;

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

/** SecNumCloud item ids in document order: `5.1.a` before `10.1.a`, numbers compared as numbers. */
export function compareRequirementIds(a: string, b: string): number {
  const pa = a.split('.');
  const pb = b.split('.');
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const x = pa[i] ?? '';
    const y = pb[i] ?? '';
    const c = /^\d+$/.test(x) && /^\d+$/.test(y) ? Number(x) - Number(y) : x.localeCompare(y);
    if (c) return c;
  }
  return 0;
}
