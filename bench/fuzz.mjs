// `npm run fuzz -- [--cases N] [--seed S] [--server-every K] [--corpus DIR] [--out DIR]`
// `npm run fuzz -- --target protocol [--batches N] [--per-batch M] [--seed S] [--out DIR]`: malformed
// JSON-RPC against the server bundle over stdio (bench/fuzz-protocol.mjs).
// Mutates corpus files (bench/fuzz-mutate.mjs) and runs each result through every parser, the whole
// engine with all rules and, every K cases, the language server bundle over stdio. A finding is an
// exception that escapes, an internal error the engine recorded, a parse over 1 s, a lint over 5 s,
// or a server that stops answering. Each distinct finding is saved once under --out (default
// bench/results/fuzz/) with its text, and a summary line is appended to bench/results/fuzz-history.jsonl.
// Needs `npm run build` first for the server bundle (the npm script does it).
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as os from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';
import { mutate, random } from './fuzz-mutate.mjs';
import { fuzzProtocol } from './fuzz-protocol.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(path.join(ROOT, 'package.json'));
const SERVER = path.resolve(ROOT, option('server', path.join('server', 'out', 'server.js')));
const PARSE_LIMIT_MS = 1000;
const LINT_LIMIT_MS = 5000;
const SERVER_TIMEOUT_MS = 15000;

function option(name, fallback) {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] !== undefined ? process.argv[i + 1] : fallback;
}
const CASES = Number(option('cases', '10000'));
const SEED = Number(option('seed', String(Date.now() % 2147483647)));
const SERVER_EVERY = Number(option('server-every', '25'));
const CORPUS = path.resolve(ROOT, option('corpus', path.join('..', 'shared', 'corpus')));
const OUT = path.resolve(ROOT, option('out', path.join('bench', 'results', 'fuzz')));
// `files` (the default) mutates files through parsers, engine and server; `protocol` fuzzes the server's message boundary.
const TARGET = option('target', 'files');
// The protocol target's default run is short (about a minute); --batches 5000 for a long one.
const BATCHES = Number(option('batches', '100'));
const PER_BATCH = Number(option('per-batch', '20'));
const HISTORY = path.join(ROOT, 'bench', 'results', 'fuzz-history.jsonl');
const log = (msg) => process.stderr.write(`fuzz: ${msg}\n`);

async function loadEngine() {
  const outfile = path.join(os.tmpdir(), `snclint-fuzz-engine-${process.pid}.cjs`);
  await esbuild.build({
    entryPoints: [path.join(ROOT, 'bench', 'fuzz-entry.ts')],
    outfile,
    bundle: true,
    platform: 'node',
    target: 'node18',
    format: 'cjs',
    mainFields: ['module', 'main'],
    logLevel: 'warning',
  });
  // No esbuild service left running beside a long run.
  await esbuild.stop();
  try {
    return require(outfile);
  } finally {
    fs.rmSync(outfile, { force: true });
  }
}

/** Seed files: the corpus, the repository's examples and fixtures, plus JSON forms made from them. */
async function seeds(E) {
  const out = [];
  const walk = (dir) => {
    if (!fs.existsSync(dir)) return;
    for (const e of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      if (e.name.startsWith('.') || e.name === 'node_modules') continue;
      const full = path.join(dir, e.name);
      if (e.isDirectory()) walk(full);
      else if (e.isFile() && E.languageOf(full) && fs.statSync(full).size < 200_000) out.push({ path: full, language: E.languageOf(full) });
    }
  };
  walk(CORPUS);
  walk(path.join(ROOT, 'examples'));
  walk(path.join(ROOT, 'test', 'fixtures'));
  const r = random(SEED ^ 0x5eed);
  const derived = [];
  // Kubernetes manifests as JSON, from YAML seeds.
  const YAML = require('yaml');
  for (const s of out.filter((f) => f.language === 'yaml').slice(0, 400)) {
    if (!r.chance(0.2)) continue;
    try {
      const docs = YAML.parseAllDocuments(fs.readFileSync(s.path, 'utf8'), { logLevel: 'error' })
        .map((d) => d.toJS({ maxAliasCount: 100, logLevel: 'error' }))
        .filter((d) => d && typeof d === 'object');
      if (docs.length)
        derived.push({
          path: s.path.replace(/\.ya?ml$/, '.json'),
          language: 'json',
          text: JSON.stringify(docs.length === 1 ? docs[0] : { apiVersion: 'v1', kind: 'List', items: docs }, null, r.chance(0.5) ? 2 : 0),
        });
    } catch {
      // A seed YAML that does not parse has no JSON form.
    }
  }
  // Terraform JSON, from HCL seeds through hcl2json.
  try {
    const { parse } = require('@cdktf/hcl2json');
    for (const s of out.filter((f) => f.language === 'terraform' && fs.statSync(f.path).size < 20000)) {
      if (!r.chance(0.02) || derived.filter((d) => d.language === 'terraform-json').length >= 60) continue;
      try {
        derived.push({
          path: `${s.path}.json`,
          language: 'terraform-json',
          text: JSON.stringify(await parse(s.path, fs.readFileSync(s.path, 'utf8')), null, 2),
        });
      } catch {
        // Files hcl2json rejects give no JSON seed.
      }
    }
  } catch (e) {
    log(`no Terraform JSON seeds: ${e.message}`);
  }
  return [...out, ...derived];
}

const texts = new Map();
function textOf(seed) {
  if (seed.text !== undefined) return seed.text;
  let t = texts.get(seed.path);
  if (t === undefined) {
    t = fs.readFileSync(seed.path, 'utf8').replace(/^\uFEFF/, '');
    if (texts.size > 500) texts.clear();
    texts.set(seed.path, t);
  }
  return t;
}

function relative(p) {
  const base = p.startsWith(CORPUS) ? CORPUS : ROOT;
  return path.relative(base, p).split(path.sep).join('/');
}

const LANGUAGE_ID = { terraform: 'terraform', 'terraform-vars': 'terraform-vars', 'terraform-json': 'json', yaml: 'yaml', json: 'json' };

async function main() {
  const E = await loadEngine();
  if (TARGET === 'protocol') {
    log(`protocol target: seed ${SEED}, ${BATCHES} batches of ${PER_BATCH} messages`);
    const found = await fuzzProtocol(E, {
      server: SERVER,
      seed: SEED,
      batches: BATCHES,
      perBatch: PER_BATCH,
      out: OUT,
      log,
      history: HISTORY,
    });
    process.exitCode = found ? 1 : 0;
    return;
  }
  if (TARGET !== 'files') {
    log(`unknown --target ${TARGET}: files or protocol`);
    process.exit(2);
  }
  const all = await seeds(E);
  if (!all.length) {
    log(`no seed files under ${CORPUS}`);
    process.exit(2);
  }
  log(`seed ${SEED}, ${CASES} cases, ${all.length} seed files, server every ${SERVER_EVERY || 'never'}`);
  fs.mkdirSync(OUT, { recursive: true });
  const r = random(SEED);
  const findings = new Map();
  const byDir = new Map();
  for (const s of all) if (s.text === undefined) byDir.set(path.dirname(s.path), [...(byDir.get(path.dirname(s.path)) ?? []), s]);
  const started = performance.now();
  let server;
  let serverCases = 0;
  let slowest = { ms: 0, stage: '' };

  const record = (stage, error, c) => {
    const message = String(error?.message ?? error)
      .split('\n')[0]
      .replace(/\d+/g, 'N')
      .slice(0, 200);
    const frame = (
      String(error?.stack ?? '')
        .split('\n')
        .find((l) => /^\s+at /.test(l)) ?? ''
    )
      .trim()
      .replace(/:\d+:\d+\)?$/, '');
    const key = `${stage} | ${message} | ${frame}`;
    const seen = findings.get(key);
    if (seen) {
      seen.count++;
      return;
    }
    const name = `finding-${findings.size + 1}${path.extname(c.path) === '.json' && c.path.endsWith('.tf.json') ? '.tf.json' : path.extname(c.path)}`;
    fs.writeFileSync(path.join(OUT, name), c.text);
    fs.writeFileSync(
      path.join(OUT, `${name}.info.json`),
      JSON.stringify(
        {
          stage,
          key,
          seed: SEED,
          case: c.n,
          from: relative(c.path),
          language: c.language,
          mutations: c.mutations,
          error: String(error?.stack ?? error),
        },
        null,
        2,
      ),
    );
    findings.set(key, { count: 1, file: name });
    log(`finding ${findings.size} in case ${c.n} (${stage}): ${message} [${name}]`);
  };

  const timed = (stage, c, limit, f) => {
    const t = performance.now();
    let result;
    try {
      result = f();
    } catch (e) {
      record(stage, e, c);
      return undefined;
    }
    const ms = performance.now() - t;
    if (ms > slowest.ms) slowest = { ms, stage: `${stage} on case ${c.n}` };
    if (ms > limit) {
      // The machine is shared: a slow run counts only if a second one is slow too.
      const again = performance.now();
      try {
        f();
      } catch {
        // Already recorded above if it throws.
      }
      const ms2 = performance.now() - again;
      if (ms2 > limit)
        record(`${stage}-slow`, new Error(`${stage} took ${Math.round(Math.min(ms, ms2))} ms on ${c.text.length} characters`), c);
    }
    return result;
  };

  const startServer = async () => {
    server = E.LspClient.start(SERVER);
    await server.initialize({ textDocument: { publishDiagnostics: { relatedInformation: true, versionSupport: true } } });
  };

  const throughServer = async (c) => {
    if (!server) await startServer();
    const uri = `file:///snclint-fuzz/case-${c.n}/${path.basename(c.path)}`;
    const languageId = LANGUAGE_ID[c.language];
    try {
      let version = 1;
      if (r.chance(0.3)) {
        await server.open(uri, languageId, c.original);
        await server.diagnostics(uri, 1, SERVER_TIMEOUT_MS);
        version = await server.change(uri, c.text);
      } else {
        await server.open(uri, languageId, c.text);
      }
      const published = await server.diagnostics(uri, version, SERVER_TIMEOUT_MS);
      const own = published.diagnostics.filter((d) => d.source === 'snclint' && d.code !== 'syntax');
      if (own.length) {
        const range = { start: { line: 0, character: 0 }, end: { line: 1e6, character: 0 } };
        await Promise.race([
          server.codeActions(uri, range, own),
          new Promise((_, reject) => setTimeout(() => reject(new Error('no answer to codeAction')), SERVER_TIMEOUT_MS)),
        ]);
      }
      const internal = published.diagnostics.find((d) => d.code === 'internal');
      if (internal && !/was not checked/.test(internal.message)) record('server-internal', new Error(internal.message), c);
      await server.close(uri);
      serverCases++;
    } catch (e) {
      record(
        'server',
        new Error(`${e.message.split('\n')[0].slice(0, 300)}; alive: ${server.alive}; stderr: ${server.errorOutput.slice(-2000)}`),
        c,
      );
      await server.stop();
      server = undefined;
    }
    if (server && !server.alive) {
      record('server-exit', new Error(`server exited: ${server.errorOutput.slice(-2000)}`), c);
      server = undefined;
    }
  };

  let done = 0;
  let stop = false;
  // Stopped early (Ctrl-C, kill): the cases run so far are still recorded.
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => (stop = true));
  const PARSERS = {
    parseHcl: (t) => E.parseHcl(t),
    parseTerraformJson: (t) => E.parseTerraformJson(t, { vars: r.chance(0.3) }),
    parsePlanJson: (t) => E.parsePlanJson(t),
    parseYamlFile: (t) => E.parseYamlFile(new E.SourceFile('fuzz.yaml', t, 'yaml')),
    parseJsonFile: (t) => E.parseJsonFile(new E.SourceFile('fuzz.json', t, 'json')),
  };
  const OWN_PARSER = {
    terraform: 'parseHcl',
    'terraform-vars': 'parseHcl',
    'terraform-json': 'parseTerraformJson',
    yaml: 'parseYamlFile',
    json: 'parseJsonFile',
  };
  for (let n = 1; n <= CASES && !stop; n++) {
    const caseStart = performance.now();
    if (process.env.SNCLINT_FUZZ_TRACE) fs.writeSync(2, `case ${n}\n`);
    const seed = r.pick(all);
    const original = textOf(seed);
    const { text, mutations } = mutate(original, r, textOf(r.pick(all)));
    const c = { n, path: seed.path, language: seed.language, text, original, mutations };
    // The parser of the file's own language, and one other chosen at random (any text may reach any reader).
    const own = OWN_PARSER[seed.language];
    for (const name of new Set([own, r.pick(Object.keys(PARSERS))])) timed(name, c, PARSE_LIMIT_MS, () => PARSERS[name](text));
    const files = [new E.SourceFile(relative(seed.path), text, seed.language)];
    // Now and then with the rest of its folder, so modules, calls and Kustomize overlays are built.
    if (r.chance(0.03) && seed.text === undefined) {
      const dir = path.dirname(seed.path);
      for (const s of byDir.get(dir) ?? [])
        if (s !== seed && files.length < 30) files.push(new E.SourceFile(relative(s.path), textOf(s), s.language));
    }
    const result = timed('lint', c, LINT_LIMIT_MS, () => E.lint(files, { rules: E.RULES, settings: E.DEFAULT_SETTINGS }));
    for (const e of result?.errors ?? [])
      if (e.kind === 'internal') record('lint-internal', { message: e.message.split('\n')[0], stack: e.message }, c);
    if (SERVER_EVERY > 0 && n % SERVER_EVERY === 0) await throughServer(c);
    done = n;
    if (process.env.SNCLINT_FUZZ_VERBOSE && performance.now() - caseStart > 500)
      log(`case ${n} took ${Math.round(performance.now() - caseStart)} ms (${mutations.join(', ')}, ${text.length} characters)`);
    if (n % 25 === 0) await new Promise((resolve) => setImmediate(resolve));
    if (n % 1000 === 0) log(`${n} cases, ${findings.size} distinct findings, ${Math.round((performance.now() - started) / 1000)} s`);
  }
  if (server) await server.stop();
  const seconds = Math.round((performance.now() - started) / 1000);
  const summary = {
    date: new Date().toISOString(),
    seed: SEED,
    cases: done,
    requested: CASES,
    serverCases,
    seconds,
    slowest: { ms: Math.round(slowest.ms), where: slowest.stage },
    findings: [...findings].map(([key, v]) => ({ key, count: v.count, file: v.file })),
  };
  fs.appendFileSync(HISTORY, `${JSON.stringify(summary)}\n`);
  log(
    `done: ${done} cases (${serverCases} through the server) in ${seconds} s, slowest ${summary.slowest.ms} ms (${summary.slowest.where}), ${findings.size} distinct findings${findings.size ? ` in ${OUT}` : ''}`,
  );
  process.exitCode = findings.size ? 1 : 0;
}

await main();
