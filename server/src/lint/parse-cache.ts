/**
 * Parsed Terraform files kept between lint runs, so that an editor re-parses only the file that
 * changed: each entry is found by path and language and used only for the very same text.
 * Parse results are read-only data (the model copies what it merges), so sharing them is safe.
 */
import type { SourceFile } from '../engine/source';
import type { ConfigFile } from '../terraform/ast';

interface Entry {
  readonly text: string;
  readonly config: ConfigFile;
}

/** An LRU of parsed Terraform files (HCL and JSON), bounded by the size of their texts. */
export class ParseCache {
  private readonly entries = new Map<string, Entry>();
  private bytes = 0;
  /** How many parses were saved and done since the cache was made (for measurements). */
  readonly stats = { hits: 0, misses: 0 };

  constructor(
    /** Texts larger than this are parsed every time (the editor's own big file is rarely unchanged). */
    private readonly maxEntryChars = 2_000_000,
    /** Upper bound of the cached texts' total length, in UTF-16 units; the parse trees take a few times that. */
    private readonly maxChars = 16_000_000,
  ) {}

  /** The parse of `file`: the cached one if its text has not changed, else `parse()`'s, kept for next time. */
  config(file: SourceFile, parse: () => ConfigFile): ConfigFile {
    const key = `${file.language}\0${file.path}`;
    const found = this.entries.get(key);
    if (found && found.text === file.text) {
      // Most recently used last.
      this.entries.delete(key);
      this.entries.set(key, found);
      this.stats.hits++;
      return found.config;
    }
    this.stats.misses++;
    const config = parse();
    if (found) this.drop(key, found);
    if (file.text.length <= this.maxEntryChars) {
      this.entries.set(key, { text: file.text, config });
      this.bytes += file.text.length;
      this.evict();
    }
    return config;
  }

  /** Forgets the parses of a file (changed on disk), whatever its language. */
  forget(path: string): void {
    for (const [key, entry] of this.entries) if (key.slice(key.indexOf('\0') + 1) === path) this.drop(key, entry);
  }

  /** Forgets everything. */
  clear(): void {
    this.entries.clear();
    this.bytes = 0;
  }

  /** How many files are cached, and the length of their texts. */
  get size(): { readonly entries: number; readonly chars: number } {
    return { entries: this.entries.size, chars: this.bytes };
  }

  private drop(key: string, entry: Entry): void {
    this.entries.delete(key);
    this.bytes -= entry.text.length;
  }

  private evict(): void {
    for (const [key, entry] of this.entries) {
      if (this.bytes <= this.maxChars) break;
      this.drop(key, entry);
    }
  }
}
