/** Names and payloads shared by the language server and the VS Code client (no 'vscode' import). */

/** The `source` of every diagnostic snclint publishes. */
export const DIAGNOSTIC_SOURCE = 'snclint';

/** Diagnostic codes that are not rule ids. */
export const DiagnosticCode = {
  /** The file could not be fully parsed. */
  syntax: 'syntax',
  /** snclint itself failed on the file. */
  internal: 'internal',
} as const;

/** What a diagnostic's `data` holds, to find its fixes again for the same document version. */
export interface DiagnosticData {
  readonly version: number;
  /** Index of the finding in the lint result cached for that version. */
  readonly finding: number;
}

/** Identifier of the language server, as the client registers it. */
export const SERVER_ID = 'snclint';

/** Human name of the language server. */
export const SERVER_NAME = 'SecNumCloud IaC Lint';
