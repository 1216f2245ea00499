// The protocol target of the fuzz (`npm run fuzz -- --target protocol`): starts the server bundle over
// stdio and sends it batches of random and malformed JSON-RPC (well-formed messages with values of the
// wrong type, missing or extra fields, huge numbers, unknown methods and ids; invalid JSON, bytes that
// are not UTF-8, broken headers, lengths shorter than the body). After each batch a probe opens a
// Terraform file and asks for a hover: the server must publish that file's diagnostics and answer.
// A finding is a probe that fails, a server that exits, or a handler that throws (logged as
// "... failed:", an uncaught exception or an unhandled rejection). Each is saved with its batch.
//
// Left out on purpose: `exit` and `shutdown` (they end the server, as the protocol says), a second
// `initialize` (its processId would arm the watchdog against a random process), and a Content-Length
// longer than the bytes that follow (a stream cannot tell a lying length from a slow writer: the
// reader waits for the bytes, as every LSP server does).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { random } from './fuzz-mutate.mjs';

const PROBE_TEXT = 'provider "aws" {\n  region = "us-east-1"\n}\n';
const PROBE_TIMEOUT_MS = 15000;
/** Logged lines that mean a handler threw. */
const THREW = /failed: |failed with message|failed unexpectedly|Uncaught exception|Unhandled rejection/;

const URIS = [
  'file:///snclint-protocol-fuzz/main.tf',
  'file:///snclint-protocol-fuzz/k8s/deploy.yaml',
  'file:///snclint-protocol-fuzz/.snclint.yml',
  'untitled:Untitled-1',
  'file:///snclint-protocol-fuzz/%ZZ.tf',
  'file:',
  'x:',
];
const TEXTS = [
  PROBE_TEXT,
  '',
  'resource "aws_ebs_volume" "v" {\n  encrypted = false\n',
  'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  hostNetwork: true\n',
  'rules:\n  weak-tls: off\n',
  '\u0000\uffff\ud800',
];
const position = (r) => ({ line: r.int(5), character: r.int(30) });
const range = (r) => ({ start: position(r), end: position(r) });

/** Valid messages of every method the server handles (and a few it does not), to be mutated. */
const TEMPLATES = [
  (r) => ({
    method: 'textDocument/didOpen',
    params: {
      textDocument: {
        uri: r.pick(URIS),
        languageId: r.pick(['terraform', 'yaml', 'json', 'plaintext']),
        version: r.int(5),
        text: r.pick(TEXTS),
      },
    },
  }),
  (r) => ({
    method: 'textDocument/didChange',
    params: {
      textDocument: { uri: r.pick(URIS), version: r.int(50) },
      contentChanges: r.chance(0.5) ? [{ text: r.pick(TEXTS) }] : [{ range: range(r), text: r.pick(['x', '\n', '}', '']) }],
    },
  }),
  (r) => ({ method: 'textDocument/didClose', params: { textDocument: { uri: r.pick(URIS) } } }),
  (r) => ({ method: 'textDocument/didSave', params: { textDocument: { uri: r.pick(URIS) } } }),
  (r) => ({ method: 'textDocument/willSave', params: { textDocument: { uri: r.pick(URIS) }, reason: 1 + r.int(3) } }),
  (r) => ({ id: true, method: 'textDocument/willSaveWaitUntil', params: { textDocument: { uri: r.pick(URIS) }, reason: 1 } }),
  (r) => ({ id: true, method: 'textDocument/hover', params: { textDocument: { uri: r.pick(URIS) }, position: position(r) } }),
  (r) => ({
    id: true,
    method: 'textDocument/codeAction',
    params: {
      textDocument: { uri: r.pick(URIS) },
      range: range(r),
      context: {
        diagnostics: [
          {
            range: range(r),
            message: 'm',
            source: 'snclint',
            code: r.pick(['non-eu-region', 'syntax', 3]),
            data: { version: r.int(5), finding: r.int(3) },
          },
        ],
        only: r.chance(0.5) ? ['source.fixAll.snclint'] : undefined,
      },
    },
  }),
  (r) => ({
    id: true,
    method: 'textDocument/diagnostic',
    params: { textDocument: { uri: r.pick(URIS) }, previousResultId: r.chance(0.5) ? '0:0:1' : undefined },
  }),
  (r) => ({ id: true, method: 'textDocument/completion', params: { textDocument: { uri: r.pick(URIS) }, position: position(r) } }),
  (r) => ({
    method: 'workspace/didChangeConfiguration',
    params: { settings: { snclint: { run: r.pick(['onType', 'onSave']), scanWorkspace: false } } },
  }),
  (r) => ({ method: 'workspace/didChangeWatchedFiles', params: { changes: [{ uri: r.pick(URIS), type: 1 + r.int(3) }] } }),
  (r) => ({
    method: 'workspace/didChangeWorkspaceFolders',
    params: {
      event: {
        added: [{ uri: 'file:///snclint-protocol-fuzz-folder', name: 'f' }],
        removed: r.chance(0.5) ? [{ uri: 'file:///snclint-protocol-fuzz-folder', name: 'f' }] : [],
      },
    },
  }),
  () => ({ id: true, method: 'snclint/coverageReport' }),
  () => ({ method: 'snclint/workspaceTrusted' }),
  () => ({ method: 'initialized', params: {} }),
  (r) => ({ method: '$/cancelRequest', params: { id: r.int(1000) } }),
  (r) => ({ method: '$/setTrace', params: { value: r.pick(['off', 'messages', 'verbose']) } }),
  (r) => ({ id: true, method: r.pick(['snclint/nothing', 'workspace/executeCommand', 'textDocument/formatting', '']), params: {} }),
  (r) => ({ method: r.pick(['snclint/nothing', '$/unknown', 'textDocument/didOpen2']), params: {} }),
];

/** Values of every wrong kind: types, sizes, numbers JSON allows but the protocol does not. */
function oddValue(r, depth = 0) {
  switch (r.int(16)) {
    case 0:
      return null;
    case 1:
      return r.pick([true, false]);
    case 2:
      return r.pick([-1, 0.5, 2 ** 31, 2 ** 53 + 2, -(2 ** 63), 1e308, -1e308, 5e-324]);
    case 3:
      return '';
    case 4:
      return 'x'.repeat(r.pick([1, 1000, 100000]));
    case 5:
      return r.pick([
        'file:///',
        'not a uri',
        'file:///a%00b.tf',
        'file:///../../etc/passwd',
        '\u001b]0;x\u0007',
        '\ud800',
        'constructor',
        '__proto__',
      ]);
    case 6:
      return [];
    case 7:
      return {};
    case 8:
      return depth < 3 ? [oddValue(r, depth + 1), oddValue(r, depth + 1)] : 1;
    case 9:
      return depth < 3 ? { [r.pick(['uri', 'text', 'version', 'line', '__proto__', 'x'])]: oddValue(r, depth + 1) } : 'deep';
    case 10:
      return r.int(10);
    case 11: {
      // Deep nesting, past what a recursive reader might handle.
      let v = 0;
      for (let i = 0; i < r.pick([10, 1000, 5000]); i++) v = [v];
      return v;
    }
    default:
      return r.pick([undefined, 'onSave', 'terraform', 1, 'file:///snclint-protocol-fuzz/main.tf']);
  }
}

/** The paths of every value inside `x`, so one can be replaced or removed. */
function paths(x, at = []) {
  const out = [at];
  if (x && typeof x === 'object') for (const k of Object.keys(x)) out.push(...paths(x[k], [...at, k]));
  return out;
}

function setAt(root, at, value, remove) {
  if (!at.length) return value;
  let o = root;
  for (const k of at.slice(0, -1)) o = o[k];
  if (remove) delete o[at[at.length - 1]];
  else o[at[at.length - 1]] = value;
  return root;
}

/** One well-formed message with one to three values replaced, removed or added. */
function mutatedMessage(r, nextId) {
  const t = r.pick(TEMPLATES)(r);
  let msg = {
    jsonrpc: '2.0',
    ...(t.id ? { id: nextId() } : {}),
    method: t.method,
    ...(t.params !== undefined ? { params: t.params } : {}),
  };
  for (let n = r.int(4); n > 0; n--) {
    const all = paths(msg).filter((p) => p.length > 0);
    if (!all.length) break;
    const at = r.pick(all);
    const choice = r.int(10);
    if (choice < 6) msg = setAt(msg, at, oddValue(r), false);
    else if (choice < 8) msg = setAt(msg, at, undefined, true);
    else if (choice < 9 && msg.params && typeof msg.params === 'object')
      msg.params[r.pick(['extra', 'textDocument', 'settings', 'changes'])] = oddValue(r);
    else if ('id' in msg) msg.id = r.pick([null, 'id-string', 1.5, { a: 1 }, [], -1, 2 ** 53 + 2]);
  }
  // A message keeps a method the server may not end on.
  if (typeof msg === 'object' && msg && ['exit', 'shutdown', 'initialize'].includes(msg.method)) msg.method = 'snclint/nothing';
  return msg;
}

const frame = (body) => Buffer.concat([Buffer.from(`Content-Length: ${body.length}\r\n\r\n`, 'ascii'), body]);

/** Bytes on the wire: well-framed messages with broken content, or broken framing. */
function rawBytes(r, nextId) {
  const json = Buffer.from(JSON.stringify(mutatedMessage(r, nextId)), 'utf8');
  switch (r.int(9)) {
    case 0:
      return frame(json.subarray(0, r.int(json.length)));
    case 1:
      return frame(Buffer.from([0xff, 0xfe, 0xc3, 0x28, 0x80, ...json.subarray(0, 20)]));
    case 2:
      return frame(
        Buffer.from(
          r.pick([
            '',
            'null',
            '[]',
            '42',
            '"s"',
            '{}',
            '{"jsonrpc":"2.0"}',
            '[{"jsonrpc":"2.0","method":"x"}]',
            '{"jsonrpc":"1.0","id":1,"method":"textDocument/hover"}',
          ]),
        ),
      );
    case 3:
      return Buffer.concat([
        Buffer.from(
          `${r.pick(['Content-Length: abc', 'Content-Length: -5', 'Content-Length: 99999999999999', 'Content-Length:', 'no colon here', 'X-Other: 1', 'Content-Length: 1e3', ''])}\r\n\r\n`,
          'ascii',
        ),
        r.chance(0.5) ? json : Buffer.alloc(0),
      ]);
    case 4:
      return Buffer.concat([Buffer.from(`Content-Length: ${Math.max(0, json.length - 1 - r.int(json.length))}\r\n\r\n`, 'ascii'), json]);
    case 5:
      return Buffer.concat([
        Buffer.from(
          `Content-Type: application/vscode-jsonrpc; charset=${r.pick(['utf-8', 'latin1', 'nonsense'])}\r\nContent-Length: ${json.length}\r\n\r\n`,
          'ascii',
        ),
        json,
      ]);
    case 6:
      return Buffer.concat([
        Buffer.from(`content-length: ${json.length}\r\nX-Extra: ${'h'.repeat(r.pick([1, 5000, 20000]))}\r\n\r\n`, 'ascii'),
        json,
      ]);
    case 7:
      return Buffer.from(r.pick(['\r\n', '\r\n\r\n', 'garbage', '\u0000'.repeat(100)]), 'latin1');
    default:
      return frame(
        Buffer.from(JSON.stringify({ jsonrpc: '2.0', id: nextId(), method: 'textDocument/hover', params: oddValue(r) }) ?? 'null', 'utf8'),
      );
  }
}

/**
 * Runs the protocol target: `batches` batches of `perBatch` messages, each followed by a probe.
 * `E` is the bundled engine and harness of bench/fuzz.mjs.
 */
export async function fuzzProtocol(E, { server, seed, batches, perBatch, out, log, history }) {
  const r = random(seed);
  let id = 1_000_000;
  const nextId = () => id++;
  const findings = new Map();
  let client;
  let sent = 0;
  let probes = 0;
  let logsSeen = 0;
  const logKinds = new Set();
  let stop = false;
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => (stop = true));
  const started = performance.now();
  fs.mkdirSync(out, { recursive: true });

  const start = async () => {
    client = E.LspClient.start(server);
    await client.initialize({ textDocument: { publishDiagnostics: { versionSupport: true } } });
    logsSeen = 0;
  };

  const record = (kind, detail, batch, n) => {
    const key = `${kind} | ${String(detail).split('\n')[0].replace(/\d+/g, 'N').slice(0, 200)}`;
    const seen = findings.get(key);
    if (seen) {
      seen.count++;
      return;
    }
    const file = `protocol-finding-${findings.size + 1}.json`;
    const messages = batch.map((b) => (Buffer.isBuffer(b) ? { raw: b.toString('base64') } : b));
    fs.writeFileSync(
      path.join(out, file),
      JSON.stringify(
        { kind, key, seed, batch: n, detail: String(detail).slice(0, 4000), stderr: client?.errorOutput.slice(-2000), messages },
        null,
        2,
      ),
    );
    findings.set(key, { count: 1, file });
    log(`finding ${findings.size} in batch ${n} (${kind}): ${key} [${file}]`);
  };

  let done = 0;
  for (let n = 1; n <= batches && !stop; n++) {
    if (!client) await start();
    const batch = [];
    for (let k = 0; k < perBatch; k++) {
      if (r.chance(0.7)) {
        const msg = mutatedMessage(r, nextId);
        batch.push(msg);
        // Answers to these requests come back with ids the client never used; the probe's own request is what is checked.
        await client.writeMessage(msg);
      } else {
        const bytes = rawBytes(r, nextId);
        batch.push(bytes);
        await client.writeRaw(bytes);
      }
      sent++;
    }
    // The probe: a fresh document gets its diagnostics, and a request is answered.
    const uri = `file:///snclint-protocol-fuzz/probe-${n}/main.tf`;
    try {
      await client.open(uri, 'terraform', PROBE_TEXT);
      const published = await client.diagnostics(uri, 1, PROBE_TIMEOUT_MS);
      if (!published.diagnostics.some((d) => d.code === 'non-eu-region'))
        record('probe-wrong', JSON.stringify(published.diagnostics.map((d) => [d.code, d.message])), batch, n);
      const hover = await Promise.race([
        client.hover(uri, 1, 12),
        new Promise((_, reject) => setTimeout(() => reject(new Error('no answer to hover')), PROBE_TIMEOUT_MS)),
      ]);
      if (!JSON.stringify(hover).includes('non-eu-region')) record('probe-hover', JSON.stringify(hover), batch, n);
      await client.close(uri);
      probes++;
    } catch (e) {
      record('probe-failed', `${e.message}; alive: ${client.alive}`, batch, n);
      await client.stop();
      client = undefined;
      done = n;
      continue;
    }
    for (const line of client.logs.slice(logsSeen)) {
      if (THREW.test(line)) record('handler-threw', line, batch, n);
      // SNCLINT_FUZZ_VERBOSE=1: each kind of line the server logged, once.
      const kind = line.split('\n')[0].replace(/\d+/g, 'N').slice(0, 160);
      if (process.env.SNCLINT_FUZZ_VERBOSE && !logKinds.has(kind)) log(`server logged: ${logKinds.add(kind) && kind}`);
    }
    logsSeen = client.logs.length;
    if (!client.alive) {
      record('server-exit', client.errorOutput.slice(-2000), batch, n);
      client = undefined;
    }
    // A fresh server now and then: the documents opened by the batches pile up otherwise.
    if (client && n % 200 === 0) {
      await client.stop();
      client = undefined;
    }
    done = n;
    if (n % 50 === 0)
      log(`${n} batches, ${sent} messages, ${findings.size} distinct findings, ${Math.round((performance.now() - started) / 1000)} s`);
  }
  if (client) await client.stop();
  const seconds = Math.round((performance.now() - started) / 1000);
  const summary = {
    date: new Date().toISOString(),
    target: 'protocol',
    seed,
    batches: done,
    requested: batches,
    messages: sent,
    probes,
    seconds,
    findings: [...findings].map(([key, v]) => ({ key, count: v.count, file: v.file })),
  };
  fs.appendFileSync(history, `${JSON.stringify(summary)}\n`);
  log(
    `done: ${done} batches, ${sent} messages, ${probes} probes answered in ${seconds} s, ${findings.size} distinct findings${findings.size ? ` in ${out}` : ''}`,
  );
  return findings.size;
}
