/** The `snclint` command: arguments → configuration → files → lint → reports → exit code. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { relativeInside, resolvePath } from './engine/paths';
import { RULES } from '../../rules';
import { configVocabulary } from '../../rules/vocabulary';
import { type LintOptions, lint } from './lint/linter';
import { type GroupResult, settle } from './lint/across';
import { type GroupOptions, lintInGroups, lintInOrder } from './lint/groups';
import { evictWaiting, garbageCollector, releaseUnquoted, withUnreadable } from './cli/memory';
import { BatchThreads, isBatchWorker, serveBatches, threadsFor } from './cli/threads';
import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import { ResultCache } from './cli/cache';
import { tuneForShortRun } from './cli/tiering';
import { settingsMemo } from './cli/settings-memo';
import type { Rule, RuleMeta } from './lint/rule';
import { SourceFile, languageOf } from './engine/source';
import type { FileError, Finding, LintResult, Severity } from './engine/types';
import { INVALID_SUPPRESSION } from './lint/suppressions';
import type { Settings } from './config/settings';
import { ConfigLoader, readConfigFile, type Loaded } from './config/loader';
import { Project } from './workspace/confine';
import { DEFAULT_MAX_FILE_SIZE } from './engine/limits';
import type { ConfigProblem } from './config/schema';
import { HELP, UsageError, parseArgs, type FailOn, type LintCommand, type Output } from './cli/args';
import { MissingPathError, collectFiles } from './workspace/walk';
import { FolderListings } from './workspace/listings';
import { BaselineError, newFindings, readBaseline, toBaseline } from './cli/baseline';
import { fixFiles, fixReport } from './cli/fix';
import { initConfig, listRules, printConfig } from './cli/commands';
import { moduleContext, moduleSiblings } from './workspace/module-files';
import { namedVarFiles } from './workspace/var-files';
import { WriteError, writeOutputFile } from './workspace/write';
import { InstalledModuleReader, terraformFolders } from './workspace/installed-modules';
import { formatSpec } from './output/formats';
import { fingerprints, slashed } from './output/fingerprint';
import type { ConfigInForce, ReportContext } from './output/report';
import { escapeJsonForTerminal, escapeTerminalLines } from './output/terminal';
import { version } from '../../package.json';
import { findingMessage, fixTitle, localeFromEnv } from './i18n/catalogue';

/** This script, when it is the bundle that can start itself as a batch worker (not the sources under test). */
const WORKER_SCRIPT = __filename.endsWith('.js') ? __filename : undefined;

/** How the command lints a batch, on its own thread or a worker's. */
function lintOptions(rules: readonly Rule[], settingsFor: (f: SourceFile) => Settings, today: string): LintOptions {
  return { rules, settingsFor, today, absolutePath: resolvePath, deferAcross: true };
}

/** Exit codes, as documented in the README. */
export const EXIT = { ok: 0, failed: 1, fatal: 2 } as const;

/** Where the CLI writes and what it knows of its terminal. */
export interface CliIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly isTty: boolean;
  /** Whether stderr is a terminal: progress is shown there only then. */
  readonly stderrIsTty?: boolean;
  /** Reads all of standard input (for `--stdin`). */
  readonly readStdin?: () => string;
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
  const force = env.FORCE_COLOR;
  if (force !== undefined) return force !== '0' && force.toLowerCase() !== 'false';
  if (env.NO_COLOR) return false;
  return isTty;
}

function byFileAndLine(a: FileError, b: FileError): number {
  if (a.file !== b.file) return a.file < b.file ? -1 : 1;
  return (a.range?.start ?? -1) - (b.range?.start ?? -1);
}

/** A configuration that cannot be used: the run stops with exit code 2. */
class ConfigError extends Error {
  constructor(readonly problems: readonly ConfigProblem[]) {
    super('invalid configuration');
  }
}

/** Every rule a configuration may name in this run. */
function metasOf(rules: readonly Rule[]): RuleMeta[] {
  return [...rules.map((r) => r.meta), INVALID_SUPPRESSION];
}

function render(output: Output, ctx: ReportContext, io: CliIo): string {
  return formatSpec(output.format).render(ctx, { color: !output.file && useColor(io.env, io.isTty) });
}

/** The progress line, through the terminal's own stderr: its control sequences are snclint's, not a file's. */
function progress(io: CliIo, text: string | undefined): void {
  if (!io.stderrIsTty) return;
  (rawStderr.get(io) ?? io.stderr)(text === undefined ? '\r\u001b[K' : `\r\u001b[K${escapeTerminalLines(text)}`);
}

const rawStderr = new WeakMap<CliIo, CliIo['stderr']>();

/** The CLI's I/O with every message on stderr escaped for the terminal (they quote file names and configuration values). */
function terminalIo(io: CliIo): CliIo {
  const safe: CliIo = { ...io, stderr: (text) => io.stderr(escapeTerminalLines(text)) };
  rawStderr.set(safe, io.stderr);
  return safe;
}

/** Reads the files of a run (from the paths, or standard input) with the settings of each. */
function gather(
  cmd: LintCommand,
  io: CliIo,
  loader: { load(file: string): Loaded },
  project: Project,
  listings: FolderListings,
): {
  files: SourceFile[];
  errors: FileError[];
  stdinFile?: SourceFile;
  notChecked?: { path: string; reason: string }[];
  context?: SourceFile[];
} {
  if (cmd.stdin !== undefined) {
    const name = cmd.stdin;
    const language = languageOf(name);
    if (!language) throw new UsageError(`--stdin-filename ${name} is not a Terraform, YAML or JSON file name`);
    let text = (io.readStdin ?? (() => fs.readFileSync(0, 'utf8')))();
    if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    const file = new SourceFile(name, text, language);
    if (!cmd.noIgnore && loader.load(path.resolve(name)).ignored) return { files: [], errors: [] };
    return {
      files: [file, ...moduleSiblings(file, (p) => (path.resolve(p) === path.resolve(name) ? text : undefined), [], project)],
      errors: [],
      stdinFile: file,
    };
  }
  const maxFileSize = (abs: string): number => loader.load(abs).settings.maxFileSize ?? DEFAULT_MAX_FILE_SIZE;
  const common = { project, maxFileSize, listings };
  const collected = collectFiles(
    cmd.paths,
    cmd.noIgnore ? { gitignore: false, ...common } : { isIgnored: (abs) => loader.load(abs).ignored, ...common },
  );
  for (const p of collected.skipped) io.stderr(`snclint: warning: ${p} is not a Terraform, YAML or JSON file, skipped\n`);
  for (const p of collected.ignored)
    io.stderr(`snclint: warning: ${ignoredWarning(p, loader.load(path.resolve(p)).ignoredBy, 'the configuration')}\n`);
  for (const g of collected.gitignored) io.stderr(`snclint: warning: ${ignoredWarning(g.path, g, '.gitignore')}\n`);
  if (
    !collected.files.length &&
    !collected.errors.length &&
    !collected.skipped.length &&
    !collected.ignored.some(isFile) &&
    !collected.gitignored.some((g) => isFile(g.path))
  )
    throw new NoFilesError(cmd.paths);
  const notChecked = [
    ...collected.skipped.map((p) => ({ path: p, reason: 'not a Terraform, YAML or JSON file' })),
    ...collected.ignored.map((p) => ({ path: p, reason: ignoredWarning(p, loader.load(path.resolve(p)).ignoredBy, 'the configuration') })),
    ...collected.gitignored.map((g) => ({ path: g.path, reason: ignoredWarning(g.path, g, '.gitignore') })),
  ];
  return {
    files: [...collected.files],
    errors: [...collected.errors],
    notChecked,
    context: cmd.fix ? [] : moduleContext(new Set(cmd.paths.filter(isFile).map((p) => path.resolve(p))), collected.files, project),
  };
}

/** A run that finds no file to lint: nothing was checked, so it cannot pass. */
class NoFilesError extends Error {
  constructor(paths: readonly string[]) {
    super(`no Terraform, YAML or JSON file to lint in ${paths.join(', ')}`);
  }
}

function isFile(p: string): boolean {
  try {
    return !fs.statSync(p).isDirectory();
  } catch {
    return true;
  }
}

/** Why a path named on the command line is skipped: the ignore file and the pattern. */
function ignoredWarning(p: string, by: { readonly file: string; readonly pattern: string } | undefined, kind: string): string {
  const where = by ? `pattern '${by.pattern}' in ${path.relative(process.cwd(), by.file) || by.file}; ` : '';
  // Names and patterns come from the repository: control characters never reach the terminal.
  return `${p} is ignored by ${kind}, skipped (${where}--no-ignore lints it)`.replace(
    /[\u0000-\u001f\u007f-\u009f]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

function lintRun(cmd: LintCommand, io: CliIo, rules: readonly Rule[]): number {
  // Paths named on the command line are trusted as given; what their content names must stay in their project.
  const project = Project.of(cmd.stdin !== undefined ? [cmd.stdin] : cmd.paths);
  // The walk lists every folder it enters: configuration discovery asks those listings before the disk.
  const listings = new FolderListings();
  const configs = new ConfigLoader(listings.reader(readConfigFile), configVocabulary(rules), project, (dir) =>
    listings.isRepositoryRoot(dir),
  );
  // One resolution per file (or per folder) for the whole run: walking (ignored, size limit), settings and the report share it.
  const load = settingsMemo(configs);
  const gathered = gather(cmd, io, { load }, project, listings);
  const context = new Set(gathered.context ?? []);
  let files = [...gathered.files, ...context];
  const problems = new Map<string, ConfigProblem>();
  for (const f of files) for (const p of load(f.path).problems) problems.set(`${p.file}:${p.line}:${p.column}:${p.message}`, p);
  if (problems.size) throw new ConfigError([...problems.values()]);

  const settingsFor = (f: SourceFile): Settings => load(f.path).settings;
  files = [...files, ...namedVarFiles(files, settingsFor, gathered.errors, project)];
  // What init installed (registry, git... modules), read from inside the project only; for standard
  // input, the module's siblings already hold them.
  if (!gathered.stdinFile) {
    const installed = new InstalledModuleReader().read(terraformFolders(files), project, { listings });
    files = [...files, ...installed.files];
    gathered.errors.push(...installed.errors);
  }
  const today = new Date().toISOString().slice(0, 10);
  // In groups of files that do not see each other, so a large run does not hold every parse tree at once.
  const collect = garbageCollector();
  // Once a group is linted, only the files a report quotes keep their text (--fix and --cache read every file's text again).
  const release = !cmd.fix && cmd.cache === undefined;
  const afterBatch = (batch: readonly SourceFile[], result: GroupResult): void => {
    if (release) releaseUnquoted(batch, result);
    collect();
  };
  const related = (f: SourceFile): readonly string[] =>
    f.language === 'terraform' || f.language === 'terraform-json' ? (settingsFor(f).varFiles ?? []) : [];
  const cache =
    cmd.cache === undefined
      ? undefined
      : ResultCache.open(cmd.cache, {
          version,
          ruleIds: rules.map((r) => r.meta.id),
          today,
          cwd: process.cwd(),
          settingsFor,
          readSummary: (id, data) => rules.find((r) => r.meta.id === id)?.across?.read(data),
        });
  // Manifests too are split into groups; rules judging across the run settle after the last one.
  // Worker threads lint with the rules of this script: a run with other rules (tests) stays on one thread.
  const threads = !cmd.fix && !cache && rules === RULES ? cmd.concurrency : 1;
  const runBatches: GroupOptions['runBatches'] = (batches, lintOne, after) => {
    const chars = batches.reduce((n, b) => b.reduce((m, f) => m + f.text.length, n), 0);
    // The texts just evicted are freed before the first batch, while there is little compiled code to lose.
    if (evictWaiting(batches, chars)) collect(true);
    const count = threadsFor(threads, batches.length, chars);
    const pool = count > 1 ? BatchThreads.start(WORKER_SCRIPT, count - 1, batches.length, today) : undefined;
    if (!pool) return withUnreadable(batches, lintInOrder(batches, lintOne, after));
    try {
      return withUnreadable(batches, pool.run(batches, lintOne, settingsFor, after));
    } finally {
      pool.close();
    }
  };
  const lintAll = (fs_: readonly SourceFile[]): LintResult =>
    lintInGroups(fs_, (group) => lint(group, lintOptions(rules, settingsFor, today)), {
      afterBatch,
      related,
      runBatches,
      settle: (r, d) => settle(r, d, rules),
      ...(cache ? { cache } : {}),
    });
  progress(io, `snclint: linting ${files.length} files...`);
  const fixed = cmd.fix ? fixFiles(files, lintAll, cmd.fix, project) : undefined;
  if (fixed) files = fixed.files;
  const linted = lintAll(files);
  if (cache && cmd.cache !== undefined) cache.write(cmd.cache, project, (m) => io.stderr(`snclint: warning: ${m}\n`));
  progress(io, undefined);
  if (fixed) for (const line of fixReport(fixed)) io.stderr(line);
  // Module siblings read for standard input give context only: their findings are not this run's.
  const own = (f: Finding) => (!gathered.stdinFile || f.file === gathered.stdinFile) && !context.has(f.file);
  let findings = linted.findings.filter(own);
  if (cmd.baseline && cmd.writeBaseline) {
    writeOutputFile(cmd.baseline, `${JSON.stringify(toBaseline(findings, cmd.baseline), null, 2)}\n`, project);
    io.stderr(`snclint: wrote ${findings.length} findings to ${cmd.baseline}\n`);
    return EXIT.ok;
  }
  if (cmd.baseline) findings = newFindings(findings, readBaseline(cmd.baseline), cmd.baseline);
  const suppressed = (linted.suppressed ?? []).filter((s) => own(s.finding));
  // Fingerprints come from the engine's findings, keyed by place, so that reports which reword
  // messages (translations) keep the same fingerprints as the baseline and earlier runs.
  const cwd = process.cwd();
  const printOf = new Map<string, string>();
  const keep = (list: readonly Finding[]) =>
    fingerprints(list, (f) => slashed(path.relative(cwd, path.resolve(f.file.path)))).forEach((p, i) => {
      const f = list[i]!;
      printOf.set(`${placeKey(f)}\0${f.message}`, p);
      if (!printOf.has(placeKey(f))) printOf.set(placeKey(f), p);
    });
  keep(findings);
  keep(suppressed.map((s) => s.finding));
  // Messages follow LANG (LC_ALL, LC_MESSAGES); rule ids, fingerprints and the JSON shape do not change.
  const locale = localeFromEnv(io.env);
  const translate = (f: Finding): Finding =>
    locale === 'en'
      ? f
      : { ...f, message: findingMessage(f, locale), fixes: f.fixes.map((x) => ({ ...x, title: fixTitle(f.ruleId, x, locale) })) };
  const result: LintResult = {
    findings: findings.map(translate),
    errors: [
      ...gathered.errors,
      ...linted.errors.filter(
        (e) =>
          (!gathered.stdinFile || e.source === gathered.stdinFile || e.file === gathered.stdinFile.path) &&
          !(e.source && context.has(e.source)),
      ),
    ].sort(byFileAndLine),
    files: (gathered.stdinFile ? 1 : linted.files - context.size) + gathered.errors.filter((e) => e.kind === 'io').length,
    suppressed: suppressed.map((x) => ({ ...x, finding: translate(x.finding) })),
  };
  const ctx: ReportContext = {
    result,
    rules: metasOf(rules),
    cwd,
    version,
    fingerprint: (f) => printOf.get(`${placeKey(f)}\0${f.message}`) ?? printOf.get(placeKey(f)) ?? '',
    reportSuppressed: cmd.reportSuppressed,
    color: false,
    locale,
    configurations: configurationsInForce(
      files.filter((f) => !context.has(f)),
      load,
    ),
    notChecked: gathered.notChecked ?? [],
    options: optionsInForce(cmd),
    today,
  };
  // A report that cannot be written does not stop the others; the run then ends with exit code 2.
  let unwritten = false;
  for (const output of cmd.outputs) {
    const text = render(output, ctx, io);
    if (!output.file) io.stdout(text);
    else {
      try {
        writeOutputFile(output.file, text, project);
      } catch (e) {
        if (!(e instanceof WriteError)) throw e;
        io.stderr(`snclint: ${e.message}\n`);
        unwritten = true;
      }
    }
  }

  const internal = result.errors.filter((e) => e.kind === 'internal');
  if (internal.length) {
    const first = internal[0]!;
    const more = internal.length > 1 ? ` (and ${internal.length - 1} more)` : '';
    io.stderr(`snclint: internal error in ${first.file}: ${first.message.split('\n')[0]}${more}\n`);
    return EXIT.fatal;
  }
  if (unwritten || fixed?.failed.length) return EXIT.fatal;
  if (reachesFailOn(result, cmd.failOn)) return EXIT.failed;
  const warnings = result.findings.filter((f) => f.severity === 'warning').length;
  if (cmd.maxWarnings !== undefined && warnings > cmd.maxWarnings) {
    io.stderr(`snclint: ${warnings} warnings, more than --max-warnings ${cmd.maxWarnings}\n`);
    return EXIT.failed;
  }
  return EXIT.ok;
}

/** The settings of the run's files, one entry per distinct chain of configuration files. */
function configurationsInForce(files: readonly SourceFile[], load: (file: string) => Loaded): ConfigInForce[] {
  const byChain = new Map<string, { sources: readonly string[]; settings: Settings; files: number }>();
  for (const f of files) {
    const l = load(f.path);
    const key = l.sources.join('\0');
    const entry = byChain.get(key);
    if (entry) entry.files++;
    else byChain.set(key, { sources: l.sources, settings: l.settings, files: 1 });
  }
  return [...byChain.values()];
}

/** The options that decide a run's outcome, as a reader of its report needs them. */
function optionsInForce(cmd: LintCommand): string[] {
  return [
    `--fail-on ${cmd.failOn}`,
    ...(cmd.maxWarnings !== undefined ? [`--max-warnings ${cmd.maxWarnings}`] : []),
    ...(cmd.baseline ? [`--baseline ${cmd.baseline}`] : []),
    ...(cmd.fix ? [cmd.fix === 'unsafe' ? '--fix --unsafe' : '--fix'] : []),
    ...(cmd.noIgnore ? ['--no-ignore'] : []),
  ];
}

/** A finding's rule and place, which a translated copy of it shares. */
function placeKey(f: Finding): string {
  return `${f.ruleId}\0${f.file.path}\0${f.range.start}\0${f.range.end}`;
}

function describeProblem(p: ConfigProblem): string {
  return `${relativeInside(process.cwd(), p.file) ?? p.file}:${p.line}:${p.column}: ${p.message}`;
}

/** Runs the command for the given arguments and returns the exit code; `rules` is replaceable for tests. */
export function run(argv: readonly string[], rawIo: CliIo, rules: readonly Rule[] = RULES): number {
  const io = terminalIo(rawIo);
  try {
    const cmd = parseArgs(argv);
    switch (cmd.kind) {
      case 'help':
        io.stdout(HELP);
        return EXIT.ok;
      case 'version':
        io.stdout(`${version}\n`);
        return EXIT.ok;
      case 'init':
        io.stderr(`snclint: wrote ${initConfig(process.cwd(), metasOf(rules))}\n`);
        return EXIT.ok;
      case 'list-rules':
        io.stdout(listRules(metasOf(rules), cmd.format));
        return EXIT.ok;
      case 'print-config': {
        const loaded = new ConfigLoader(readConfigFile, configVocabulary(rules), Project.of([cmd.file])).load(path.resolve(cmd.file));
        if (loaded.problems.length) throw new ConfigError(loaded.problems);
        io.stdout(escapeJsonForTerminal(printConfig(loaded)));
        return EXIT.ok;
      }
      case 'lint':
        return lintRun(cmd, io, rules);
    }
  } catch (e) {
    if (e instanceof ConfigError) {
      for (const p of e.problems) io.stderr(`snclint: ${describeProblem(p)}\n`);
    } else if (
      e instanceof UsageError ||
      e instanceof MissingPathError ||
      e instanceof BaselineError ||
      e instanceof WriteError ||
      e instanceof NoFilesError
    )
      io.stderr(`snclint: ${e.message}\n`);
    else io.stderr(`snclint: internal error: ${e instanceof Error ? e.message : String(e)}\n`);
    return EXIT.fatal;
  }
}

if (!isMainThread && parentPort && isBatchWorker(workerData)) {
  serveBatches(
    parentPort,
    workerData,
    (files, settingsFor, today) => lint(files, lintOptions(RULES, settingsFor, today)),
    garbageCollector(),
  );
} else if (require.main === module) {
  tuneForShortRun();
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
    stderrIsTty: process.stderr.isTTY === true && !process.env.CI,
  });
}
