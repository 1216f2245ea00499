/** The `snclint` command: arguments → files → lint → report → exit code. */
import { RULES } from '../../rules';
import { DEFAULT_SETTINGS } from './config/settings';
import { lint } from './engine/linter';
import type { Rule } from './engine/rule';
import type { FileError, LintResult, Severity } from './engine/types';
import { HELP, UsageError, parseArgs, type FailOn, type Format } from './cli/args';
import { MissingPathError, collectFiles } from './cli/collect';
import { formatJson } from './output/json';
import { formatStylish } from './output/stylish';
import { version } from '../../package.json';
import { findingMessage, fixTitle, localeFromEnv } from './i18n/catalogue';

/** Exit codes, as documented in the README. */
export const EXIT = { ok: 0, failed: 1, fatal: 2 } as const;

/** Where the CLI writes and what it knows of its terminal. */
export interface CliIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly isTty: boolean;
}

const RANK: Record<Severity, number> = { info: 0, warning: 1, error: 2 };
const THRESHOLD: Record<FailOn, number> = { info: 0, warning: 1, error: 2, none: Infinity };

/** Whether anything in the result reaches the fail-on level; unreadable and unparsable files count as errors. */
export function reachesFailOn(result: LintResult, failOn: FailOn): boolean {
  const limit = THRESHOLD[failOn];
  if (result.errors.some((e) => e.kind !== 'internal') && RANK.error >= limit) return true;
  return result.findings.some((f) => RANK[f.severity] >= limit);
}

/** Colour on a terminal unless NO_COLOR is set; FORCE_COLOR decides when present. */
export function useColor(env: CliIo['env'], isTty: boolean): boolean {
  const force = env['FORCE_COLOR'];
  if (force !== undefined) return force !== '0' && force.toLowerCase() !== 'false';
  if (env['NO_COLOR']) return false;
  return isTty;
}

function byFileAndLine(a: FileError, b: FileError): number {
  if (a.file !== b.file) return a.file < b.file ? -1 : 1;
  return (a.range?.start ?? -1) - (b.range?.start ?? -1);
}

function format(result: LintResult, fmt: Format, io: CliIo): string {
  return fmt === 'json' ? formatJson(result) : formatStylish(result, { color: useColor(io.env, io.isTty) });
}

/** Runs the command for the given arguments and returns the exit code; `rules` is replaceable for tests. */
export function run(argv: readonly string[], io: CliIo, rules: readonly Rule[] = RULES): number {
  try {
    const cmd = parseArgs(argv);
    if (cmd.kind === 'help') {
      io.stdout(HELP);
      return EXIT.ok;
    }
    if (cmd.kind === 'version') {
      io.stdout(`${version}\n`);
      return EXIT.ok;
    }
    const collected = collectFiles(cmd.paths);
    for (const p of collected.skipped) io.stderr(`snclint: warning: ${p} is not a Terraform, YAML or JSON file, skipped\n`);
    const linted = lint(collected.files, { rules, settings: DEFAULT_SETTINGS });
    // Messages follow LANG (LC_ALL, LC_MESSAGES); rule ids and the JSON shape do not change.
    const locale = localeFromEnv(io.env);
    const result: LintResult = {
      findings: locale === 'en' ? linted.findings : linted.findings.map((f) => ({ ...f, message: findingMessage(f.ruleId, f.message, locale), fixes: f.fixes.map((x) => ({ ...x, title: fixTitle(x.title, locale) })) })),
      errors: [...collected.errors, ...linted.errors].sort(byFileAndLine),
      files: linted.files + collected.errors.filter((e) => e.kind === 'io').length,
    };
    io.stdout(format(result, cmd.format, io));
    const internal = result.errors.filter((e) => e.kind === 'internal');
    if (internal.length) {
      const first = internal[0]!;
      const more = internal.length > 1 ? ` (and ${internal.length - 1} more)` : '';
      io.stderr(`snclint: internal error in ${first.file}: ${first.message.split('\n')[0]}${more}\n`);
      return EXIT.fatal;
    }
    return reachesFailOn(result, cmd.failOn) ? EXIT.failed : EXIT.ok;
  } catch (e) {
    if (e instanceof UsageError || e instanceof MissingPathError) io.stderr(`snclint: ${e.message}\n`);
    else io.stderr(`snclint: internal error: ${e instanceof Error ? e.message : String(e)}\n`);
    return EXIT.fatal;
  }
}

if (require.main === module) {
  // `snclint | head` closes the pipe early: that is the reader's choice, not a crash.
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(process.exitCode ?? EXIT.ok);
    throw e;
  });
  process.exitCode = run(process.argv.slice(2), {
    stdout: (t) => process.stdout.write(t),
    stderr: (t) => process.stderr.write(t),
    env: process.env,
    isTty: process.stdout.isTTY === true,
  });
}
