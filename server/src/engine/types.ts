/** Plain data shared by the engine, the rules and every host. */
import type { Range, SourceFile } from './source';

export type Severity = 'error' | 'warning' | 'info';
/** `safe` edits cannot change what is deployed; everything else is `unsafe`. */
export type Safety = 'safe' | 'unsafe';

/** Replace `range` of a file's text with `newText`. */
export interface TextEdit {
  readonly range: Range;
  readonly newText: string;
}

/** A correction a rule offers: text edits in the finding's file. */
export interface Fix {
  readonly title: string;
  readonly safety: Safety;
  readonly edits: readonly TextEdit[];
  /** The fix an editor should offer first. */
  readonly preferred?: boolean;
  /** What the title was made from, when a rule declares it by fix id (translations use it). */
  readonly titleKey?: MessageKey;
}

/** A place that helps explain a finding, possibly in another file. */
export interface RelatedLocation {
  readonly file: SourceFile;
  readonly range: Range;
  readonly message: string;
}

/** A text as the rule declared it (a finding's message, a fix's title): id, English template and placeholder values. */
export interface MessageKey {
  readonly id: string;
  readonly template: string;
  readonly data: Readonly<Record<string, string | number>>;
}

/** One problem a rule found. */
export interface Finding {
  readonly ruleId: string;
  readonly severity: Severity;
  readonly file: SourceFile;
  readonly range: Range;
  readonly message: string;
  readonly requirements: readonly string[];
  readonly fixes: readonly Fix[];
  readonly related: readonly RelatedLocation[];
  /** What the message was made from, when the rule reports by message id (translations use it). */
  readonly messageKey?: MessageKey;
}

/** A problem with a file itself rather than with what it describes. */
export interface FileError {
  readonly file: string;
  /** `skipped`: not checked on purpose (over the size limit, binary). */
  readonly kind: 'syntax' | 'io' | 'internal' | 'skipped';
  readonly message: string;
  /** Where in the file, when known. */
  readonly range?: Range;
  readonly source?: SourceFile;
}

/** What one lint run returns. */
export interface LintResult {
  readonly findings: readonly Finding[];
  readonly errors: readonly FileError[];
  readonly files: number;
  /** Findings hidden by suppressions, with their reasons (for `--report-suppressed`). */
  readonly suppressed?: readonly SuppressedFinding[];
}

/** A syntax problem met while parsing a file: the file's readable parts are still linted. */
export interface SyntaxProblem {
  readonly message: string;
  readonly range: Range;
}

/** A finding a suppression hid, with what the suppression said. */
export interface SuppressedFinding {
  readonly finding: Finding;
  readonly reason: string;
  readonly until?: string;
  readonly kind: 'comment' | 'annotation';
  /** Where the suppression is written. */
  readonly file: SourceFile;
  readonly range: Range;
}
