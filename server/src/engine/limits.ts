/** What the engine refuses to read, so that no file can crash or stall a host: size, binary content, nesting. */
import type { SourceFile } from './source';
import type { FileError } from './types';
import type { SyntaxProblem } from './types';

/** Default for `Settings.maxFileSize`: files over 5 MB are skipped. */
export const DEFAULT_MAX_FILE_SIZE = 5 * 1024 * 1024;

/** Deepest `[` / `{` nesting read in JSON and YAML. The `yaml` and `jsonc-parser` libraries recurse per level and can exhaust the stack (or, for YAML, abort the process) a few thousand levels down; real files stay under 20. */
export const MAX_NESTING = 500;

/** The UTF-8 size of a text, counting no further than `limit + 1`. */
function utf8Size(text: string, limit: number): number {
  // Every UTF-16 unit is 1 to 3 bytes: skip the exact count when the answer is already known.
  if (text.length * 3 <= limit) return text.length;
  if (text.length > limit) return text.length;
  let n = 0;
  for (let i = 0; i < text.length && n <= limit; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}

/** A size in bytes for a message: `5 MB`, `2.5 MB`. */
export function megabytes(bytes: number): string {
  return `${(bytes / (1024 * 1024)).toFixed(1).replace(/\.0$/, '')} MB`;
}

/** The message of a file over the size limit, for every reader (the engine's check, the safe reader). */
export function tooLargeMessage(maxFileSize: number): string {
  return `File is larger than the ${megabytes(maxFileSize)} limit (maxFileSize = ${maxFileSize} bytes); it was not checked`;
}

/** Why a file is not linted at all (too large, binary), or undefined when it is read. */
export function skipReason(file: SourceFile, maxFileSize: number): FileError | undefined {
  const size = utf8Size(file.text, maxFileSize);
  if (size > maxFileSize) {
    return { file: file.path, kind: 'skipped', message: tooLargeMessage(maxFileSize), source: file };
  }
  const nul = file.text.indexOf('\u0000');
  if (nul >= 0) {
    return {
      file: file.path,
      kind: 'skipped',
      message: 'File holds NUL bytes: it looks binary and was not checked',
      range: { start: nul, end: nul + 1 },
      source: file,
    };
  }
  return undefined;
}

/** A problem at the first `[` or `{` nested deeper than MAX_NESTING, or undefined. Brackets in strings count too: no real file comes near the limit, so erring on the safe side costs nothing. */
export function nestingProblem(text: string, what: 'JSON' | 'YAML'): SyntaxProblem | undefined {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x5b || c === 0x7b) {
      if (++depth > MAX_NESTING)
        return { message: `${what} nested more than ${MAX_NESTING} levels deep; the file was not read.`, range: { start: i, end: i + 1 } };
    } else if ((c === 0x5d || c === 0x7d) && depth > 0) depth--;
  }
  return undefined;
}
