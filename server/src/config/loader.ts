/** Finds the configuration files that apply to a file, walking up its folders, through a reader the host gives. */
import * as path from 'node:path';
import { resolvePath } from '../engine/paths';
import { CONFIG_FILE_NAMES, parseConfig, type ConfigFile, type ConfigProblem, type ParsedConfig } from './schema';
import { resolveSettings, type Resolved } from './resolve';
import type { ConfigVocabulary } from './vocabulary';
import * as fs from 'node:fs';
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
    return read.refused.startsWith('File is larger')
      ? { refused: `It is larger than the ${MAX_CONFIG_BYTES / 1024} KB limit of configuration files: it was not read` }
      : read;
  } catch {
    return undefined;
  }
}

/** A file's settings, plus the problems of the configuration files on its way up. */
export interface Loaded extends Resolved {
  readonly problems: readonly ConfigProblem[];
}

/** The configurations in force in a folder and the problems met finding them. */
interface Chain {
  readonly chain: readonly ConfigFile[];
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
  private readonly chains = new Map<string, Chain>();

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
    /** Whether a folder is a repository's root; a host that has listed the folders may answer without the disk. */
    private readonly isRoot: (dir: string) => boolean = isRepositoryRoot,
  ) {}

  private isRepositoryRoot(dir: string): boolean {
    let hit = this.repoRoots.get(dir);
    if (hit === undefined) this.repoRoots.set(dir, (hit = this.isRoot(dir)));
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
    const abs = resolvePath(file);
    const { chain, problems } = this.chainOf(path.dirname(abs));
    return { ...resolveSettings(chain, abs, this.vocabulary.rules), problems: [...problems] };
  }

  /**
   * The configurations in force in a folder, farthest first, and the problems met walking up from it,
   * nearest first. Each folder's answer is kept, so that a walk up to the repository's root is made once
   * per folder of a run, not once per file; a folder's answer is its own configuration and its parent's.
   */
  private chainOf(dir: string): Chain {
    const hit = this.chains.get(dir);
    if (hit) return hit;
    const configPath = this.configIn(dir);
    const p = configPath ? this.parse(configPath)! : undefined;
    const config = configPath ? (p!.config ?? this.lastGood.get(configPath)) : undefined;
    const own: Chain = { chain: config ? [config] : [], problems: p?.problems ?? [] };
    let result = own;
    const up = path.dirname(dir);
    if (!config?.root && up !== dir && !this.isRepositoryRoot(dir) && !(this.project && !this.project.containsReal(up))) {
      const parent = this.chainOf(up);
      result = { chain: [...parent.chain, ...own.chain], problems: [...own.problems, ...parent.problems] };
    }
    this.chains.set(dir, result);
    return result;
  }

  /** Every configuration file read so far, with its current problems (none when valid). */
  configFiles(): { readonly file: string; readonly problems: readonly ConfigProblem[] }[] {
    return [...this.parsed].map(([file, p]) => ({ file, problems: p.problems }));
  }

  /** Forgets what was read, for one changed file or for everything. */
  invalidate(file?: string): void {
    this.chains.clear();
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
