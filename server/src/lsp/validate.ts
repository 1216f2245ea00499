/**
 * Checks of what a client sends, made at the server's boundary before any handler sees it.
 * A client is an editor we trust to follow the protocol, but a broken plugin, a fuzzer or a
 * hostile bridge may send anything: one wrong type must never reach a handler and poison the
 * server's state (a non-string URI kept among the open documents fails every later lint).
 */

/** A check of an untrusted value: the first problem found (a path and what is wrong), or undefined. */
export interface Guard<T> {
  readonly check: (value: unknown, at: string) => string | undefined;
  /** Never set: carries the checked type. */
  readonly type?: T;
}

/** The checked type of a guard. */
export type Checked<G> = G extends Guard<infer T> ? T : never;

function guard<T>(check: (value: unknown, at: string) => string | undefined): Guard<T> {
  return { check };
}

/** What a value is, for messages: its JSON type, never its content (which may be long, or a secret). */
export function kindOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'number') return 'a number';
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'undefined') return 'missing';
  return `a ${typeof value}`;
}

const wrong = (at: string, value: unknown, expected: string): string => `${at} is ${kindOf(value)}, not ${expected}`;

/** Longest URI accepted: well past any real path, short of a payload meant to exhaust memory. */
export const MAX_URI_LENGTH = 65536;
const INT32_MAX = 2 ** 31 - 1;

/** Any value, unchecked (payloads the server does not read, or reads with its own parser). */
export const anything: Guard<unknown> = guard(() => undefined);

/** A string. */
export const string: Guard<string> = guard((v, at) => (typeof v === 'string' ? undefined : wrong(at, v, 'a string')));

/** A boolean. */
export const boolean: Guard<boolean> = guard((v, at) => (typeof v === 'boolean' ? undefined : wrong(at, v, 'a boolean')));

/** A URI: a string with a scheme, of bounded length. */
export const uri: Guard<string> = guard((v, at) => {
  if (typeof v !== 'string') return wrong(at, v, 'a URI string');
  if (v.length > MAX_URI_LENGTH) return `${at} is longer than ${MAX_URI_LENGTH} characters`;
  return /^[a-zA-Z][a-zA-Z0-9+.-]*:/.test(v) ? undefined : `${at} has no URI scheme`;
});

function integerIn(min: number, name: string): Guard<number> {
  return guard((v, at) => {
    if (typeof v !== 'number') return wrong(at, v, name);
    if (!Number.isInteger(v)) return `${at} is not ${name}`;
    return v >= min && v <= INT32_MAX ? undefined : `${at} is out of the range of ${name}`;
  });
}

/** An LSP `integer` (32 bits, signed). */
export const integer: Guard<number> = integerIn(-INT32_MAX - 1, 'an integer');

/** An LSP `uinteger` (0 to 2^31 - 1). */
export const uinteger: Guard<number> = integerIn(0, 'an unsigned integer');

/** One of the given literal values. */
export function oneOf<const T extends readonly (string | number)[]>(...values: T): Guard<T[number]> {
  return guard((v, at) => ((values as readonly unknown[]).includes(v) ? undefined : `${at} is not one of ${values.join(', ')}`));
}

/** Either of two shapes. */
export function either<A, B>(a: Guard<A>, b: Guard<B>): Guard<A | B> {
  return guard((v, at) => {
    const first = a.check(v, at);
    return first === undefined || b.check(v, at) === undefined ? undefined : first;
  });
}

/** The value may be absent. */
export function optional<T>(g: Guard<T>): Guard<T | undefined> {
  return guard((v, at) => (v === undefined ? undefined : g.check(v, at)));
}

/** The value may be null. */
export function nullable<T>(g: Guard<T>): Guard<T | null> {
  return guard((v, at) => (v === null ? undefined : g.check(v, at)));
}

/** An array of values of one shape. */
export function array<T>(item: Guard<T>): Guard<T[]> {
  return guard((v, at) => {
    if (!Array.isArray(v)) return wrong(at, v, 'an array');
    for (let i = 0; i < v.length; i++) {
      const problem = item.check(v[i], `${at}[${i}]`);
      if (problem) return problem;
    }
    return undefined;
  });
}

type Shape = Readonly<Record<string, Guard<unknown>>>;

/** An object with the given properties (others are allowed and ignored, as the protocol grows). */
export function object<S extends Shape>(shape: S): Guard<{ readonly [K in keyof S]: Checked<S[K]> }> {
  return guard((v, at) => {
    if (typeof v !== 'object' || v === null || Array.isArray(v)) return wrong(at, v, 'an object');
    const record = v as Readonly<Record<string, unknown>>;
    for (const [key, g] of Object.entries(shape)) {
      const problem = g.check(Object.hasOwn(record, key) ? record[key] : undefined, at ? `${at}.${key}` : key);
      if (problem) return problem;
    }
    return undefined;
  });
}

/** Checks a value: the value with its type, or the problem. */
export function validate<T>(
  g: Guard<T>,
  value: unknown,
  at = 'params',
): { readonly ok: true; readonly value: T } | { readonly ok: false; readonly problem: string } {
  const problem = g.check(value, at);
  return problem === undefined ? { ok: true, value: value as T } : { ok: false, problem };
}

// The parameters snclint's handlers read, as the LSP specification types them.

const position = object({ line: uinteger, character: uinteger });
const range = object({ start: position, end: position });
const textDocumentIdentifier = object({ uri });
const workspaceFolder = object({ uri, name: string });

/** `textDocument/didOpen`. */
export const didOpenParams = object({ textDocument: object({ uri, languageId: string, version: integer, text: string }) });

/** `textDocument/didChange`: whole-text or ranged changes. */
export const didChangeParams = object({
  textDocument: object({ uri, version: integer }),
  contentChanges: array(object({ range: optional(range), rangeLength: optional(uinteger), text: string })),
});

/** `textDocument/didClose`. */
export const didCloseParams = object({ textDocument: textDocumentIdentifier });

/** `textDocument/didSave`. */
export const didSaveParams = object({ textDocument: textDocumentIdentifier, text: optional(string) });

/** `textDocument/willSave` and `willSaveWaitUntil`. */
export const willSaveParams = object({ textDocument: textDocumentIdentifier, reason: oneOf(1, 2, 3) });

/** `textDocument/hover`. */
export const hoverParams = object({ textDocument: textDocumentIdentifier, position });

/** A diagnostic the client sends back in a code action request (the fields snclint reads). */
const diagnostic = object({
  range,
  message: string,
  severity: optional(oneOf(1, 2, 3, 4)),
  code: optional(either(string, integer)),
  source: optional(string),
  data: anything,
});

/** `textDocument/codeAction`. */
export const codeActionParams = object({
  textDocument: textDocumentIdentifier,
  range,
  context: object({ diagnostics: array(diagnostic), only: optional(array(string)), triggerKind: optional(oneOf(1, 2)) }),
});

/** `textDocument/diagnostic` (pulled diagnostics). */
export const documentDiagnosticParams = object({
  textDocument: textDocumentIdentifier,
  identifier: optional(string),
  previousResultId: optional(string),
});

/** The `snclint` settings section: every key optional, others ignored (the client may send more than the server reads). */
export const settingsSection = object({ run: optional(oneOf('onType', 'onSave')), scanWorkspace: optional(boolean) });

const sections = object({ snclint: optional(settingsSection) });

/** `workspace/didChangeConfiguration`: settings are any value; a `snclint` section, when present, must be well formed. */
export const didChangeConfigurationParams = object({
  settings: guard<unknown>((v, at) => (typeof v === 'object' && v !== null && !Array.isArray(v) ? sections.check(v, at) : undefined)),
});

/** `workspace/didChangeWatchedFiles`. */
export const didChangeWatchedFilesParams = object({ changes: array(object({ uri, type: oneOf(1, 2, 3) })) });

/** The event of `workspace/didChangeWorkspaceFolders`. */
export const workspaceFoldersEvent = object({ added: array(workspaceFolder), removed: array(workspaceFolder) });

/** `initialize`: the parts snclint reads (the capabilities are read defensively where used). */
export const initializeParams = object({
  capabilities: object({}),
  locale: optional(string),
  rootUri: optional(nullable(uri)),
  workspaceFolders: optional(nullable(array(workspaceFolder))),
  initializationOptions: optional(nullable(object({ settings: optional(settingsSection), trusted: optional(boolean) }))),
});

/** `$/setTrace`. */
export const setTraceParams = object({ value: oneOf('off', 'messages', 'verbose') });

/** A request or notification that takes no parameters: none, null, or an empty structure are all accepted. */
export const noParams = optional(nullable(either(object({}), array(anything))));
