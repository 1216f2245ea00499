// `npm run bench`: snclint's speed, latency and memory, each measured side by side in one run.
// Prints a table, writes bench/results/latest.json and appends a line to bench/results/history.jsonl.
// Run after `npm run build` (the npm script does both). Needs ../shared/corpus for most figures;
// without it, prints what it can measure and exits 0.
import { spawn, execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as os from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath, pathToFileURL } from 'node:url';
import * as esbuild from 'esbuild';
import { profileShares } from './profile.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
// SNCLINT_BENCH_CORPUS points elsewhere (or nowhere, to try the run without a corpus).
const CORPUS = path.resolve(ROOT, process.env.SNCLINT_BENCH_CORPUS ?? path.join('..', 'shared', 'corpus'));
const CLI = path.join(ROOT, 'server', 'out', 'cli.js');
const SERVER = path.join(ROOT, 'server', 'out', 'server.js');
const EXTENSION = path.join(ROOT, 'client', 'out', 'extension.js');
const RESULTS = path.join(ROOT, 'bench', 'results');
const require = createRequire(path.join(ROOT, 'package.json'));
const RUNS = 3; // timed runs after one warm-up; the median is reported
/** Turns of the command and its parsers, one after the other, for the command's ratios (the goals). */
const TURNS = 5;
const EDITS = 40;
const PAUSE_MS = 100; // between the diagnostics of an edit and the next edit
const BURSTS = 10;
const BURST_KEYS = 5;
const BURST_GAP_MS = 10;
const BIG_BYTES = 4e6;
/** Unencrypted volumes after each corpus file of the big file with thousands of findings. */
const BIG_VOLUMES = 3;
const REQUEST_EVERY_MS = 5;
// `--only editor`: the editor section alone (latency and requests during a big lint), for iteration;
// `--only command`: the throughput and command sections alone (parsers, the CLI at scale 1x and 4x, --cache).
const ONLY = process.argv.includes('--only') ? process.argv[process.argv.indexOf('--only') + 1] : undefined;
const SERVER_FILES = 200;

// ---------------------------------------------------------------- helpers

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
/** Nearest-rank percentile. */
const percentile = (xs, p) => [...xs].sort((a, b) => a - b)[Math.max(0, Math.ceil((p / 100) * xs.length) - 1)];
const bytesOf = (files) => files.reduce((n, f) => n + Buffer.byteLength(f.text), 0);
const mb = (bytes) => bytes / 1e6;
const delay = (ms) => new Promise((r) => setTimeout(r, ms));
const log = (msg) => process.stderr.write(`bench: ${msg}\n`);

/** Every file under `dir` snclint reads, sorted, skipping hidden entries as the CLI does. */
function walk(dir, languageOf, out = []) {
  for (const e of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    if (e.name.startsWith('.') || e.name === 'node_modules') continue;
    const full = path.join(dir, e.name);
    if (e.isDirectory()) walk(full, languageOf, out);
    else if (e.isFile() && languageOf(full))
      out.push({ path: full, language: languageOf(full), text: fs.readFileSync(full, 'utf8').replace(/^\uFEFF/, '') });
  }
  return out;
}

/** Bundles bench/engine-entry.ts (the TypeScript engine) to a temporary CommonJS file and loads it. */
async function loadEngine() {
  const outfile = path.join(os.tmpdir(), `snclint-bench-engine-${process.pid}.cjs`);
  await esbuild.build({
    entryPoints: [path.join(ROOT, 'bench', 'engine-entry.ts')],
    outfile,
    bundle: true,
    platform: 'node',
    target: 'node18',
    format: 'cjs',
    mainFields: ['module', 'main'], // as esbuild.mjs: jsonc-parser's ESM entry bundles cleanly
    logLevel: 'warning',
  });
  try {
    return require(outfile);
  } finally {
    fs.rmSync(outfile, { force: true });
  }
}

function gitCommit() {
  try {
    const commit = execFileSync('git', ['rev-parse', 'HEAD'], { cwd: ROOT, encoding: 'utf8' }).trim();
    const dirty = execFileSync('git', ['status', '--porcelain', '--untracked-files=no'], { cwd: ROOT, encoding: 'utf8' }).trim() !== '';
    return { commit, dirty };
  } catch {
    return { commit: null, dirty: null };
  }
}

/** Runs `node [args]` to completion; returns wall time, exit code, stderr and the peak RSS reported by bench/maxrss.cjs. */
function runNode(args) {
  return new Promise((resolve, reject) => {
    const t = performance.now();
    const child = spawn(process.execPath, ['--require', path.join(ROOT, 'bench', 'maxrss.cjs'), ...args], {
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (c) => (stderr += c));
    child.on('error', reject);
    child.on('exit', (code) => {
      const ms = performance.now() - t;
      const m = /snclint-bench-maxrss-kb=(\d+)/.exec(stderr);
      resolve({ ms, code, stderr, maxRssMb: m ? Number(m[1]) / 1024 : undefined });
    });
  });
}

/** Reads a field of /proc/<pid>/status in MB (Linux only). */
function procStatusMb(pid, field) {
  try {
    const m = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) / 1024 : undefined;
  } catch {
    return undefined;
  }
}

// ---------------------------------------------------------------- a minimal LSP client

/** The server bundle over stdio, push diagnostics, waiting for diagnostics by uri and version. */
class Server {
  constructor() {
    const rpc = require('vscode-jsonrpc/node');
    this.spawnedAt = performance.now();
    this.child = spawn(process.execPath, [SERVER, '--stdio'], { stdio: 'pipe' });
    this.stderr = '';
    this.child.stderr.on('data', (c) => (this.stderr += c));
    this.published = new Map(); // `${uri}#${version}` → time received
    this.last = new Map(); // uri → its last diagnostics
    this.waiters = new Map();
    this.conn = rpc.createMessageConnection(new rpc.StreamMessageReader(this.child.stdout), new rpc.StreamMessageWriter(this.child.stdin));
    this.conn.onNotification('textDocument/publishDiagnostics', (p) => {
      const key = `${p.uri}#${p.version}`;
      const now = performance.now();
      this.published.set(key, now);
      this.last.set(p.uri, p.diagnostics);
      this.waiters.get(key)?.(now);
      this.waiters.delete(key);
    });
    this.conn.onNotification('window/logMessage', () => {});
    this.conn.onRequest('client/registerCapability', () => null);
    this.conn.onRequest('workspace/configuration', (p) => p.items.map(() => null));
    this.conn.listen();
  }

  get pid() {
    return this.child.pid;
  }

  async initialize() {
    await this.conn.sendRequest('initialize', {
      processId: process.pid,
      rootUri: null,
      workspaceFolders: null,
      capabilities: { textDocument: { publishDiagnostics: { versionSupport: true, relatedInformation: true } } },
    });
    await this.conn.sendNotification('initialized', {});
  }

  open(uri, languageId, text) {
    return this.conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId, version: 1, text } });
  }

  change(uri, version, text) {
    return this.conn.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ text }] });
  }

  /** Resolves with the time the diagnostics of `uri` at `version` arrived. */
  diagnostics(uri, version, timeoutMs = 30000) {
    const key = `${uri}#${version}`;
    if (this.published.has(key)) return Promise.resolve(this.published.get(key));
    return new Promise((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`no diagnostics for ${key} within ${timeoutMs} ms; server stderr: ${this.stderr}`)),
        timeoutMs,
      );
      this.waiters.set(key, (t) => {
        clearTimeout(timer);
        resolve(t);
      });
    });
  }

  async stop() {
    try {
      await Promise.race([this.conn.sendRequest('shutdown'), delay(2000)]);
      await this.conn.sendNotification('exit');
    } catch {
      // already gone: killed below
    }
    await Promise.race([new Promise((r) => this.child.once('exit', r)), delay(2000)]);
    if (this.child.exitCode === null) this.child.kill();
    this.conn.dispose();
  }
}

const LANGUAGE_IDS = { terraform: 'terraform', 'terraform-vars': 'terraform-vars', 'terraform-json': 'json', yaml: 'yaml', json: 'json' };

// ---------------------------------------------------------------- measurements

const rows = []; // { section, name, value, unit, target, pass, detail }
const notes = [];
function record(section, name, value, unit, target, pass, detail) {
  rows.push({ section, name, value, unit, target, pass, detail });
}

/** 1. In-process throughput: snclint's full lint against a parse-only baseline on the same texts, runs interleaved. */
async function throughput(engine, files, kind, baselineName, baseline, target) {
  const bytes = bytesOf(files);
  const snclint = () =>
    engine.lint(
      files.map((f) => new engine.SourceFile(f.path, f.text, f.language)),
      { rules: engine.RULES, settings: engine.DEFAULT_SETTINGS },
    );
  // Warm both sides, then interleave the timed runs so machine noise falls on both alike.
  const first = snclint();
  const warm = await baseline();
  const ours = [];
  const theirs = [];
  for (let i = 0; i < RUNS; i++) {
    let t = performance.now();
    snclint();
    ours.push(performance.now() - t);
    t = performance.now();
    await baseline();
    theirs.push(performance.now() - t);
  }
  const a = median(ours);
  const b = median(theirs);
  const ratio = b / a;
  const detail = `${files.length} files, ${mb(bytes).toFixed(1)} MB; snclint ${a.toFixed(0)} ms (${(mb(bytes) / (a / 1000)).toFixed(1)} MB/s, ${first.findings.length} findings, ${first.errors.length} file errors) vs ${baselineName} ${b.toFixed(0)} ms (${(mb(bytes) / (b / 1000)).toFixed(1)} MB/s${warm.failures ? `, ${warm.failures} files failed to parse, still timed` : ''})`;
  if (kind === 'terraform') {
    record('Throughput', `Terraform: ${baselineName} time / snclint time`, ratio, 'x', '>= 8x', ratio >= target, detail);
  } else {
    record('Throughput', `YAML: snclint time / ${baselineName} time`, 1 / ratio, 'x', '<= 1.3x', 1 / ratio <= target, detail);
  }
  return { files: files.length, bytes, snclintMs: ours, baselineMs: theirs };
}

/**
 * The CLI process over `dir` and the bare parsers of the same files, in turns after one warm-up
 * of each: the command's ratios compare two figures that a change in the machine's load (which
 * moves a run by a tenth here) met alike. Median wall times, and the CLI's peak RSS.
 */
async function commandInTurns(dir, parsers) {
  const args = [CLI, '--format', 'json', '--fail-on', 'none', dir];
  await runNode(args);
  await parsers();
  const ours = [];
  const theirs = [];
  let rss = 0;
  for (let i = 0; i < TURNS; i++) {
    const r = await runNode(args);
    if (r.code !== 0) notes.push(`CLI exited ${r.code} over ${dir}: ${r.stderr.split('\n')[0]}`);
    ours.push(r.ms);
    rss = Math.max(rss, r.maxRssMb ?? NaN);
    const t = performance.now();
    await parsers();
    theirs.push(performance.now() - t);
  }
  return { ms: median(ours), parsersMs: median(theirs), rssMb: rss, runs: ours, parserRuns: theirs };
}

/** The CLI process over the whole corpus, in turns with hcl2json + yaml: wall time (median) and peak RSS (max over the runs). */
async function cliWholeCorpus(corpusBytes, corpusFiles, parsers) {
  const whole = await commandInTurns(CORPUS, parsers);
  const { ms, rssMb: rss } = whole;
  record(
    'Throughput',
    'CLI end to end, whole corpus (process wall time)',
    ms,
    'ms',
    '(info)',
    undefined,
    `${corpusFiles} files, ${mb(corpusBytes).toFixed(1)} MB, ${(mb(corpusBytes) / (ms / 1000)).toFixed(1)} MB/s, node start-up and JSON report included`,
  );
  record('Memory', 'CLI peak RSS, whole corpus', rss, 'MB', '< 300 MB', rss < 300, 'process.resourceUsage().maxRSS at exit');
  return whole;
}

/** Copies `files` (corpus paths) under `to`, `copies` times side by side (copy-1, copy-2...), keeping their folders. */
function copyTree(files, to, copies) {
  for (let c = 1; c <= copies; c++) {
    for (const f of files) {
      const dest = path.join(to, `copy-${c}`, path.relative(CORPUS, f.path));
      fs.mkdirSync(path.dirname(dest), { recursive: true });
      fs.writeFileSync(dest, f.text);
    }
  }
  return to;
}

/** Median wall time and peak RSS of `runs` CLI processes over `dir` (after one warm-up), with extra arguments. */
async function cliRuns(dir, extra = [], runs = RUNS) {
  const args = [CLI, '--format', 'json', '--fail-on', 'none', ...extra, dir];
  await runNode(args);
  const out = [];
  for (let i = 0; i < runs; i++) out.push(await runNode(args));
  const bad = out.find((r) => r.code !== 0);
  if (bad) notes.push(`CLI exited ${bad.code} over ${dir}: ${bad.stderr.split('\n')[0]}`);
  return { ms: median(out.map((r) => r.ms)), rssMb: Math.max(...out.map((r) => r.maxRssMb ?? NaN)) };
}

/**
 * The whole command against the bare parsers, timed in this run: the CLI process over a copy of the
 * corpus's Terraform files against hcl2json's parse of them (goal >= 4x, aiming at 8x), and over the
 * whole corpus against hcl2json + yaml. Each in turns with the parsers run in this process (their
 * parse only, warm), so that both sides of a ratio are measured under the same load.
 */
async function commandVsParsers(tf, all, whole, hclParse) {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'snclint-bench-cmd-'));
  try {
    const tfOnly = await commandInTurns(copyTree(tf, path.join(tmp, 'tf'), 1), hclParse);
    const hcl = tfOnly.parsersMs;
    const ratio = hcl / tfOnly.ms;
    record(
      'Command',
      'Terraform: hcl2json parse time / snclint process time',
      ratio,
      'x',
      '>= 4x (aim 8x)',
      ratio >= 4,
      `${tf.length} files; snclint process ${tfOnly.ms.toFixed(0)} ms (start-up, walking, configuration, lint, JSON report) vs hcl2json ${hcl.toFixed(0)} ms in process (medians of ${TURNS} turns)`,
    );
    // Where that process's time goes: one more run under V8's CPU profiler (which slows it a little).
    const profDir = path.join(tmp, 'profile');
    await runNode(['--cpu-prof', '--cpu-prof-dir', profDir, CLI, '--format', 'json', '--fail-on', 'none', path.join(tmp, 'tf')]);
    const profiles = fs.existsSync(profDir) ? fs.readdirSync(profDir) : [];
    if (profiles.length) {
      const shares = profileShares(path.join(profDir, profiles[0]), CLI);
      for (const [part, ms] of shares.parts) {
        if (ms / shares.totalMs < 0.01) continue;
        record(
          'Profile',
          `Command over the Terraform files: ${part}`,
          (100 * ms) / shares.totalMs,
          '%',
          '(info)',
          undefined,
          `${ms.toFixed(0)} ms of ${shares.totalMs.toFixed(0)} ms profiled`,
        );
      }
      record(
        'Profile',
        'Command over the Terraform files: building module instances',
        (100 * shares.linkingMs) / shares.totalMs,
        '%',
        '(info)',
        undefined,
        `${shares.linkingMs.toFixed(0)} ms under linkModules: each called module built again as its caller sees it (the rules' runs on those instances are counted with the rules)`,
      );
    } else notes.push('no CPU profile was written for the command');
    const parsers = whole.parsersMs;
    record(
      'Command',
      'Whole corpus: (hcl2json + yaml) time / snclint process time',
      parsers / whole.ms,
      'x',
      '>= 4x',
      parsers / whole.ms >= 4,
      `${all.length} files; snclint ${whole.ms.toFixed(0)} ms vs parsers ${parsers.toFixed(0)} ms (medians of ${TURNS} turns)`,
    );

    // Scale: the corpus copied four times side by side, against one copy, same layout. A ratio of
    // two single runs moves by a tenth from one bench to the next on a shared machine: medians of 3.
    const one = await cliRuns(copyTree(all, path.join(tmp, 'x1'), 1), [], 3);
    const four = await cliRuns(copyTree(all, path.join(tmp, 'x4'), 4), [], 3);
    // Threads: the same x4 tree on one thread and on two (the command's and a worker).
    const single = await cliRuns(path.join(tmp, 'x4'), ['--concurrency', 'off'], 1);
    const two = await cliRuns(path.join(tmp, 'x4'), ['--concurrency', '2'], 1);
    fs.rmSync(path.join(tmp, 'x4'), { recursive: true, force: true });
    record(
      'Scale',
      'Corpus x4: time on 2 threads / time on 1',
      two.ms / single.ms,
      'x',
      '(info)',
      undefined,
      `1 thread ${single.ms.toFixed(0)} ms, ${single.rssMb.toFixed(0)} MB; 2 threads ${two.ms.toFixed(0)} ms, ${two.rssMb.toFixed(0)} MB; ${os.availableParallelism?.() ?? os.cpus().length} cores`,
    );
    const t4 = four.ms / one.ms;
    const m4 = four.rssMb / one.rssMb;
    record(
      'Scale',
      'Corpus x4: time / time of x1',
      t4,
      'x',
      '<= 4.4x',
      t4 <= 4.4,
      `x1 ${one.ms.toFixed(0)} ms, x4 ${four.ms.toFixed(0)} ms (median of 3 runs each, after a warm-up)`,
    );
    record(
      'Scale',
      'Corpus x4: peak RSS / peak RSS of x1',
      m4,
      'x',
      '<= 1.25x + 50 MB',
      four.rssMb <= 1.25 * one.rssMb + 50,
      `x1 ${one.rssMb.toFixed(0)} MB, x4 ${four.rssMb.toFixed(0)} MB`,
    );

    // --cache: a first run without a cache file, then runs on the unchanged tree.
    const cacheFile = path.join(tmp, 'cache');
    const args = [CLI, '--format', 'json', '--fail-on', 'none', '--cache', '--cache-location', cacheFile, CORPUS];
    const cold = await runNode(args);
    const warm = [];
    for (let i = 0; i < RUNS; i++) warm.push(await runNode(args));
    const w = median(warm.map((r) => r.ms));
    record(
      'Cache',
      'Whole corpus --cache, warm / cold',
      w / cold.ms,
      'x',
      '(small fraction)',
      undefined,
      `cold ${cold.ms.toFixed(0)} ms, warm ${w.toFixed(0)} ms (median of ${RUNS}), cache ${(fs.statSync(cacheFile).size / 1e6).toFixed(1)} MB`,
    );
    return {
      tfOnlyMs: tfOnly.runs,
      tfHcl2jsonMs: tfOnly.parserRuns,
      wholeMs: whole.runs,
      wholeParsersMs: whole.parserRuns,
      wholeRssMb: whole.rssMb,
      x1: one,
      x4: four,
      cacheColdMs: cold.ms,
      cacheWarmMs: warm.map((r) => r.ms),
    };
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

/** A real Terraform file of about 3,000 lines: the single file closest to it, else one module's files concatenated. */
function editorFile(tfFiles) {
  const lines = (f) => f.text.split('\n').length;
  const hcl = tfFiles.filter((f) => f.language === 'terraform');
  const closest = hcl.reduce((best, f) => (Math.abs(lines(f) - 3000) < Math.abs(lines(best) - 3000) ? f : best));
  if (Math.abs(lines(closest) - 3000) <= 450) return { text: closest.text, from: [closest.path] };
  // No single file near 3,000 lines: start from the largest file and add its module's largest siblings.
  const largest = hcl.reduce((best, f) => (lines(f) > lines(best) ? f : best));
  const siblings = hcl
    .filter((f) => f !== largest && path.dirname(f.path) === path.dirname(largest.path))
    .sort((a, b) => lines(b) - lines(a));
  const parts = [largest];
  let total = lines(largest);
  for (const s of siblings) {
    if (total >= 2850) break;
    if (total + lines(s) > 3500) continue;
    parts.push(s);
    total += lines(s);
  }
  return { text: parts.map((p) => p.text.replace(/\n?$/, '\n')).join('\n'), from: parts.map((p) => p.path) };
}

/** The server's change delay, read from its source (undefined if it cannot be found). */
function debounceMs() {
  try {
    const m = /CHANGE_DELAY_MS\s*=\s*(\d+)/.exec(fs.readFileSync(path.join(ROOT, 'server', 'src', 'lsp', 'session.ts'), 'utf8'));
    return m ? Number(m[1]) : undefined;
  } catch {
    return undefined;
  }
}

/** The other module files of the edited file's folder in the corpus (those not concatenated into it), copied beside it. */
function editorSiblings(tfFiles, from) {
  const dir = path.dirname(from[0]);
  return tfFiles.filter((f) => path.dirname(f.path) === dir && !from.includes(f.path));
}

/** 2. didChange → publishDiagnostics for that version, change delay included, the module's siblings on disk. */
async function editorLatency(tfFiles) {
  const { text, from } = editorFile(tfFiles);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'snclint-bench-'));
  const siblings = editorSiblings(tfFiles, from);
  const name = from.length === 1 ? path.basename(from[0]) : 'main.tf';
  for (const s of siblings) if (path.basename(s.path) !== name) fs.writeFileSync(path.join(dir, path.basename(s.path)), s.text);
  const file = path.join(dir, name);
  fs.writeFileSync(file, text);
  const uri = pathToFileURL(file).href;
  // Each edit toggles the case of one letter in a string: a region's value if the file sets one literally.
  const m = /\bregion\s*=\s*"([A-Za-z])/.exec(text) ?? /=\s*"([A-Za-z])/.exec(text);
  const at = m.index + m[0].length - 1;
  const toggled = (n) =>
    n % 2
      ? text.slice(0, at) + (text[at] === text[at].toLowerCase() ? text[at].toUpperCase() : text[at].toLowerCase()) + text.slice(at + 1)
      : text;
  const server = new Server();
  try {
    await server.initialize();
    await server.open(uri, 'terraform', text);
    await server.diagnostics(uri, 1);
    const WARM_UP = 2;
    const times = [];
    let version = 1;
    for (let n = 1; n <= WARM_UP + EDITS; n++) {
      version++;
      // A pause as between two keystrokes of someone who stops to read: the change arrives on an idle server.
      await delay(PAUSE_MS);
      const sent = performance.now();
      await server.change(uri, version, toggled(n));
      const got = await server.diagnostics(uri, version);
      if (n > WARM_UP) times.push(got - sent);
    }
    // A burst: keystrokes BURST_GAP_MS apart; the wait is from the last keystroke to the diagnostics of its version.
    const bursts = [];
    for (let b = 0; b < BURSTS; b++) {
      await delay(PAUSE_MS);
      for (let k = 0; k < BURST_KEYS; k++) {
        version++;
        if (k) await delay(BURST_GAP_MS);
        await server.change(uri, version, toggled(version));
      }
      const sent = performance.now();
      bursts.push((await server.diagnostics(uri, version)) - sent);
    }
    const lineCount = text.split('\n').length;
    const debounce = debounceMs();
    const source = from.map((p) => path.relative(CORPUS, p)).join(' + ');
    const what = `${lineCount} lines (${from.length > 1 ? 'concatenated: ' : ''}${source}) with its ${siblings.length} sibling files on disk, ${EDITS} full-text edits after ${WARM_UP} warm-up edits, each ${PAUSE_MS} ms after the previous diagnostics; each toggles the case of "${m[0]}" at line ${text.slice(0, at).split('\n').length}`;
    record('Editor', 'didChange → diagnostics, p50', median(times), 'ms', '(info)', undefined, what);
    record(
      'Editor',
      'didChange → diagnostics, p95',
      percentile(times, 95),
      'ms',
      '≤ 50 ms',
      percentile(times, 95) <= 50,
      `the user's wait, change delay included (CHANGE_DELAY_MS ${debounce ?? '?'} ms in server/src/lsp/session.ts: a change after idle is linted at once, later changes of a burst wait for the end of the delay); min ${Math.min(...times).toFixed(0)} ms, max ${Math.max(...times).toFixed(0)} ms`,
    );
    record(
      'Editor',
      `burst of ${BURST_KEYS} keystrokes → diagnostics, p50`,
      median(bursts),
      'ms',
      '(info)',
      undefined,
      `${BURSTS} bursts of ${BURST_KEYS} edits ${BURST_GAP_MS} ms apart; from the last edit to the diagnostics of its version; max ${Math.max(...bursts).toFixed(0)} ms`,
    );
    return { lines: lineCount, from: from.map((p) => path.relative(ROOT, p)), siblings: siblings.length, times, bursts };
  } finally {
    await server.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * About `bytes` of Terraform from the corpus's files concatenated, each file's blocks renamed so that
 * none collide; with `volumes`, that many unencrypted volumes in a non-EU zone after each file, each
 * of them a finding or two (the editor's work on a big result).
 */
function bigTerraform(tfFiles, bytes, volumes = 0) {
  const hcl = tfFiles.filter((f) => f.language === 'terraform');
  const parts = [];
  let size = 0;
  for (let i = 0; size < bytes && hcl.length; i++) {
    const f = hcl[i % hcl.length];
    let text = f.text
      .replace(/^(resource|data)(\s+)"([^"\n]*)"(\s+)"([^"\n]*)"/gm, (_, k, a, t, b, n) => `${k}${a}"${t}"${b}"${n}_${i}"`)
      .replace(/^(variable|output|module)(\s+)"([^"\n]*)"/gm, (_, k, a, n) => `${k}${a}"${n}_${i}"`)
      .replace(/\n?$/, '\n');
    for (let v = 0; v < volumes; v++)
      text += `\nresource "aws_ebs_volume" "bench_${i}_${v}" {\n  availability_zone = "us-east-1a"\n  size              = ${v + 1}\n}\n`;
    parts.push(text);
    size += Buffer.byteLength(text) + 1;
  }
  return { text: parts.join('\n'), files: parts.length };
}

const SMALL_TF =
  'provider "aws" {\n  region = "us-east-1"\n}\n\nresource "aws_ebs_volume" "data" {\n  availability_zone = "us-east-1a"\n  size              = 10\n}\n';

/**
 * 2b. Hovers and code actions on a small file, one every REQUEST_EVERY_MS, while a ~4 MB file is
 * being linted: the corpus's files, then the same with thousands of findings (`volumes` per file).
 */
async function requestsDuringBigLint(tfFiles, volumes = 0) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'snclint-bench-'));
  fs.mkdirSync(path.join(dir, 'big'));
  fs.mkdirSync(path.join(dir, 'small'));
  const big = bigTerraform(tfFiles, BIG_BYTES, volumes);
  const bigFile = path.join(dir, 'big', 'main.tf');
  const smallFile = path.join(dir, 'small', 'main.tf');
  fs.writeFileSync(bigFile, big.text);
  fs.writeFileSync(smallFile, SMALL_TF);
  const bigUri = pathToFileURL(bigFile).href;
  const smallUri = pathToFileURL(smallFile).href;
  const server = new Server();
  try {
    await server.initialize();
    await server.open(smallUri, 'terraform', SMALL_TF);
    await server.diagnostics(smallUri, 1);
    const diagnostics = server.last.get(smallUri) ?? [];
    const position = { line: 1, character: 13 };
    const latencies = [];
    const pending = [];
    const opened = performance.now();
    await server.open(bigUri, 'terraform', big.text);
    let done = false;
    const bigDone = server.diagnostics(bigUri, 1, 120000).then((t) => {
      done = true;
      return t;
    });
    for (let n = 0; !done; n++) {
      const sent = performance.now();
      const request =
        n % 2
          ? server.conn.sendRequest('textDocument/codeAction', {
              textDocument: { uri: smallUri },
              range: diagnostics[0]?.range ?? { start: position, end: position },
              context: { diagnostics },
            })
          : server.conn.sendRequest('textDocument/hover', { textDocument: { uri: smallUri }, position });
      pending.push(
        request.then((answer) =>
          latencies.push({ ms: performance.now() - sent, answered: Array.isArray(answer) ? answer.length > 0 : answer !== null }),
        ),
      );
      await delay(REQUEST_EVERY_MS);
    }
    const bigMs = (await bigDone) - opened;
    await Promise.all(pending);
    const found = (server.last.get(bigUri) ?? []).length;
    const ms = latencies.map((l) => l.ms);
    const empty = latencies.filter((l) => !l.answered).length;
    const what = `${(Buffer.byteLength(big.text) / 1e6).toFixed(1)} MB, ${big.text.split('\n').length} lines (${big.files} corpus files concatenated, blocks renamed${volumes ? `, ${volumes} unencrypted volumes in us-east-1 after each` : ''}), ${found} diagnostics, open → diagnostics ${bigMs.toFixed(0)} ms; ${ms.length} hovers and code actions on a small file, one every ${REQUEST_EVERY_MS} ms meanwhile${empty ? `, ${empty} answered empty` : ''}`;
    const name = volumes ? 'request during a 4 MB lint with thousands of findings' : 'request during a 4 MB lint';
    record('Editor', `${name}, p50`, median(ms), 'ms', '(info)', undefined, what);
    record('Editor', `${name}, p95`, percentile(ms, 95), 'ms', '≤ 50 ms', percentile(ms, 95) <= 50, `max ${Math.max(...ms).toFixed(0)} ms`);
    record('Editor', `${name}, max`, Math.max(...ms), 'ms', '(info)', undefined, undefined);
    return { bigBytes: Buffer.byteLength(big.text), bigMs, latencies: ms, empty, diagnostics: found };
  } finally {
    await server.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** 3. Server spawn → first diagnostics of a small file, cold process each time. */
async function startUp() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'snclint-bench-'));
  const file = path.join(dir, 'main.tf');
  fs.writeFileSync(
    file,
    'provider "aws" {\n  region = "us-east-1"\n}\n\nresource "aws_ebs_volume" "data" {\n  availability_zone = "us-east-1a"\n  size              = 10\n}\n',
  );
  const uri = pathToFileURL(file).href;
  try {
    const once = async () => {
      const server = new Server();
      await server.initialize();
      await server.open(uri, 'terraform', fs.readFileSync(file, 'utf8'));
      const ms = (await server.diagnostics(uri, 1)) - server.spawnedAt;
      await server.stop();
      return ms;
    };
    await once(); // warm-up (file cache)
    const times = [];
    for (let i = 0; i < RUNS; i++) times.push(await once());
    record(
      'Start-up',
      'Server spawn → first diagnostics (small file)',
      median(times),
      'ms',
      '(info)',
      undefined,
      `median of ${RUNS} cold processes after a warm-up`,
    );
    return times;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** 3b. What can be measured of the extension without VS Code: the time to load its bundle, with a stub `vscode` module. */
async function extensionLoad() {
  if (!fs.existsSync(EXTENSION)) {
    record('Start-up', 'Extension activation', 'n/a', '', '(info)', undefined, 'client/out/extension.js not built');
    return undefined;
  }
  const script = `
    const Module = require('module');
    // A stub that answers any property, call or construction, enough for module evaluation.
    const stub = new Proxy(function () {}, { get: (t, p) => (p === 'prototype' ? t.prototype : p === Symbol.toPrimitive ? () => '' : stub), apply: () => stub, construct: () => ({}) });
    const load = Module._load;
    Module._load = function (request, ...rest) { return request === 'vscode' ? stub : load.call(this, request, ...rest); };
    const t = process.hrtime.bigint();
    const ext = require(${JSON.stringify(EXTENSION)});
    const ms = Number(process.hrtime.bigint() - t) / 1e6;
    process.stdout.write(JSON.stringify({ ms, activate: typeof ext.activate }));
  `;
  const times = [];
  try {
    for (let i = 0; i <= RUNS; i++) {
      const out = JSON.parse(execFileSync(process.execPath, ['-e', script], { encoding: 'utf8' }));
      if (i > 0) times.push(out.ms);
    }
  } catch (e) {
    record(
      'Start-up',
      'Extension bundle load (stub vscode)',
      'n/a',
      '',
      '(info)',
      undefined,
      `could not load: ${String(e.message).split('\n')[0]}`,
    );
    return undefined;
  }
  record('Start-up', 'Extension activation', 'n/a', '', '(info)', undefined, 'needs VS Code');
  record(
    'Start-up',
    'Extension bundle load (require, stub vscode)',
    median(times),
    'ms',
    '(info)',
    undefined,
    `module evaluation of client/out/extension.js (${(fs.statSync(EXTENSION).size / 1e6).toFixed(2)} MB) in a fresh node; not activate(), which needs VS Code`,
  );
  return times;
}

/** 4b. Server RSS after opening SERVER_FILES corpus files spread over every repository. */
async function serverMemory(allFiles) {
  const step = Math.max(1, Math.floor(allFiles.length / SERVER_FILES));
  const picked = allFiles.filter((_, i) => i % step === 0).slice(0, SERVER_FILES);
  const server = new Server();
  try {
    await server.initialize();
    const before = procStatusMb(server.pid, 'VmRSS');
    const t = performance.now();
    for (const f of picked) {
      const uri = pathToFileURL(f.path).href;
      await server.open(uri, LANGUAGE_IDS[f.language], f.text);
      await server.diagnostics(uri, 1);
    }
    const openMs = performance.now() - t;
    const rss = procStatusMb(server.pid, 'VmRSS');
    const hwm = procStatusMb(server.pid, 'VmHWM');
    if (rss === undefined) {
      record(
        'Memory',
        `Server RSS after opening ${picked.length} files`,
        'n/a',
        '',
        '(info)',
        undefined,
        'no /proc/<pid>/status on this system',
      );
    } else {
      record(
        'Memory',
        `Server RSS after opening ${picked.length} files`,
        rss,
        'MB',
        '(info)',
        undefined,
        `${before?.toFixed(0)} MB after initialize, peak ${hwm?.toFixed(0)} MB; opening and diagnosing them took ${openMs.toFixed(0)} ms`,
      );
    }
    return { files: picked.length, rssMb: rss, peakMb: hwm, openMs };
  } finally {
    await server.stop();
  }
}

/** 5. The VSIX in the repository root, if one was built. */
function vsix() {
  const found = fs.readdirSync(ROOT).filter((f) => f.endsWith('.vsix'));
  if (!found.length) {
    record('Package', 'VSIX size', 'n/a', '', '(info)', undefined, 'no VSIX built');
    return;
  }
  const newest = found.map((f) => ({ f, st: fs.statSync(path.join(ROOT, f)) })).sort((a, b) => b.st.mtimeMs - a.st.mtimeMs)[0];
  record('Package', 'VSIX size', newest.st.size / 1e6, 'MB', '(info)', undefined, newest.f);
}

// ---------------------------------------------------------------- report

function printTable() {
  const fmt = (r) =>
    typeof r.value === 'number'
      ? `${r.value.toFixed(r.unit === 'x' ? 1 : r.unit === 'MB' ? 1 : 0)}${r.unit === 'x' || r.unit === '%' ? r.unit : ` ${r.unit}`}`
      : r.value;
  const verdict = (r) => (r.pass === undefined ? '' : r.pass ? 'PASS' : 'MISS');
  const cells = rows.map((r) => [r.section, r.name, fmt(r), r.target, verdict(r)]);
  const head = ['Section', 'Measure', 'Value', 'Target', 'Result'];
  const widths = head.map((h, i) => Math.max(h.length, ...cells.map((c) => String(c[i]).length)));
  const line = (c) =>
    c
      .map((x, i) => String(x).padEnd(widths[i]))
      .join('  ')
      .trimEnd();
  const out = [line(head), widths.map((w) => '-'.repeat(w)).join('  ')];
  for (const c of cells) out.push(line(c));
  out.push('', 'Details:');
  for (const r of rows) if (r.detail) out.push(`- ${r.name}: ${r.detail}`);
  for (const n of notes) out.push(`- note: ${n}`);
  console.log(out.join('\n'));
}

async function main() {
  const started = new Date();
  const raw = {};
  for (const f of [CLI, SERVER]) {
    if (!fs.existsSync(f)) {
      console.error(`bench: ${path.relative(ROOT, f)} is missing: run \`npm run build\` first (\`npm run bench\` does).`);
      process.exit(1);
    }
  }
  const haveCorpus = fs.existsSync(CORPUS);
  if (haveCorpus) {
    log('bundling the engine');
    const engine = await loadEngine();
    const all = walk(CORPUS, engine.languageOf);
    const tf = all.filter((f) => f.language === 'terraform' || f.language === 'terraform-vars' || f.language === 'terraform-json');
    const yamlFiles = all.filter((f) => f.language === 'yaml');

    if (ONLY === 'editor') {
      log('editor latency');
      raw.editor = await editorLatency(tf);
      log('requests during a big lint');
      raw.editorBigLint = await requestsDuringBigLint(tf);
      log('requests during a big lint with thousands of findings');
      raw.editorBigLintFindings = await requestsDuringBigLint(tf, BIG_VOLUMES);
      printTable();
      return;
    }
    log(`Terraform throughput (${tf.length} files) against @cdktf/hcl2json`);
    const { parse } = require('@cdktf/hcl2json');
    const hclParse = async () => {
      let failures = 0;
      for (const f of tf) {
        try {
          await parse(f.path, f.text);
        } catch {
          failures++;
        }
      }
      return { failures };
    };
    raw.terraform = await throughput(engine, tf, 'terraform', '@cdktf/hcl2json parse', hclParse, 8);

    log(`YAML throughput (${yamlFiles.length} files) against yaml.parseAllDocuments`);
    const YAML = require('yaml');
    const yamlParse = async () => {
      for (const f of yamlFiles) YAML.parseAllDocuments(f.text);
      return { failures: 0 };
    };
    raw.yaml = await throughput(engine, yamlFiles, 'yaml', 'yaml.parseAllDocuments', yamlParse, 1.3);

    log('CLI over the whole corpus, in turns with hcl2json and yaml');
    const whole = await cliWholeCorpus(bytesOf(all), all.length, async () => {
      await hclParse();
      await yamlParse();
    });
    log('the command against the parsers, at scale 1x and 4x, and with --cache');
    raw.command = await commandVsParsers(tf, all, whole, hclParse);
    if (ONLY === 'command') {
      printTable();
      return;
    }

    log('editor latency');
    raw.editor = await editorLatency(tf);
    log('requests during a big lint');
    raw.editorBigLint = await requestsDuringBigLint(tf);
    log('requests during a big lint with thousands of findings');
    raw.editorBigLintFindings = await requestsDuringBigLint(tf, BIG_VOLUMES);
    log('server start-up');
    raw.startUpMs = await startUp();
    raw.extensionLoadMs = await extensionLoad();
    log(`server memory after opening ${SERVER_FILES} files`);
    raw.serverMemory = await serverMemory(all);
  } else {
    notes.push(`corpus not found at ${CORPUS}: throughput, editor latency and memory figures skipped`);
    log(notes[0]);
    raw.startUpMs = await startUp();
    raw.extensionLoadMs = await extensionLoad();
  }
  vsix();

  printTable();
  const { commit, dirty } = gitCommit();
  const result = {
    date: started.toISOString(),
    node: process.version,
    commit,
    dirty,
    machine: { platform: `${os.platform()} ${os.arch()}`, cpus: os.cpus().length, cpu: os.cpus()[0]?.model },
    corpus: haveCorpus ? path.relative(ROOT, CORPUS) : null,
    runs: `one warm-up, median of ${RUNS}`,
    results: rows,
    notes,
    raw,
  };
  fs.mkdirSync(RESULTS, { recursive: true });
  fs.writeFileSync(path.join(RESULTS, 'latest.json'), `${JSON.stringify(result, null, 2)}\n`);
  const summary = Object.fromEntries(
    rows.map((r) => [`${r.section}: ${r.name}`, typeof r.value === 'number' ? Number(r.value.toFixed(2)) : r.value]),
  );
  fs.appendFileSync(
    path.join(RESULTS, 'history.jsonl'),
    `${JSON.stringify({ date: result.date, node: result.node, commit, dirty, results: summary })}\n`,
  );
  console.log(
    `\nWritten: ${path.relative(ROOT, path.join(RESULTS, 'latest.json'))}, appended to ${path.relative(ROOT, path.join(RESULTS, 'history.jsonl'))}`,
  );
}

main().catch((e) => {
  console.error(`bench: ${e.stack ?? e}`);
  process.exit(1);
});
