/**
 * Text from repository files (object names, quoted values, file names) made safe for a terminal:
 * C0 and C1 control characters, DEL and the bidirectional overrides and isolates are shown as
 * visible escapes (`\x1b`, `\u202e`), never obeyed. An escape sequence in a Kubernetes object's
 * name would otherwise retitle or clear the terminal of whoever runs snclint, or a bidi
 * override would show a finding's text in a misleading order.
 */

// C0, DEL and C1 controls; U+202A-U+202E embeddings and overrides; U+2066-U+2069 isolates.
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;
// What JSON.stringify leaves raw: DEL, C1 and the bidi controls (it escapes C0 itself).
const UNSAFE_IN_JSON = /[\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

const SHORT: Readonly<Record<string, string>> = { '\t': '\\t', '\n': '\\n', '\r': '\\r' };

function visible(ch: string): string {
  const code = ch.charCodeAt(0);
  return SHORT[ch] ?? (code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`);
}

/** One field (a name, a message) for a terminal: every control character escaped, line breaks included. */
export function escapeTerminal(text: string): string {
  return text.replace(UNSAFE, visible);
}

/** A whole text for a terminal: its line breaks kept, each line escaped as a field. */
export function escapeTerminalLines(text: string): string {
  return text.split('\n').map(escapeTerminal).join('\n');
}

/** JSON text that a terminal shows as it is: DEL, C1 and bidi controls written as `\u` escapes, which leaves every value unchanged. */
export function escapeJsonForTerminal(json: string): string {
  return json.replace(UNSAFE_IN_JSON, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
