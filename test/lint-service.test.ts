import { strict as assert } from 'node:assert';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Worker } from 'node:worker_threads';
import type { Diagnostic, TextDocuments } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { RULES } from '../rules';
import { DocumentLinter, type LintSnapshot } from '../server/src/lsp/document-linter';
import type { FromWorker, LintRequest, ToWorker } from '../server/src/lsp/lint-protocol';
import { LintService } from '../server/src/lsp/lint-service';
import { serveLints } from '../server/src/lsp/lint-worker';
import { delay, ensureBuilt, SERVER } from './harness/lsp-client';
import { manyVolumes } from './harness/fixtures';

/** Starts the service's real worker and waits until it is ready; the worker, to watch its messages. */
async function startWorker(lints: LintService): Promise<Worker> {
  lints.start(join(dirname(SERVER), 'lint-worker.js'));
  while (!lints.threaded) await delay(20);
  return (lints as unknown as { worker: Worker }).worker;
}

/** Each service's worker, stopped after each test (a worker left running keeps mocha from exiting). */
const workers: (() => Worker | undefined)[] = [];
async function stopWorkers(): Promise<void> {
  for (const w of workers.splice(0)) await w()?.terminate();
}

/** A service whose main-thread lints are recorded, over documents held in a map. */
function service(dir: string) {
  const docs = new Map<string, TextDocument>();
  const onMain: string[] = [];
  const logs: string[] = [];
  const fresh: { uri: string; snapshot: LintSnapshot | undefined }[] = [];
  const waiting: ((f: { uri: string; snapshot: LintSnapshot | undefined }) => void)[] = [];
  const linter = new DocumentLinter(
    () => RULES,
    () => undefined,
    (m) => logs.push(m),
  );
  const lint = linter.lint.bind(linter);
  linter.lint = (doc) => {
    onMain.push(doc.uri);
    return lint(doc);
  };
  const documents = { get: (uri: string) => docs.get(uri), all: () => [...docs.values()] } as unknown as TextDocuments<TextDocument>;
  const lints = new LintService({
    linter,
    documents,
    settings: () => undefined,
    folders: () => [],
    log: (m) => logs.push(m),
    fresh: (uri, snapshot) => {
      const f = { uri, snapshot };
      const waiter = waiting.shift();
      if (waiter) waiter(f);
      else fresh.push(f);
    },
  });
  workers.push(() => (lints as unknown as { worker: Worker | undefined }).worker);
  const open = (name: string, text: string, version = 1): TextDocument => {
    const uri = pathToFileURL(join(dir, name, 'main.tf')).href;
    const doc = TextDocument.create(uri, 'terraform', version, text);
    docs.set(uri, doc);
    return doc;
  };
  const nextFresh = () =>
    new Promise<{ uri: string; snapshot: LintSnapshot | undefined }>((resolve) => {
      const f = fresh.shift();
      if (f) resolve(f);
      else waiting.push(resolve);
    });
  return { lints, open, onMain, logs, nextFresh, nextFreshCount: () => fresh.length };
}

describe('lint service: while the worker starts', function () {
  this.timeout(60000);
  let dir: string;
  let neverReady: string;
  let failing: string;
  const small = 'provider "aws" {\n  region = "us-east-1"\n}\n';
  const big = manyVolumes(260);

  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'snclint-lint-service-'));
    // A worker that loads forever: it never says it is ready.
    neverReady = join(dir, 'never-ready.js');
    writeFileSync(neverReady, 'setInterval(() => undefined, 1 << 30);\n');
    // A worker that fails while loading.
    failing = join(dir, 'failing.js');
    writeFileSync(failing, "setTimeout(() => { throw new Error('cannot load'); }, 100);\n");
    assert.ok(big.length > 200_000);
  });

  afterEach(stopWorkers);
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('lints a small document on the main thread and keeps a big one for the worker', () => {
    const s = service(dir);
    s.lints.start(neverReady, 60_000);
    const smallDoc = s.open('small', small);
    const bigDoc = s.open('big', big);
    const snapshot = s.lints.lint(smallDoc);
    assert.ok(snapshot && snapshot !== 'pending');
    assert.ok(snapshot.diagnostics.some((d) => d.code === 'non-eu-region'));
    assert.equal(s.lints.lint(bigDoc), 'pending');
    assert.ok(s.lints.behind(bigDoc));
    // A request gives the big document's last result (none yet) rather than linting it here.
    assert.equal(s.lints.current(bigDoc), undefined);
    assert.deepEqual(s.onMain, [smallDoc.uri]);
  });

  it('lints a waiting big document on the main thread when the worker fails to start', async () => {
    const s = service(dir);
    s.lints.start(failing, 60_000);
    const bigDoc = s.open('big', big);
    assert.equal(s.lints.lint(bigDoc), 'pending');
    const waiter = s.lints.whenCurrent(bigDoc);
    const f = await s.nextFresh();
    assert.equal(f.uri, bigDoc.uri);
    assert.equal(f.snapshot?.version, 1);
    assert.equal(f.snapshot?.diagnostics.filter((d) => d.code === 'non-eu-region').length, 260);
    assert.equal(await waiter, f.snapshot);
    assert.deepEqual(s.onMain, [bigDoc.uri]);
    assert.ok(s.logs.some((m) => /Linting on the main thread: the lint worker failed/.test(m)));
    assert.equal(s.lints.threaded, false);
  });

  it('gives up a worker not ready in time and lints the waiting big document on the main thread', async () => {
    const s = service(dir);
    s.lints.start(neverReady, 300);
    const bigDoc = s.open('big', big);
    assert.equal(s.lints.lint(bigDoc), 'pending');
    const f = await s.nextFresh();
    assert.equal(f.uri, bigDoc.uri);
    assert.equal(f.snapshot?.diagnostics.filter((d) => d.code === 'non-eu-region').length, 260);
    assert.ok(s.logs.some((m) => /Linting on the main thread: the lint worker was not ready within 300 ms/.test(m)));
    // From then on, every document is linted here.
    assert.notEqual(s.lints.lint(s.open('other', big)), 'pending');
  });
});

/** A lint worker served in this thread, through a port that records what it sends. */
function served(partSize: number) {
  let listener: ((m: ToWorker) => void) | undefined;
  const sent: FromWorker[] = [];
  const waiting: (() => void)[] = [];
  serveLints(
    {
      on: (_event, l) => {
        listener = l;
      },
      postMessage: (m) => {
        sent.push(m);
        for (const w of waiting.splice(0)) w();
      },
    },
    partSize,
  );
  const send = (m: ToWorker): void => listener!(m);
  /** The messages sent after the first `count`, once there are more than `count`. */
  const after = async (count: number): Promise<FromWorker[]> => {
    while (sent.length <= count) await new Promise<void>((r) => waiting.push(r));
    return sent.slice(count);
  };
  return { sent, send, after };
}

function request(id: number, uri: string, text: string): LintRequest {
  return { kind: 'lint', id, uri, version: 1, text, settings: undefined, folders: [], relatedInformation: true, locale: 'en', open: [] };
}

describe('lint worker and service: a big result in parts', function () {
  this.timeout(120000);
  let dir: string;

  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'snclint-lint-parts-'));
  });

  afterEach(stopWorkers);
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('sends a part at a time, each when asked, and runs the next lint after the last part', async () => {
    const bigUri = pathToFileURL(join(dir, 'big', 'main.tf')).href;
    const smallUri = pathToFileURL(join(dir, 'small', 'main.tf')).href;
    const text = manyVolumes(260);
    const whole = served(100_000);
    whole.send(request(1, bigUri, text));
    const [single] = await whole.after(1);
    assert.equal(single?.kind, 'result');
    if (single?.kind !== 'result') return;
    assert.ok(single.diagnostics.length >= 260);

    const parts = served(100);
    parts.send(request(1, bigUri, text));
    const [first] = await parts.after(1);
    assert.equal(first?.kind, 'part');
    // Another document's lint waits until the whole result is sent.
    parts.send(request(2, smallUri, 'provider "aws" {\n  region = "us-east-1"\n}\n'));
    await delay(100);
    assert.equal(parts.sent.length, 2, 'nothing more is sent before the main thread asks');
    const messages: FromWorker[] = [first!];
    while (messages.at(-1)!.kind === 'part') {
      parts.send({ kind: 'more', id: 1 });
      messages.push(...(await parts.after(parts.sent.length - 1)));
    }
    const last = messages.at(-1)!;
    assert.equal(last.kind, 'result');
    if (last.kind !== 'result') return;
    assert.equal(last.id, 1);
    assert.ok(messages.length >= 3);
    for (const m of messages.slice(0, -1)) {
      assert.equal(m.kind === 'part' && m.findings.length <= 100 && m.diagnostics.length <= 100, true);
    }
    const findings = messages.flatMap((m) => (m.kind === 'part' || m.kind === 'result' ? (m.findings ?? []) : []));
    const diagnostics = messages.flatMap((m) => (m.kind === 'part' || m.kind === 'result' ? m.diagnostics : []));
    assert.deepEqual(findings, single.findings);
    assert.deepEqual(diagnostics, single.diagnostics);
    // Then the waiting lint runs.
    const [next] = await parts.after(messages.length + 1);
    assert.equal(next?.kind === 'result' && next.id, 2);
  });

  it('ends a result the main thread found stale at once, empty, and runs the next lint', async () => {
    const bigUri = pathToFileURL(join(dir, 'big', 'main.tf')).href;
    const parts = served(100);
    parts.send(request(1, bigUri, manyVolumes(260)));
    const [first] = await parts.after(1);
    assert.equal(first?.kind, 'part');
    parts.send({ ...request(2, bigUri, manyVolumes(2)), version: 2 });
    parts.send({ kind: 'more', id: 1, stale: true });
    const [end] = await parts.after(2);
    assert.deepEqual(end?.kind === 'result' && [end.id, end.findings, end.diagnostics], [1, [], []]);
    const [next] = await parts.after(3);
    assert.equal(next?.kind === 'result' && next.id, 2);
    assert.equal(next?.kind === 'result' && next.diagnostics.filter((d) => d.code === 'non-eu-region').length, 2);
  });

  it('answers between the parts of a big result from the worker, and gives the diagnostics of a lint on the main thread', async () => {
    ensureBuilt();
    const s = service(dir);
    const worker = await startWorker(s.lints);
    // Every message of the worker, and whether the event loop turned after each part before the next message.
    const seen: string[] = [];
    worker.on('message', (m: FromWorker) => {
      seen.push(m.kind);
      if (m.kind === 'part') setImmediate(() => seen.push('turn'));
    });
    const doc = s.open('big', manyVolumes(1300));
    assert.equal(s.lints.lint(doc), 'pending');
    const f = await s.nextFresh();
    const parts = seen.filter((k) => k === 'part').length;
    assert.ok(parts >= 2, seen.join(' '));
    assert.deepEqual(
      seen.filter((k) => k !== 'log'),
      [...Array.from({ length: parts }, () => ['part', 'turn']).flat(), 'result'],
    );
    assert.deepEqual(s.onMain, []);
    const linter = new DocumentLinter(
      () => RULES,
      () => undefined,
      () => undefined,
    );
    const here = linter.lint(doc)!;
    const plain = (ds: readonly Diagnostic[]) => ds.map(({ codeDescription: _link, ...d }) => d);
    assert.deepEqual(plain(f.snapshot!.diagnostics), plain(here.diagnostics));
    assert.deepEqual(
      f.snapshot!.findings.map(({ file, related: _related, ...rest }) => ({ ...rest, file: file.path })),
      here.findings.map(({ file, related: _related, ...rest }) => ({ ...rest, file: file.path })),
    );
  });

  it('stops taking the parts of a document changed meanwhile and delivers its new version only', async () => {
    ensureBuilt();
    const s = service(dir);
    const worker = await startWorker(s.lints);
    const seen: FromWorker[] = [];
    let changed: TextDocument | undefined;
    worker.on('message', (m: FromWorker) => {
      if (m.kind === 'log') return;
      seen.push(m);
      // Typed into while its first result comes: version 2 fixes all but 3 zones.
      if (m.kind === 'part' && !changed) {
        changed = s.open('changing', manyVolumes(1300).replaceAll('us-east-1a', 'eu-west-3a') + manyVolumes(3), 2);
        assert.equal(s.lints.lint(changed), 'pending');
      }
    });
    assert.equal(s.lints.lint(s.open('changing', manyVolumes(1300))), 'pending');
    const f = await s.nextFresh();
    assert.equal(f.snapshot?.version, 2);
    assert.equal(f.snapshot?.diagnostics.filter((d) => d.code === 'non-eu-region').length, 3);
    // Version 1: one part, then a response ending it, empty; then version 2, in parts or not.
    assert.deepEqual(
      seen.slice(0, 2).map((m) => m.kind),
      ['part', 'result'],
    );
    const ended = seen[1]!;
    assert.deepEqual(ended.kind === 'result' && [ended.version, ended.findings, ended.diagnostics], [1, [], []]);
    const last = seen.at(-1)!;
    assert.equal(last.kind === 'result' && last.version, 2);
    assert.ok(seen.slice(2, -1).every((m) => m.kind === 'part'));
    await delay(50);
    assert.equal(s.nextFreshCount(), 0, 'version 1 was never delivered');
  });
});
