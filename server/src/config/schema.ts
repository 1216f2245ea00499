/** Parsing and validation of `.snclint.yml` / `.snclint.json` text: pure, with a line and column for every problem. */
import { LineCounter, isMap, isScalar, isSeq, parseDocument, type Node, type Pair } from 'yaml';
import { quoteToken, redactMessage } from '../engine/echo';
import * as path from 'node:path';
import { globProblem } from './globs';
import type { RuleMeta } from '../engine/rule-meta';
import type { OptionValue, RegionPolicy, RuleLevel } from './settings';
import { PRESET_NAMES, type PresetName } from './presets';
import type { ConfigVocabulary, RegionTable } from './vocabulary';

/** Names of configuration files, in the order they are preferred within one folder. */
export const CONFIG_FILE_NAMES = ['.snclint.yml', '.snclint.yaml', '.snclint.json'] as const;

/** What one rule entry sets. */
export interface RuleEntry {
  readonly level?: RuleLevel;
  readonly options?: Readonly<Record<string, OptionValue>>;
}

/** Region settings of a layer. */
export interface RegionsEntry {
  readonly policy?: RegionPolicy;
  readonly custom?: Readonly<Record<string, string>>;
  readonly preferred?: Readonly<Record<string, string>>;
}

/** What both a configuration file and one of its overrides can set. */
export interface ConfigLayer {
  readonly extends?: PresetName;
  readonly rules: Readonly<Record<string, RuleEntry>>;
  readonly regions: RegionsEntry;
}

/** Settings for the files matching some globs. */
export interface ConfigOverride extends ConfigLayer {
  readonly files: readonly string[];
}

/** One valid configuration file. */
export interface ConfigFile extends ConfigLayer {
  /** Absolute path of the file. */
  readonly path: string;
  /** Folder its globs and paths are relative to. */
  readonly dir: string;
  readonly root: boolean;
  readonly ignore: readonly string[];
  readonly overrides: readonly ConfigOverride[];
  /** Terraform variables files, as absolute paths. */
  readonly varFiles: readonly string[];
  /** Files larger than this many bytes are skipped; undefined when the file does not say. */
  readonly maxFileSize?: number;
  /** Endpoint hosts declared as operated by a qualified provider; undefined when the file does not say. */
  readonly qualifiedEndpoints?: readonly string[];
}

/** A mistake in a configuration file, with a 1-based line and column. */
export interface ConfigProblem {
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly endLine: number;
  readonly endColumn: number;
  readonly message: string;
}

/** The outcome of reading one configuration file: a config, or the problems that keep it out. */
export interface ParsedConfig {
  readonly config?: ConfigFile;
  readonly problems: readonly ConfigProblem[];
}

const LEVELS: readonly RuleLevel[] = ['error', 'warning', 'info', 'off'];
const POLICIES = ['eu', 'eea', 'fr'] as const;

function list(words: readonly string[]): string {
  return words.join(', ');
}

function distance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = cur;
  }
  return prev[b.length]!;
}

/** " Did you mean x?" for a near miss (a typo of two characters at most), else "". */
function didYouMean(word: string, known: readonly string[]): string {
  const best = known.map((k) => ({ k, d: distance(word, k) })).sort((x, y) => x.d - y.d)[0];
  return best && best.d <= 2 ? ` Did you mean "${best.k}"?` : '';
}

class Validator {
  readonly problems: ConfigProblem[] = [];
  constructor(
    private readonly file: string,
    private readonly lines: LineCounter,
    private readonly rules: ReadonlyMap<string, RuleMeta>,
    private readonly regionTable: RegionTable,
  ) {}

  report(node: Node | null | undefined, message: string, range?: readonly [number, number]): void {
    const [s, e] = range ?? (node?.range ? [node.range[0], node.range[1]] : [0, 0]);
    const a = this.lines.linePos(s);
    const b = this.lines.linePos(Math.max(s, e));
    this.problems.push({ file: this.file, line: a.line, column: a.col, endLine: b.line, endColumn: b.col, message });
  }

  /** The pairs of a mapping whose keys are plain strings; reports anything else. */
  pairs(node: Node | null | undefined, where: string): Pair<Node, Node | null>[] {
    // A key with only comments under it (`rules:` with every line commented out) is an empty mapping.
    if (node === null || node === undefined || (isScalar(node) && node.value === null)) return [];
    if (!isMap(node)) {
      this.report(node, `${where} must be a mapping.`);
      return [];
    }
    const out: Pair<Node, Node | null>[] = [];
    for (const p of node.items as Pair<Node, Node | null>[]) {
      if (!isScalar(p.key) || typeof p.key.value !== 'string') this.report(p.key, `Keys in ${where} must be strings.`);
      else out.push(p);
    }
    return out;
  }

  keyOf(p: Pair<Node, Node | null>): string {
    return String((p.key as { value: unknown }).value);
  }

  string(node: Node | null, where: string): string | undefined {
    if (isScalar(node) && typeof node.value === 'string' && node.value !== '') return node.value;
    this.report(node, `${where} must be a non-empty string.`);
    return undefined;
  }

  strings(node: Node | null, where: string): string[] {
    if (!isSeq(node)) {
      this.report(node, `${where} must be a list of strings.`);
      return [];
    }
    return node.items.flatMap((n) => this.string(n as Node, `Each entry of ${where}`) ?? []);
  }

  /** A list of globs: each must compile (a glob comes from the repository, and must not cost more than its length). */
  globs(node: Node | null, where: string): string[] {
    const out = isScalar(node) && where === '"files"' ? [this.string(node, where) ?? ''].filter(Boolean) : this.strings(node, where);
    const items = isSeq(node) ? (node.items as Node[]) : [node];
    for (const item of items) {
      const g = isScalar(item) && typeof item.value === 'string' ? item.value : undefined;
      const problem = g === undefined ? undefined : globProblem(g);
      if (problem) this.report(item, `${problem} (in ${where})`);
    }
    return out.filter((g) => !globProblem(g));
  }

  oneOf<T extends string>(node: Node | null, allowed: readonly T[], where: string): T | undefined {
    if (isScalar(node) && typeof node.value === 'string' && (allowed as readonly string[]).includes(node.value)) return node.value as T;
    const shown = isScalar(node) ? quoteToken(String(node.value)) : 'this value';
    this.report(node, `${shown} is not a valid ${where} (expected ${list(allowed)}).`);
    return undefined;
  }

  layer(
    node: Node | null,
    where: string,
    topLevel: ReadonlySet<string>,
    extra: (key: string, value: Node | null, p: Pair<Node, Node | null>) => boolean,
  ): ConfigLayer {
    let ext: PresetName | undefined;
    const rules: Record<string, RuleEntry> = {};
    let regions: RegionsEntry = {};
    for (const p of this.pairs(node, where)) {
      const key = this.keyOf(p);
      if (key === 'extends') ext = this.oneOf(p.value, PRESET_NAMES, 'preset for "extends"');
      else if (key === 'rules') Object.assign(rules, this.ruleEntries(p.value));
      else if (key === 'regions') regions = this.regions(p.value);
      else if (!extra(key, p.value, p)) {
        this.report(
          p.key,
          `Unknown key ${quoteToken(key)} in ${where} (expected ${list([...topLevel])}).${didYouMean(key, [...topLevel])}`,
        );
      }
    }
    return { ...(ext ? { extends: ext } : {}), rules, regions };
  }

  ruleEntries(node: Node | null): Record<string, RuleEntry> {
    const out: Record<string, RuleEntry> = {};
    for (const p of this.pairs(node, '"rules"')) {
      const id = this.keyOf(p);
      const meta = this.rules.get(id);
      if (!meta) {
        this.report(p.key, `Unknown rule "${id}" (known rules: ${list([...this.rules.keys()])}).${didYouMean(id, [...this.rules.keys()])}`);
        continue;
      }
      if (isScalar(p.value)) {
        const level = this.oneOf(p.value, LEVELS, `level for rule ${id}`);
        if (level) out[id] = { level };
        continue;
      }
      let level: RuleLevel | undefined;
      let options: Record<string, OptionValue> | undefined;
      for (const q of this.pairs(p.value, `rule ${id}`)) {
        const k = this.keyOf(q);
        if (k === 'level') level = this.oneOf(q.value, LEVELS, `level for rule ${id}`);
        else if (k === 'options') options = this.options(meta, q.value);
        else this.report(q.key, `Unknown key ${quoteToken(k)} in rule ${id} (expected level, options).`);
      }
      out[id] = { ...(level ? { level } : {}), ...(options ? { options } : {}) };
    }
    return out;
  }

  options(meta: RuleMeta, node: Node | null): Record<string, OptionValue> {
    const specs = meta.options ?? {};
    const out: Record<string, OptionValue> = {};
    for (const p of this.pairs(node, `the options of rule ${meta.id}`)) {
      const k = this.keyOf(p);
      const spec = specs[k];
      if (!spec) {
        const known = Object.keys(specs);
        this.report(
          p.key,
          known.length ? `Rule ${meta.id} has no option ${quoteToken(k)} (expected ${list(known)}).` : `Rule ${meta.id} takes no options.`,
        );
        continue;
      }
      const v = p.value;
      if (spec.type === 'string[]') {
        out[k] = this.strings(v, `option ${k} of rule ${meta.id}`);
      } else if (spec.type === 'string' && spec.enum) {
        const s = this.oneOf(v, spec.enum, `value for option ${k} of rule ${meta.id}`);
        if (s !== undefined) out[k] = s;
      } else if (isScalar(v) && typeof v.value === spec.type) {
        out[k] = v.value as string | number | boolean;
      } else {
        this.report(v, `Option ${k} of rule ${meta.id} must be a ${spec.type}.`);
      }
    }
    return out;
  }

  regions(node: Node | null): RegionsEntry {
    let policy: RegionPolicy | undefined;
    const custom: Record<string, string> = {};
    const preferred: Record<string, string> = {};
    const preferredPairs: Pair<Node, Node | null>[] = [];
    for (const p of this.pairs(node, '"regions"')) {
      const k = this.keyOf(p);
      if (k === 'policy') {
        if (isSeq(p.value)) {
          const countries = this.strings(p.value, 'the list of countries in "policy"');
          for (const [i, c] of countries.entries())
            if (!/^[A-Za-z]{2}$/.test(c))
              this.report(p.value.items[i] as Node, `"${c}" is not an ISO 3166-1 alpha-2 country code (such as FR or DE).`);
          if (!countries.length) this.report(p.value, 'The list of countries in "policy" is empty.');
          policy = { countries: countries.map((c) => c.toUpperCase()) };
        } else {
          policy = this.oneOf(p.value, POLICIES, 'region policy (or a list of country codes)');
        }
      } else if (k === 'custom') {
        for (const q of this.pairs(p.value, '"regions.custom"')) {
          const country = this.string(q.value, `The country of region ${this.keyOf(q)}`);
          if (country && !/^[A-Za-z]{2}$/.test(country))
            this.report(q.value, `"${country}" is not an ISO 3166-1 alpha-2 country code (such as FR or DE).`);
          else if (country) custom[this.keyOf(q)] = country.toUpperCase();
        }
      } else if (k === 'preferred') {
        preferredPairs.push(...this.pairs(p.value, '"regions.preferred"'));
      } else {
        this.report(p.key, `Unknown key ${quoteToken(k)} in "regions" (expected policy, custom, preferred).`);
      }
    }
    // After the loop: a preferred region may be one declared under `custom`, in either order.
    for (const q of preferredPairs) {
      const provider = this.keyOf(q);
      const code = this.string(q.value, `The preferred region for ${provider}`);
      const table = this.regionTable;
      if (!table.providers.includes(provider)) this.report(q.key, `Unknown cloud "${provider}" (known: ${list(table.providers)}).`);
      else if (code && !table.lists(provider, code) && !(code in custom)) {
        this.report(q.value, `"${code}" is not a ${provider} region snclint knows (declare it under regions.custom if it is yours).`);
      } else if (code) {
        preferred[provider] = code;
        // Quick fixes never propose a region outside the policy: say so rather than offer nothing.
        const place = policy ? table.place(provider, code, custom, policy) : undefined;
        if (place && !place.inside) {
          this.report(
            q.value,
            `The preferred ${provider} region ${code} (${place.country}) is outside the region policy, so fixes could not propose it.`,
          );
        }
      }
    }
    return {
      ...(policy ? { policy } : {}),
      ...(Object.keys(custom).length ? { custom } : {}),
      ...(Object.keys(preferred).length ? { preferred } : {}),
    };
  }
}

const TOP_KEYS = new Set(['root', 'extends', 'rules', 'regions', 'ignore', 'overrides', 'terraform', 'maxFileSize', 'qualifiedEndpoints']);
const OVERRIDE_KEYS = new Set(['files', 'extends', 'rules', 'regions']);

/**
 * Parses and validates a configuration file's text. `file` is its absolute path; `vocabulary` the
 * rules it may name and the regions it may prefer. Any problem keeps the whole file out, so a
 * half-valid file never applies.
 */
export function parseConfig(file: string, text: string, vocabulary: ConfigVocabulary): ParsedConfig {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, uniqueKeys: true, prettyErrors: false });
  const v = new Validator(file, lines, new Map(vocabulary.rules.map((r) => [r.id, r])), vocabulary.regions);
  for (const e of doc.errors)
    v.report(null, redactMessage(e.message.split('\n')[0]!).replace(/ at line \d+, column \d+:?$/, ''), [e.pos[0], e.pos[1]]);
  if (v.problems.length) return { problems: v.problems };
  const dir = path.dirname(file);
  let root = false;
  let ignore: string[] = [];
  const overrides: ConfigOverride[] = [];
  let varFiles: string[] = [];
  let maxFileSize: number | undefined;
  let qualifiedEndpoints: string[] | undefined;
  const contents = doc.contents as Node | null;
  if (contents === null || (isScalar(contents) && contents.value === null))
    return { config: { path: file, dir, root, ignore, overrides, varFiles, rules: {}, regions: {} }, problems: [] };
  const layer = v.layer(contents, 'the configuration', TOP_KEYS, (key, value) => {
    if (key === 'root') {
      if (isScalar(value) && typeof value.value === 'boolean') root = value.value;
      else v.report(value, '"root" must be true or false.');
    } else if (key === 'ignore') {
      ignore = v.globs(value, '"ignore"');
    } else if (key === 'qualifiedEndpoints') {
      qualifiedEndpoints = v.strings(value, '"qualifiedEndpoints"');
      for (const h of qualifiedEndpoints)
        if (!/^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+$/i.test(h))
          v.report(value, `"${h}" in "qualifiedEndpoints" is not a host name (write it without scheme or path, e.g. api.example.eu).`);
    } else if (key === 'maxFileSize') {
      if (isScalar(value) && typeof value.value === 'number' && Number.isInteger(value.value) && value.value > 0) maxFileSize = value.value;
      else v.report(value, '"maxFileSize" must be a whole number of bytes greater than 0 (the default is 5242880, 5 MB).');
    } else if (key === 'overrides') {
      if (!isSeq(value)) v.report(value, '"overrides" must be a list of { files, rules, regions } entries.');
      else for (const item of value.items) overrides.push(override(v, item as Node));
    } else if (key === 'terraform') {
      for (const p of v.pairs(value, '"terraform"')) {
        const k = v.keyOf(p);
        if (k === 'varFiles') varFiles = v.strings(p.value, '"terraform.varFiles"').map((f) => path.resolve(dir, f));
        else v.report(p.key, `Unknown key ${quoteToken(k)} in "terraform" (expected varFiles).`);
      }
    } else return false;
    return true;
  });
  if (v.problems.length) return { problems: v.problems };
  return {
    config: {
      path: file,
      dir,
      root,
      ignore,
      overrides,
      varFiles,
      ...(maxFileSize !== undefined ? { maxFileSize } : {}),
      ...(qualifiedEndpoints ? { qualifiedEndpoints } : {}),
      ...layer,
    },
    problems: [],
  };
}

function override(v: Validator, node: Node): ConfigOverride {
  let files: string[] = [];
  let sawFiles = false;
  const layer = v.layer(node, 'an override', OVERRIDE_KEYS, (key, value) => {
    if (key !== 'files') return false;
    sawFiles = true;
    files = v.globs(value, '"files"');
    return true;
  });
  if (!sawFiles && isMap(node)) v.report(node, 'An override needs "files": the globs it applies to.', [node.range![0], node.range![0] + 1]);
  return { files, ...layer };
}
