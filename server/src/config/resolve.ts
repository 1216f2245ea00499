/** Turns the configuration files that apply to a file into that file's Settings. */
import type { RuleMeta } from '../engine/rule-meta';
import { DEFAULT_SETTINGS, type OptionValue, type RegionPolicy, type RuleLevel, type Settings } from './settings';
import type { ConfigFile, ConfigLayer } from './schema';
import { matchesGlobs, matchingGlob } from './globs';
import { presetLevels } from './presets';

/** A file's settings and whether the configuration ignores it. */
export interface Resolved {
  readonly settings: Settings;
  readonly ignored: boolean;
  /** The configuration file and the `ignore` glob that ignore the file, when it is ignored. */
  readonly ignoredBy?: { readonly file: string; readonly pattern: string };
  /** The configuration files that applied, root-most first. */
  readonly sources: readonly string[];
}

interface Draft {
  levels: Record<string, RuleLevel>;
  /** Levels the team wrote down, which also override a rule's per-finding severity. */
  explicit: Set<string>;
  options: Record<string, Readonly<Record<string, OptionValue>>>;
  regionPolicy: RegionPolicy;
  customRegions: Record<string, string>;
  preferredRegions: Record<string, string>;
}

function apply(d: Draft, layer: ConfigLayer, rules: readonly RuleMeta[]): void {
  if (layer.extends) {
    Object.assign(d.levels, presetLevels(layer.extends, rules));
    d.explicit.clear();
  }
  for (const [id, entry] of Object.entries(layer.rules)) {
    if (entry.level) {
      d.levels[id] = entry.level;
      d.explicit.add(id);
    }
    if (entry.options) d.options[id] = { ...d.options[id], ...entry.options };
  }
  if (layer.regions.policy) d.regionPolicy = layer.regions.policy;
  Object.assign(d.customRegions, layer.regions.custom);
  Object.assign(d.preferredRegions, layer.regions.preferred);
}

/**
 * The settings of `file` (absolute) under `chain`, the configuration files from the root-most
 * to the nearest: each applies over the one above it, then its overrides in order. `rules` are
 * the metadata of every rule the presets set a level for.
 */
export function resolveSettings(chain: readonly ConfigFile[], file: string, rules: readonly RuleMeta[]): Resolved {
  const d: Draft = {
    levels: { ...presetLevels('recommended', rules) },
    explicit: new Set(),
    options: {},
    regionPolicy: DEFAULT_SETTINGS.regionPolicy,
    customRegions: { ...DEFAULT_SETTINGS.customRegions },
    preferredRegions: { ...DEFAULT_SETTINGS.preferredRegions },
  };
  let ignored = false;
  let ignoredBy: { file: string; pattern: string } | undefined;
  let varFiles: readonly string[] = [];
  let maxFileSize: number | undefined;
  let qualifiedEndpoints: readonly string[] | undefined;
  for (const config of chain) {
    if (config.maxFileSize !== undefined) maxFileSize = config.maxFileSize;
    if (config.qualifiedEndpoints) qualifiedEndpoints = config.qualifiedEndpoints;
    apply(d, config, rules);
    for (const o of config.overrides) if (matchesGlobs(o.files, config.dir, file)) apply(d, o, rules);
    const pattern = matchingGlob(config.ignore, config.dir, file);
    if (pattern !== undefined) {
      ignored = true;
      ignoredBy = { file: config.path, pattern };
    }
    if (config.varFiles.length) varFiles = config.varFiles;
  }
  // Only departures from a rule's own default are kept, so a rule's deliberate per-finding
  // severity (info for what cannot be verified) survives unless the team set a level.
  const levels: Record<string, RuleLevel> = {};
  for (const meta of rules) {
    const level = d.levels[meta.id];
    if (level !== undefined && (level !== meta.severity || d.explicit.has(meta.id))) levels[meta.id] = level;
  }
  const settings: Settings = {
    regionPolicy: d.regionPolicy,
    preferredRegions: d.preferredRegions,
    customRegions: d.customRegions,
    rules: levels,
    ...(Object.keys(d.options).length ? { ruleOptions: d.options } : {}),
    ...(varFiles.length ? { varFiles } : {}),
    ...(maxFileSize !== undefined ? { maxFileSize } : {}),
    ...(qualifiedEndpoints ? { qualifiedEndpoints } : {}),
  };
  return { settings, ignored, ...(ignoredBy ? { ignoredBy } : {}), sources: chain.map((c) => c.path) };
}
