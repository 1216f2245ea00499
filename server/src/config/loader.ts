/** Finds the configuration files that apply to a file, walking up its folders, through a reader the host gives. */
import * as path from 'path';
import { CONFIG_FILE_NAMES, parseConfig, type ConfigFile, type ConfigProblem, type ParsedConfig } from './schema';
import { resolveSettings, type Resolved } from './resolve';
import type { ConfigVocabulary } from './vocabulary';
import * as fs from 'fs';
import { Project, type Refusal, isRefusal, isRepositoryRoot, readRegularFile } from '../workspace/confine';

/** Reads a file's text; undefined when there is no such file, a refusal when it must not be read (a device, too large). */
export type ReadText = (file: string) => string | Refusal | undefined;

/** Configuration files larger than this are not read. */
export const MAX_CONFIG_BYTES = 256 * 1024;

/** Reads a configuration file from disk: a regular file of at most MAX_CONFIG_BYTES, never a device or a FIFO. */
export function readConfigFile(file: string): string | Refusal | undefined {
  try {
    // A configuration file that is a link leaving its repository would let a clone read the machine's files.
    const outside = fs.lstatSync(file).isSymbolicLink() ? Project.of([path.dirname(file)]).check(file) : undefined;
    if (outside) return { refused: `It is a symbolic link that ${outside.refused.replace(/^it /, '')}: it was not read` };
    const read = readRegularFile(file, MAX_CONFIG_BYTES);
    if (!isRefusal(read)) return read.text;
    return read.refused.startsWith('File is larger') ? { refused: `It is larger than the ${MAX_CONFIG_BYTES / 1024} KB limit of configuration files: it was not read` } : read;
  } catch {
    return undefined;
  }
}

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
  private readonly repoRoots = new Map<string, boolean>();

  /**
   * `vocabulary` is what the host knows of its rules (their metadata, the region table). `project`,
   * when given, bounds the search outside a repository: no folder above it is searched. Inside a
   * repository the search never goes above its root (the folder holding `.git`), so a clone cannot
   * be steered by a configuration file of the machine it is cloned on.
   */
  constructor(
    private readonly read: ReadText,
    private readonly vocabulary: ConfigVocabulary,
    private readonly project?: Project,
  ) {}

  private isRepositoryRoot(dir: string): boolean {
    let hit = this.repoRoots.get(dir);
    if (hit === undefined) this.repoRoots.set(dir, (hit = isRepositoryRoot(dir)));
    return hit;
  }

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
      p = isRefusal(text)
        ? { problems: [{ file, line: 1, column: 1, endLine: 1, endColumn: 1, message: `${text.refused}.` }] }
        : parseConfig(file, text, this.vocabulary);
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
      if (up === dir || this.isRepositoryRoot(dir)) break;
      if (this.project && !this.project.containsReal(up)) break;
      dir = up;
    }
    return { ...resolveSettings(chain, path.resolve(file), this.vocabulary.rules), problems };
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
      this.repoRoots.clear();
      return;
    }
    this.parsed.delete(file);
    this.repoRoots.clear();
    // A created or deleted file changes which configuration a folder has.
    this.found.delete(path.dirname(file));
  }
}
