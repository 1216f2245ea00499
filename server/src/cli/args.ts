/** Command-line parsing for `snclint`: no dependency, strict about unknown options and values. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { repositoryRoot } from '../workspace/confine';

import { FORMATS, type Format, formatList } from '../output/formats';
export { FORMATS, type Format } from '../output/formats';

/** Levels `--fail-on` accepts, strictest last. */
export const FAIL_ON = ['error', 'warning', 'info', 'none'] as const;
/** The lowest severity that makes the run fail, or `none`. */
export type FailOn = (typeof FAIL_ON)[number];

/** One report to write: a format and a file, or stdout when `file` is absent. */
export interface Output {
  readonly format: Format;
  readonly file?: string;
}

/** What a lint run is asked to do. */
export interface LintCommand {
  readonly kind: 'lint';
  readonly paths: readonly string[];
  readonly outputs: readonly Output[];
  readonly failOn: FailOn;
  readonly maxWarnings?: number;
  readonly fix?: 'safe' | 'unsafe';
  readonly baseline?: string;
  readonly writeBaseline: boolean;
  /** Lint standard input as this file name (`--stdin --stdin-filename`). */
  readonly stdin?: string;
  readonly reportSuppressed: boolean;
  /** Lint files that .gitignore or the configuration's "ignore" globs hide (`--no-ignore`). */
  readonly noIgnore: boolean;
  /** Where results are kept between runs (`--cache`, `--cache-location`), when they are. */
  readonly cache?: string;
  /** Threads that lint (`--concurrency`): a number, or `auto` (one per core but one, up to four, for a large run). */
  readonly concurrency: number | 'auto';
}

/** What the command line asks for. */
export type Command =
  | { readonly kind: 'help' }
  | { readonly kind: 'version' }
  | { readonly kind: 'init' }
  | { readonly kind: 'list-rules'; readonly format: 'stylish' | 'json' }
  | { readonly kind: 'print-config'; readonly file: string }
  | LintCommand;

/** The cache file `--cache` uses when `--cache-location` is not given, in the current folder. */
export const DEFAULT_CACHE_FILE = '.snclint-cache';

/**
 * Where `--cache` keeps results when no location is given: inside the `.git` folder of the repository
 * holding the current folder, where no clone or pull request can plant a file, or `.snclint-cache` in
 * the current folder outside a repository.
 */
export function defaultCacheLocation(cwd: string): string {
  const root = repositoryRoot(cwd);
  if (root) {
    try {
      if (fs.lstatSync(path.join(root, '.git')).isDirectory()) return path.join(root, '.git', 'snclint-cache');
    } catch {
      // No readable .git folder: the current folder, as outside a repository.
    }
  }
  return DEFAULT_CACHE_FILE;
}

/** A mistake on the command line; the message is shown after `snclint: `. */
export class UsageError extends Error {}

/** The text `--help` prints. */
export const HELP = `Usage: snclint [options] [paths...]

Checks Terraform and Kubernetes files against SecNumCloud 3.2 requirements.
Paths are files or folders (default: the current folder); folders are searched
recursively for .tf, .tf.json, .tfvars, .yaml, .yml and .json files, skipping
node_modules, .terraform, hidden folders, files ignored by .gitignore and the
"ignore" globs of .snclint.yml.

Reports:
  -f, --format <name>[=<file>]  ${formatList()}
                                (an evidence report for an audit); repeat for several reports
  -o, --output <file>           Write the report (the formats given without =<file>) to a file
      --report-suppressed       Also list suppressed findings, with their reasons

Failing:
      --fail-on <error|warning|info|none>  Lowest severity that fails the run (default: error)
      --max-warnings <n>        Also fail when there are more than n warnings
      --baseline <file>         Fail only on findings not in this baseline
      --write-baseline          Write every current finding to the --baseline file

Fixing:
      --fix                     Apply safe fixes (they cannot change what is deployed)
      --fix --unsafe            Also apply fixes that change infrastructure

Input:
      --stdin                   Lint standard input (with --stdin-filename)
      --stdin-filename <path>   The path standard input stands for
      --no-ignore               Also lint what .gitignore and the "ignore" globs hide
      --cache                   Reuse the results of files unchanged since the last run
      --cache-location <file>   Where --cache keeps them (default: .git/snclint-cache in a
                            repository, .snclint-cache elsewhere)
      --concurrency <n|auto|off>  Threads that lint a large run (default: auto, one per
                                core but one, up to four; off: one)

Configuration:
      --init                    Write a commented .snclint.yml in the current folder
      --print-config <file>     Print the settings that apply to a file
      --list-rules              List the rules (with --format json: as JSON)

  -h, --help                    Show this help
  -v, --version                 Show the version

Exit codes:
  0  nothing at or above the --fail-on level (and no more than --max-warnings)
  1  at least one finding (or unreadable or unparsable file) at or above it
  2  usage error, invalid configuration, missing path, no file to lint, failed write or internal error
`;

function oneOf<T extends string>(option: string, value: string | undefined, allowed: readonly T[]): T {
  if (value === undefined || value === '') throw new UsageError(`option ${option} needs a value (${allowed.join(', ')})`);
  if (!(allowed as readonly string[]).includes(value))
    throw new UsageError(`invalid value '${value}' for ${option} (expected ${allowed.join(', ')})`);
  return value as T;
}

function needValue(option: string, value: string | undefined, what: string): string {
  if (value === undefined || value === '') throw new UsageError(`option ${option} needs ${what}`);
  return value;
}

const FLAGS = new Set([
  '-h',
  '--help',
  '-v',
  '--version',
  '--fix',
  '--unsafe',
  '--write-baseline',
  '--stdin',
  '--init',
  '--list-rules',
  '--report-suppressed',
  '--no-ignore',
  '--cache',
]);

/** Parses the arguments after `node cli.js`. Throws UsageError on a mistake. */
export function parseArgs(argv: readonly string[]): Command {
  const paths: string[] = [];
  const formats: Output[] = [];
  const flags = new Set<string>();
  let output: string | undefined;
  let failOn: FailOn = 'error';
  let maxWarnings: number | undefined;
  let baseline: string | undefined;
  let stdinName: string | undefined;
  let printConfig: string | undefined;
  let cacheLocation: string | undefined;
  let concurrency: number | 'auto' = 'auto';
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--') {
      paths.push(...argv.slice(i + 1));
      break;
    }
    if (!arg.startsWith('-') || arg === '-') {
      paths.push(arg);
      continue;
    }
    const eq = arg.startsWith('--') ? arg.indexOf('=') : -1;
    const name = eq < 0 ? arg : arg.slice(0, eq);
    const inline = eq < 0 ? undefined : arg.slice(eq + 1);
    const value = (): string | undefined => (inline !== undefined ? inline : argv[++i]);
    if (FLAGS.has(name)) {
      if (inline !== undefined) throw new UsageError(`option ${name} takes no value`);
      flags.add(name === '-h' ? '--help' : name === '-v' ? '--version' : name);
      continue;
    }
    switch (name) {
      case '-f':
      case '--format': {
        const v = needValue('--format', value(), `a value (${FORMATS.join(', ')})`);
        const at = v.indexOf('=');
        const format = oneOf('--format', at < 0 ? v : v.slice(0, at), FORMATS);
        const file = at < 0 ? undefined : needValue('--format', v.slice(at + 1), `a file name after ${format}=`);
        formats.push(file ? { format, file } : { format });
        break;
      }
      case '-o':
      case '--output':
        output = needValue('--output', value(), 'a file name');
        break;
      case '--fail-on':
        failOn = oneOf('--fail-on', value(), FAIL_ON);
        break;
      case '--max-warnings': {
        const v = needValue('--max-warnings', value(), 'a number');
        if (!/^\d+$/.test(v)) throw new UsageError(`invalid value '${v}' for --max-warnings (expected a whole number)`);
        maxWarnings = Number(v);
        break;
      }
      case '--baseline':
        baseline = needValue('--baseline', value(), 'a file name');
        break;
      case '--stdin-filename':
        stdinName = needValue('--stdin-filename', value(), 'a file name');
        break;
      case '--cache-location':
        cacheLocation = needValue('--cache-location', value(), 'a file name');
        break;
      case '--concurrency': {
        const v = needValue('--concurrency', value(), 'a value (a number, auto or off)');
        if (v === 'auto' || v === 'off') concurrency = v === 'off' ? 1 : 'auto';
        else if (/^[1-9]\d{0,2}$/.test(v)) concurrency = Number(v);
        else throw new UsageError(`invalid value '${v}' for --concurrency (expected a number from 1, auto or off)`);
        break;
      }
      case '--print-config':
        printConfig = needValue('--print-config', value(), 'a file name');
        break;
      default:
        throw new UsageError(`unknown option '${name}' (see snclint --help)`);
    }
  }
  if (flags.has('--help')) return { kind: 'help' };
  if (flags.has('--version')) return { kind: 'version' };
  if (flags.has('--init')) return { kind: 'init' };
  if (flags.has('--list-rules')) return { kind: 'list-rules', format: formats.some((f) => f.format === 'json') ? 'json' : 'stylish' };
  if (printConfig !== undefined) return { kind: 'print-config', file: printConfig };

  if (flags.has('--unsafe') && !flags.has('--fix')) throw new UsageError('--unsafe only goes with --fix');
  if (flags.has('--write-baseline') && !baseline) throw new UsageError('--write-baseline needs --baseline <file>');
  if (flags.has('--stdin') !== (stdinName !== undefined)) throw new UsageError('--stdin and --stdin-filename go together');
  if (flags.has('--stdin') && paths.length) throw new UsageError('--stdin takes no paths');
  if (flags.has('--stdin') && flags.has('--fix')) throw new UsageError('--fix cannot write to standard input');
  if (cacheLocation !== undefined && !flags.has('--cache')) throw new UsageError('--cache-location only goes with --cache');
  if (flags.has('--cache') && flags.has('--stdin')) throw new UsageError('--cache does not apply to standard input');
  const outputs = (formats.length ? formats : [{ format: 'stylish' as const }]).map((o) =>
    o.file || !output ? o : { ...o, file: output },
  );
  const seen = new Set<string>();
  for (const o of outputs) {
    const where = o.file ?? '(stdout)';
    if (seen.has(where))
      throw new UsageError(
        `two reports would be written to ${o.file ?? 'standard output'}: give each format its own file (--format ${o.format}=<file>)`,
      );
    seen.add(where);
  }
  return {
    kind: 'lint',
    paths: paths.length ? paths : ['.'],
    outputs,
    failOn,
    ...(maxWarnings !== undefined ? { maxWarnings } : {}),
    ...(flags.has('--fix') ? { fix: flags.has('--unsafe') ? ('unsafe' as const) : ('safe' as const) } : {}),
    ...(baseline ? { baseline } : {}),
    writeBaseline: flags.has('--write-baseline'),
    ...(stdinName !== undefined ? { stdin: stdinName } : {}),
    reportSuppressed: flags.has('--report-suppressed'),
    noIgnore: flags.has('--no-ignore'),
    ...(flags.has('--cache') ? { cache: cacheLocation ?? defaultCacheLocation(process.cwd()) } : {}),
    concurrency,
  };
}
