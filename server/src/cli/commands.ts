/** The commands besides linting: --init, --list-rules, --print-config. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { RuleMeta } from '../lint/rule';
import type { Loaded } from '../config/loader';
import { CONFIG_FILE_NAMES } from '../config/schema';
import { starterConfig } from '../config/starter';
import { UsageError } from './args';
import { WriteError, ioReason, replaceFile } from '../workspace/write';
import { escapeJsonForTerminal, escapeTerminal } from '../output/terminal';

/** What lies at a path, a symbolic link itself rather than its target; undefined when nothing does. */
function lstatOf(file: string): fs.Stats | undefined {
  try {
    return fs.lstatSync(file);
  } catch {
    return undefined;
  }
}

/**
 * Writes a starter .snclint.yml in `dir` and returns its path; refuses to overwrite a configuration, and
 * a name taken by anything, a dangling symbolic link included, so nothing is written through a link.
 */
export function initConfig(dir: string, rules: readonly RuleMeta[]): string {
  for (const name of CONFIG_FILE_NAMES) {
    const st = lstatOf(path.join(dir, name));
    if (st) throw new UsageError(`${name} already exists here${st.isSymbolicLink() ? ' (a symbolic link)' : ''}; not overwriting it`);
  }
  const name = CONFIG_FILE_NAMES[0];
  try {
    replaceFile(path.join(dir, name), starterConfig(rules), { create: true });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') throw new UsageError(`${name} already exists here; not overwriting it`);
    throw new WriteError(`cannot write ${name}: ${ioReason(e)}`);
  }
  return name;
}

/** The rules as a table, or as JSON. */
export function listRules(rules: readonly RuleMeta[], format: 'stylish' | 'json'): string {
  if (format === 'json') {
    const rows = rules.map((r) => ({
      id: r.id,
      title: r.title,
      severity: r.severity,
      fixable: r.fixable,
      requirements: r.requirements,
      description: r.description,
    }));
    return `${escapeJsonForTerminal(JSON.stringify(rows, null, 2))}\n`;
  }
  const idW = Math.max(2, ...rules.map((r) => r.id.length));
  const reqs = (r: RuleMeta) => r.requirements.join(',') || '-';
  const reqW = Math.max('SecNumCloud'.length, ...rules.map((r) => reqs(r).length));
  const lines = [`${'id'.padEnd(idW)}  severity  fix  ${'SecNumCloud'.padEnd(reqW)}  title`];
  for (const r of rules) {
    lines.push(
      `${r.id.padEnd(idW)}  ${r.severity.padEnd(8)}  ${(r.fixable ? 'yes' : 'no').padEnd(3)}  ${reqs(r).padEnd(reqW)}  ${escapeTerminal(r.title)}`,
    );
  }
  return `${lines.join('\n')}\n`;
}

/** The settings that apply to a file, as JSON. */
export function printConfig(loaded: Loaded): string {
  return `${JSON.stringify({ configFiles: loaded.sources, ignored: loaded.ignored, ...loaded.settings }, null, 2)}\n`;
}
