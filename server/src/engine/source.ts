/** Source files with half-open UTF-16 offset ranges and a lazy line index. */

/** A half-open range of UTF-16 offsets into a file's text. */
export interface Range {
  readonly start: number;
  readonly end: number;
}

/** What a file is, as far as the engine cares. */
export type Language = 'terraform' | 'terraform-json' | 'terraform-vars' | 'yaml' | 'json';

/** A 0-based line and UTF-16 character, as LSP counts. */
export interface Position {
  readonly line: number;
  readonly character: number;
}

/** Guesses a file's language from its name; undefined when snclint does not read it. */
export function languageOf(path: string): Language | undefined {
  const lower = path.toLowerCase();
  // OpenTofu's own extensions: the same language, read by OpenTofu in place of a `.tf` twin.
  if (lower.endsWith('.tf.json') || lower.endsWith('.tofu.json')) return 'terraform-json';
  if (isTerraformVarsJson(lower)) return 'json';
  if (lower.endsWith('.tf') || lower.endsWith('.tofu')) return 'terraform';
  if (lower.endsWith('.tfvars')) return 'terraform-vars';
  if (lower.endsWith('.yaml') || lower.endsWith('.yml')) return 'yaml';
  if (lower.endsWith('.json')) return 'json';
  return undefined;
}

/** The names Kustomize reads a kustomization from, in its order of preference. */
export const KUSTOMIZATION_NAMES: readonly string[] = ['kustomization.yaml', 'kustomization.yml', 'Kustomization'];

/** The language of a file Kustomize may read: YAML or JSON by extension, and `Kustomization`, which has none. */
export function manifestLanguageOf(path: string): 'yaml' | 'json' | undefined {
  const l = languageOf(path);
  if (l === 'yaml' || l === 'json') return l;
  return path === 'Kustomization' || path.endsWith('/Kustomization') || path.endsWith('\\Kustomization') ? 'yaml' : undefined;
}

/** Whether a JSON file is a Terraform variables file (`.tfvars.json`) rather than a manifest. */
export function isTerraformVarsJson(path: string): boolean {
  return path.toLowerCase().endsWith('.tfvars.json');
}

/** Whether a file belongs to a Terraform module: configuration, JSON configuration or variables, `.tfvars.json` included. */
export function isTerraformPath(path: string): boolean {
  const l = languageOf(path);
  return l === 'terraform' || l === 'terraform-json' || l === 'terraform-vars' || isTerraformVarsJson(path);
}

/** One file's text and where its lines start. */
export class SourceFile {
  private lineStarts: number[] | undefined;
  private content: string | undefined;
  private failure: string | undefined;

  constructor(
    /** Path as given by the host (relative or absolute); used in reports. */
    readonly path: string,
    text: string,
    readonly language: Language,
    readonly version: number = 0,
    /** Reads the text again after `evict` (a file on disk); a file without it keeps its text until `release`. */
    private reread?: () => string,
  ) {
    this.content = text;
  }

  /**
   * The file's text, read again if it was evicted; reading it after `release` is a bug and throws.
   * A file that can no longer be read (deleted, or changed into a link or a device meanwhile) reads
   * as empty from then on, and `unreadable` says why.
   */
  get text(): string {
    if (this.content === undefined && this.reread) {
      try {
        this.content = this.reread();
      } catch (e) {
        this.failure = e instanceof Error ? e.message : String(e);
        this.content = '';
        this.reread = undefined;
      }
    }
    if (this.content === undefined) throw new Error(`The text of ${this.path} was released after its group was linted`);
    return this.content;
  }

  /** Why the text could not be read again after `evict`, if it could not. */
  get unreadable(): string | undefined {
    return this.failure;
  }

  /** Drops the text until it is next read, when it can be read again; says whether it did. */
  evict(): boolean {
    if (!this.reread) return false;
    this.content = undefined;
    this.lineStarts = undefined;
    return true;
  }

  /** Drops the text and line index of a file no report will quote or place (a large run frees each group's files as it goes). */
  release(): void {
    this.content = undefined;
    this.lineStarts = undefined;
    this.reread = undefined;
  }

  /** Offsets where each line starts (\n, \r\n and \r end lines). */
  get lines(): readonly number[] {
    if (!this.lineStarts) {
      const starts = [0];
      const t = this.text;
      for (let i = 0; i < t.length; i++) {
        const c = t.charCodeAt(i);
        if (c === 10) starts.push(i + 1);
        else if (c === 13) {
          if (t.charCodeAt(i + 1) === 10) i++;
          starts.push(i + 1);
        }
      }
      this.lineStarts = starts;
    }
    return this.lineStarts;
  }

  /** The 0-based line and character of an offset. */
  positionAt(offset: number): Position {
    const o = Math.max(0, Math.min(offset, this.text.length));
    const lines = this.lines;
    let lo = 0;
    let hi = lines.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (lines[mid]! <= o) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo, character: o - lines[lo]! };
  }

  /** The offset of a 0-based position, clamped to the text. */
  offsetAt(pos: Position): number {
    const lines = this.lines;
    if (pos.line >= lines.length) return this.text.length;
    if (pos.line < 0) return 0;
    const start = lines[pos.line]!;
    const next = pos.line + 1 < lines.length ? lines[pos.line + 1]! : this.text.length;
    return Math.min(start + Math.max(0, pos.character), next);
  }

  /** The text of a 0-based line without its line break. */
  lineText(line: number): string {
    const lines = this.lines;
    const start = lines[line] ?? this.text.length;
    const end = line + 1 < lines.length ? lines[line + 1]! : this.text.length;
    return this.text.slice(start, end).replace(/\r?\n$|\r$/, '');
  }

  /** The leading whitespace of the line holding an offset. */
  indentAt(offset: number): string {
    const line = this.lineText(this.positionAt(offset).line);
    return /^[ \t]*/.exec(line)![0];
  }

  /** The line break the file uses. */
  get eol(): string {
    return this.text.includes('\r\n') ? '\r\n' : '\n';
  }
}
