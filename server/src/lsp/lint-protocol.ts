/** The messages between the language server's main thread and its lint worker (plain data: structured clone). */
import type { Diagnostic } from 'vscode-languageserver';
import type { Settings } from '../config/settings';
import type { Finding } from '../engine/types';
import type { Locale } from '../i18n/catalogue';

/** An open document's text as the worker should see it; `null` when it was closed. */
export interface OpenText {
  readonly path: string;
  readonly text: string | null;
}

/** Lint one version of one document. */
export interface LintRequest {
  readonly kind: 'lint';
  readonly id: number;
  readonly uri: string;
  readonly version: number;
  readonly text: string;
  readonly settings: Settings | undefined;
  readonly folders: readonly string[];
  readonly relatedInformation: boolean;
  readonly locale: Locale;
  /** Open documents whose text changed since the last message (the document linted excepted). */
  readonly open: readonly OpenText[];
}

/** Files changed on disk: what was read or parsed of them is forgotten. */
export interface FilesChanged {
  readonly kind: 'changed';
  readonly paths: readonly string[];
}

/** The main thread took the last part of a result: the worker sends the next, or, when the result is stale, ends it at once. */
export interface MoreOfResult {
  readonly kind: 'more';
  readonly id: number;
  /** The document changed or closed meanwhile: the rest is not sent (the response ends the result, empty). */
  readonly stale?: boolean;
}

/** What the main thread sends. */
export type ToWorker = LintRequest | FilesChanged | MoreOfResult;

/** A finding without its source file (the main thread has the text) or related places (already in the diagnostics). */
export type WireFinding = Omit<Finding, 'file' | 'related'>;

/**
 * A slice of a big result: findings and diagnostics that come before those of the next part and
 * of the final response. One part at a time, each after the main thread asked for more, so it
 * answers requests between parts instead of taking in thousands of objects at once.
 */
export interface LintPart {
  readonly kind: 'part';
  readonly id: number;
  readonly findings: readonly WireFinding[];
  readonly diagnostics: readonly Diagnostic[];
}

/** The outcome of a lint request (its last slice, after any parts); `findings` undefined when snclint does not read that kind of file. */
export interface LintResponse {
  readonly kind: 'result';
  readonly id: number;
  readonly uri: string;
  readonly version: number;
  readonly findings?: readonly WireFinding[];
  readonly diagnostics: readonly Diagnostic[];
}

/** What the worker sends: ready to lint, a result, or a line for the server's log. */
export type FromWorker = { readonly kind: 'ready' } | LintPart | LintResponse | { readonly kind: 'log'; readonly message: string };
