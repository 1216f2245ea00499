/** Finds the configuration files that apply to a file, walking up its folders, through a reader the host gives. */
import * as path from 'path';
import type { RuleMeta } from '../engine/rule';
import { CONFIG_FILE_NAMES, parseConfig, type ConfigFile, type ConfigProblem, type ParsedConfig } from './schema';
import { resolveSettings, type Resolved } from './resolve';
import { KNOWN_RULES } from '../../../rules/presets';

/** Reads a file's text; undefined when there is no such file. */
export type ReadText = (file: string) => string | undefined;

/** A file's settings, plus the problems of the configuration files on its way up. */
export interface Loaded extends Resolved {
  readonly problems: readonly ConfigProblem[];
}

/**
 * Walks up from each file (the nearest configuration wins, `root: true` stops the walk) and
 * caches what it reads. A configuration that turns invalid keeps its last good version in
 * force, while its problems are reported.
 */
export class ConfigLoader {
  private readonly found = new Map<string, string | null>();
  private readonly parsed = new Map<string, ParsedConfig>();
  private readonly lastGood = new Map<string, ConfigFile>();

  constructor(
    private readonly read: ReadText,
    private readonly rules: readonly RuleMeta[] = KNOWN_RULES,
  ) {}

  /** The configuration file in a folder, if any. */
  configIn(dir: string): string | null {
    let hit = this.found.get(dir);
    if (hit === undefined) {
      hit = null;
      for (const name of CONFIG_FILE_NAMES) {
        const candidate = path.join(dir, name);
        if (this.parse(candidate)) {
          hit = candidate;
          break;
        }
      }
      this.found.set(dir, hit);
    }
    return hit;
  }

  /** The parsed configuration at a path; undefined when the file does not exist. */
  parse(file: string): ParsedConfig | undefined {
    let p = this.parsed.get(file);
    if (!p) {
      const text = this.read(file);
      if (text === undefined) return undefined;
      p = parseConfig(file, text, this.rules);
      this.parsed.set(file, p);
      if (p.config) this.lastGood.set(file, p.config);
    }
    return p;
  }

  /** The settings of a file (absolute path) and the problems met on the way. */
  load(file: string): Loaded {
    const chain: ConfigFile[] = [];
    const problems: ConfigProblem[] = [];
    let dir = path.dirname(path.resolve(file));
    for (;;) {
      const configPath = this.configIn(dir);
      if (configPath) {
        const p = this.parse(configPath)!;
        problems.push(...p.problems);
        const config = p.config ?? this.lastGood.get(configPath);
        if (config) chain.unshift(config);
        if (config?.root) break;
      }
      const up = path.dirname(dir);
      if (up === dir) break;
      dir = up;
    }
    return { ...resolveSettings(chain, path.resolve(file), this.rules), problems };
  }

  /** Every configuration file read so far, with its current problems (none when valid). */
  configFiles(): { readonly file: string; readonly problems: readonly ConfigProblem[] }[] {
    return [...this.parsed].map(([file, p]) => ({ file, problems: p.problems }));
  }

  /** Forgets what was read, for one changed file or for everything. */
  invalidate(file?: string): void {
    if (file === undefined) {
      this.found.clear();
      this.parsed.clear();
      return;
    }
    this.parsed.delete(file);
    // A created or deleted file changes which configuration a folder has.
    this.found.delete(path.dirname(file));
  }
}
