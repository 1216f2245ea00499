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

/** Editor settings under `snclint.*` (rule choices live in `.snclint.yml`, not here). */
export interface ClientSettings {
  /** Lint as the text changes, or only when a file is saved. */
  readonly run: 'onType' | 'onSave';
  /** Lint every Terraform and Kubernetes file of the workspace folders, not only open ones. */
  readonly scanWorkspace: boolean;
}

/** Settings before the client says otherwise. */
export const DEFAULT_CLIENT_SETTINGS: ClientSettings = { run: 'onType', scanWorkspace: false };

/** Reads settings sent by a client, keeping defaults for anything missing or malformed. */
export function parseClientSettings(raw: unknown): ClientSettings {
  const r = typeof raw === 'object' && raw !== null ? (raw as Record<string, unknown>) : {};
  return {
    run: r.run === 'onSave' ? 'onSave' : 'onType',
    scanWorkspace: typeof r.scanWorkspace === 'boolean' ? r.scanWorkspace : DEFAULT_CLIENT_SETTINGS.scanWorkspace,
  };
}

/** What `initializationOptions` carries. */
export interface InitializationOptions {
  readonly settings?: ClientSettings;
  /**
   * False in an untrusted workspace (VS Code's Restricted Mode): the server then lints with the
   * built-in defaults and reads no configuration, var file or workspace scan from the repository.
   * Absent means trusted, for editors that have no such notion.
   */
  readonly trusted?: boolean;
}

/** Notification from the client, without parameters: the workspace is now trusted; the repository's configuration applies. */
export const WORKSPACE_TRUSTED_NOTIFICATION = 'snclint/workspaceTrusted';

/** Request: lint every file of the workspace folders now; answers with the scan's totals. */
export const SCAN_WORKSPACE_REQUEST = 'snclint/scanWorkspace';

/** Request: the SecNumCloud coverage report of what the server has linted, as Markdown. */
export const COVERAGE_REQUEST = 'snclint/coverageReport';

/** Request: the same report as `snclint --format html`, for what the server has linted, as one HTML file's text. */
export const HTML_REPORT_REQUEST = 'snclint/htmlReport';

/** Notification from the server: figures for the language status item. */
export const STATUS_NOTIFICATION = 'snclint/status';

/** The configuration in force, as the status item shows it. */
export interface ConfigStatus {
  /** `defaults` when no configuration file applies; `restricted` when the workspace is not trusted and none is read. */
  readonly kind: 'defaults' | 'file' | 'error' | 'restricted';
  /** The configuration file in use, or the one that failed. */
  readonly file?: string;
  readonly message?: string;
}

/** Payload of STATUS_NOTIFICATION. */
export interface StatusParams {
  /** Files linted: open documents and, when scanning, the workspace's files. */
  readonly files: number;
  readonly findings: number;
  readonly errors: number;
  readonly warnings: number;
  readonly infos: number;
  readonly scanning: boolean;
  readonly config: ConfigStatus;
}

/** Result of SCAN_WORKSPACE_REQUEST. */
export interface ScanResult {
  readonly files: number;
  readonly findings: number;
}

/** Client command the suppress action runs to put the cursor where the reason goes: arguments `[uri, line, character]`. */
export const PLACE_CURSOR_COMMAND = 'snclint.placeCursor';

/** The code action kind of fix-all (safe fixes only), for `editor.codeActionsOnSave`. */
export const FIX_ALL_KIND = 'source.fixAll.snclint';
