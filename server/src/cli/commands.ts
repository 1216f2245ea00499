/** The commands besides linting: --init, --list-rules, --print-config. */
import * as fs from 'fs';
import * as path from 'path';
import type { RuleMeta } from '../engine/rule';
import type { Loaded } from '../config/loader';
import { CONFIG_FILE_NAMES } from '../config/schema';
import { starterConfig } from '../config/starter';
import { UsageError } from './args';
import { escapeJsonForTerminal, escapeTerminal } from '../output/terminal';

/** Writes a starter .snclint.yml in `dir` and returns its path; refuses to overwrite a configuration. */
export function initConfig(dir: string, rules: readonly RuleMeta[]): string {
  for (const name of CONFIG_FILE_NAMES) {
    if (fs.existsSync(path.join(dir, name))) throw new UsageError(`${name} already exists here; not overwriting it`);
  }
  const file = path.join(dir, CONFIG_FILE_NAMES[0]);
  fs.writeFileSync(file, starterConfig(rules));
  return CONFIG_FILE_NAMES[0];
}

/** The rules as a table, or as JSON. */
export function listRules(rules: readonly RuleMeta[], format: 'stylish' | 'json'): string {
  if (format === 'json') {
    const rows = rules.map((r) => ({ id: r.id, title: r.title, severity: r.severity, fixable: r.fixable, requirements: r.requirements, description: r.description }));
    return escapeJsonForTerminal(JSON.stringify(rows, null, 2)) + '\n';
  }
  const idW = Math.max(2, ...rules.map((r) => r.id.length));
  const reqs = (r: RuleMeta) => r.requirements.join(',') || '-';
  const reqW = Math.max('SecNumCloud'.length, ...rules.map((r) => reqs(r).length));
  const lines = [`${'id'.padEnd(idW)}  severity  fix  ${'SecNumCloud'.padEnd(reqW)}  title`];
  for (const r of rules) {
    lines.push(`${r.id.padEnd(idW)}  ${r.severity.padEnd(8)}  ${(r.fixable ? 'yes' : 'no').padEnd(3)}  ${reqs(r).padEnd(reqW)}  ${escapeTerminal(r.title)}`);
  }
  return lines.join('\n') + '\n';
}

/** The settings that apply to a file, as JSON. */
export function printConfig(loaded: Loaded): string {
  return JSON.stringify({ configFiles: loaded.sources, ignored: loaded.ignored, ...loaded.settings }, null, 2) + '\n';
}
