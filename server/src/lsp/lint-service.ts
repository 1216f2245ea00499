/**
 * Where documents are linted: in a worker thread, so the main thread keeps answering hovers and
 * code actions while a big file is linted; on the main thread when no worker can run. While the
 * worker starts, small documents are linted on the main thread and big ones wait for it. One lint is
 * in flight at a time; a document changed meanwhile waits with its latest version only, and a
 * result whose version is no longer the document's is dropped.
 */
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { Diagnostic, TextDocuments } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Settings } from '../config/settings';
import { SourceFile, languageOf } from '../engine/source';
import type { Finding } from '../engine/types';
import type { DocumentLinter, LintSnapshot } from './document-linter';
import { pathFromUri } from './documents';
import type { FromWorker, LintPart, LintRequest, LintResponse, OpenText, ToWorker, WireFinding } from './lint-protocol';

/** Documents up to this many characters are linted on the main thread when a request needs a version the worker has not linted yet, or while the worker starts. */
const SYNC_CHARS = 200_000;
/** A worker not ready by then is given up: linting goes back to the main thread. */
const READY_WITHIN_MS = 10_000;

/** What the service reads from the session. */
export interface LintServiceDeps {
  readonly linter: DocumentLinter;
  readonly documents: TextDocuments<TextDocument>;
  readonly settings: (uri: string) => Settings | undefined;
  readonly folders: () => readonly string[];
  readonly log: (message: string) => void;
  /** Called with each fresh result from the worker (its version is the document's, nothing changed since it was asked). */
  readonly fresh: (uri: string, snapshot: LintSnapshot | undefined) => void;
}

interface Stored {
  readonly version: number;
  readonly epoch: number;
  readonly snapshot: LintSnapshot | undefined;
}

interface InFlight {
  readonly request: LintRequest;
  readonly epoch: number;
  /** What the parts received so far hold (a big result comes in parts). */
  received?: { readonly file: SourceFile; readonly findings: Finding[]; readonly diagnostics: Diagnostic[] };
}

/** Lints documents off the main thread when it can, and keeps the last result of each. */
export class LintService {
  private worker: Worker | undefined;
  private ready = false;
  private fellBack = false;
  private nextId = 1;
  private inFlight: InFlight | undefined;
  /** Documents waiting for the worker, in order; the version is read when the request is sent. */
  private readonly waiting = new Set<string>();
  private readonly results = new Map<string, Stored>();
  private readonly epochs = new Map<string, number>();
  private readonly waiters = new Map<string, ((s: LintSnapshot | undefined) => void)[]>();
  /** The version of each open document's text the worker holds, by path. */
  private readonly sentOpen = new Map<string, number>();

  constructor(private readonly deps: LintServiceDeps) {}

  /** Starts the worker (`lint-worker.js` beside the server bundle); on failure, or if it is not ready within `readyWithinMs`, linting stays on the main thread. */
  start(script = join(__dirname, 'lint-worker.js'), readyWithinMs = READY_WITHIN_MS): void {
    try {
      const worker = new Worker(script, { stdout: true, stderr: true });
      // The protocol owns stdout: whatever the engine prints goes to the log.
      worker.stdout.on('data', (c: Buffer) => this.deps.log(c.toString()));
      worker.stderr.on('data', (c: Buffer) => this.deps.log(c.toString()));
      worker.on('message', (m: FromWorker) => this.received(m));
      worker.on('error', (e) => this.failed(`the lint worker failed: ${e.stack ?? e.message}`));
      worker.on('exit', (code) => this.failed(`the lint worker exited with code ${code}`));
      worker.unref();
      this.worker = worker;
      const deadline = setTimeout(() => {
        if (this.worker === worker && !this.ready) this.failed(`the lint worker was not ready within ${readyWithinMs} ms`);
      }, readyWithinMs);
      deadline.unref();
    } catch (e) {
      this.failed(`the lint worker could not start: ${(e as Error).message}`);
    }
  }

  /** Whether lints run in the worker (it started and answered). */
  get threaded(): boolean {
    return this.worker !== undefined && this.ready;
  }

  /** Whether the document is linted on the main thread now: no worker, or one still starting and a small document. */
  private here(doc: TextDocument): boolean {
    return !this.worker || (!this.ready && doc.getText().length <= SYNC_CHARS);
  }

  /** Lints the document's current version: at once on the main thread, or in the worker (the result arrives through `fresh`). */
  lint(doc: TextDocument): LintSnapshot | undefined | 'pending' {
    if (this.here(doc)) return this.deps.linter.lint(doc);
    // Sent ahead of the trailing change of a burst, the latest version may be linted already.
    const known = this.fresh(doc);
    if (known) return known.snapshot;
    this.request(doc.uri);
    return 'pending';
  }

  /**
   * The result of the document's current version if known; else a small document is linted here,
   * and a big one gives its last result (possibly of an earlier version), so no request waits for a big lint.
   */
  current(doc: TextDocument): LintSnapshot | undefined {
    const known = this.fresh(doc);
    if (known) return known.snapshot;
    if (!this.worker || doc.getText().length <= SYNC_CHARS) return this.deps.linter.lint(doc);
    this.request(doc.uri);
    return this.results.get(doc.uri)?.snapshot;
  }

  /** Whether `current` would give an earlier version's result: a big document the worker has not linted yet. */
  behind(doc: TextDocument): boolean {
    return this.worker !== undefined && !this.fresh(doc) && doc.getText().length > SYNC_CHARS;
  }

  /** The result of the document's current version (or of a later one, if it changes meanwhile). */
  whenCurrent(doc: TextDocument): Promise<LintSnapshot | undefined> {
    const known = this.fresh(doc);
    if (known) return Promise.resolve(known.snapshot);
    if (this.here(doc)) return Promise.resolve(this.deps.linter.lint(doc));
    return new Promise((resolve) => {
      this.waiters.set(doc.uri, [...(this.waiters.get(doc.uri) ?? []), resolve]);
      this.request(doc.uri);
    });
  }

  /** A file the document depends on changed: its result is stale. */
  invalidate(uri: string): void {
    this.epochs.set(uri, (this.epochs.get(uri) ?? 0) + 1);
    this.deps.linter.invalidate(uri);
  }

  /** Every result is stale (settings, configuration). */
  invalidateAll(): void {
    for (const uri of this.results.keys()) this.epochs.set(uri, (this.epochs.get(uri) ?? 0) + 1);
    if (this.inFlight) this.epochs.set(this.inFlight.request.uri, (this.epochs.get(this.inFlight.request.uri) ?? 0) + 1);
    this.deps.linter.clear();
  }

  /** A closed document: its results go, its waiters get nothing. */
  forget(uri: string): void {
    this.results.delete(uri);
    this.waiting.delete(uri);
    this.epochs.set(uri, (this.epochs.get(uri) ?? 0) + 1);
    this.deps.linter.forget(uri);
    // The worker drops its text with the next request; a document opened again at version 1 is sent again.
    if (this.sentOpen.has(pathFromUri(uri))) this.sentOpen.set(pathFromUri(uri), -1);
    for (const w of this.waiters.get(uri) ?? []) w(undefined);
    this.waiters.delete(uri);
  }

  /** Files changed on disk: what was read or parsed of them is forgotten, here and in the worker. */
  filesChanged(paths: readonly string[]): void {
    for (const p of paths) this.deps.linter.fileChanged(p);
    if (this.worker && paths.length) this.post({ kind: 'changed', paths });
  }

  private fresh(doc: TextDocument): Stored | undefined {
    const r = this.results.get(doc.uri);
    return r && r.version === doc.version && r.epoch === (this.epochs.get(doc.uri) ?? 0) ? r : undefined;
  }

  private request(uri: string): void {
    this.waiting.add(uri);
    this.pump();
  }

  /** Sends the next waiting document when nothing is in flight. */
  private pump(): void {
    if (this.inFlight || !this.threaded) return;
    for (const uri of this.waiting) {
      this.waiting.delete(uri);
      const doc = this.deps.documents.get(uri);
      if (!doc || this.fresh(doc)) continue;
      const request: LintRequest = {
        kind: 'lint',
        id: this.nextId++,
        uri,
        version: doc.version,
        text: doc.getText(),
        settings: this.deps.settings(uri),
        folders: this.deps.folders(),
        relatedInformation: this.deps.linter.diagnosticOptions.relatedInformation,
        locale: this.deps.linter.diagnosticOptions.locale ?? 'en',
        open: this.openChanges(pathFromUri(uri), doc.version),
      };
      this.inFlight = { request, epoch: this.epochs.get(uri) ?? 0 };
      this.post(request);
      return;
    }
  }

  /** The open documents whose text the worker does not have yet, and those closed since. */
  private openChanges(target: string, version: number): OpenText[] {
    const out: OpenText[] = [];
    const now = new Set<string>();
    for (const d of this.deps.documents.all()) {
      const path = pathFromUri(d.uri);
      now.add(path);
      if (path === target || this.sentOpen.get(path) === d.version) continue;
      this.sentOpen.set(path, d.version);
      out.push({ path, text: d.getText() });
    }
    for (const path of this.sentOpen.keys()) {
      if (now.has(path)) continue;
      this.sentOpen.delete(path);
      out.push({ path, text: null });
    }
    this.sentOpen.set(target, version);
    return out;
  }

  private received(m: FromWorker): void {
    if (m.kind === 'log') this.deps.log(m.message);
    else if (m.kind === 'ready') {
      this.ready = true;
      this.pump();
    } else if (m.kind === 'part') this.take(m);
    else this.settle(m);
  }

  /**
   * Keeps a part of the result in flight, then asks for the next once the requests that came
   * meanwhile are answered; a result gone stale is ended at once (its response is then dropped).
   */
  private take(m: LintPart): void {
    const flight = this.inFlight;
    if (!flight || flight.request.id !== m.id) return;
    const stale = !this.upToDate(flight);
    if (!stale) {
      flight.received ??= { file: this.fileOf(flight.request), findings: [], diagnostics: [] };
      this.bind(flight.received.file, m.findings, flight.received.findings);
      for (const d of m.diagnostics) flight.received.diagnostics.push(d);
    }
    setImmediate(() => {
      if (this.inFlight === flight) this.post({ kind: 'more', id: m.id, stale: stale || !this.upToDate(flight) });
    });
  }

  /** Whether the lint in flight is still of the document's version, with nothing it depends on changed since. */
  private upToDate(flight: InFlight): boolean {
    const doc = this.deps.documents.get(flight.request.uri);
    return doc !== undefined && doc.version === flight.request.version && (this.epochs.get(flight.request.uri) ?? 0) === flight.epoch;
  }

  private settle(m: LintResponse): void {
    const flight = this.inFlight;
    if (!flight || flight.request.id !== m.id) return;
    this.inFlight = undefined;
    const doc = this.deps.documents.get(m.uri);
    // Stale: the document changed, closed, or a file it depends on changed while it was linted.
    if (doc && doc.version === m.version && (this.epochs.get(m.uri) ?? 0) === flight.epoch) {
      const snapshot = m.findings ? this.snapshotOf(flight, m) : undefined;
      this.results.set(m.uri, { version: m.version, epoch: flight.epoch, snapshot });
      const waiters = this.waiters.get(m.uri) ?? [];
      this.waiters.delete(m.uri);
      for (const w of waiters) w(snapshot);
      this.deps.fresh(m.uri, snapshot);
    } else if (doc && this.waiters.has(m.uri)) this.waiting.add(m.uri);
    this.pump();
  }

  /** The worker's findings (those of its parts, then of its response) bound to the text the main thread sent it. */
  private snapshotOf(flight: InFlight, m: LintResponse): LintSnapshot {
    const { request, received } = flight;
    const file = received?.file ?? this.fileOf(request);
    const findings = this.bind(file, m.findings ?? [], received?.findings ?? []);
    const diagnostics = received ? received.diagnostics.concat(m.diagnostics) : m.diagnostics;
    return { uri: request.uri, version: request.version, file, findings, diagnostics };
  }

  /** The document's text as the worker linted it. */
  private fileOf(request: LintRequest): SourceFile {
    const path = pathFromUri(request.uri);
    return new SourceFile(path, request.text, languageOf(path) ?? 'terraform', request.version);
  }

  /** Appends the worker's findings to `to`, bound to `file` (the objects are this thread's copies: completed, not copied again). */
  private bind(file: SourceFile, findings: readonly WireFinding[], to: Finding[]): Finding[] {
    for (const f of findings) to.push(Object.assign(f, { file, related: [] }));
    return to;
  }

  private post(m: ToWorker): void {
    try {
      this.worker?.postMessage(m);
    } catch (e) {
      this.failed(`a message could not be sent to the lint worker: ${(e as Error).message}`);
    }
  }

  /** Linting goes back to the main thread for good (said once in the log); what was waiting is linted there. */
  private failed(reason: string): void {
    const worker = this.worker;
    this.worker = undefined;
    this.ready = false;
    if (!this.fellBack) this.deps.log(`Linting on the main thread: ${reason}`);
    this.fellBack = true;
    if (!worker) return;
    void worker.terminate().catch(() => undefined);
    const uris = new Set([...(this.inFlight ? [this.inFlight.request.uri] : []), ...this.waiting, ...this.waiters.keys()]);
    this.inFlight = undefined;
    this.waiting.clear();
    for (const uri of uris) {
      const doc = this.deps.documents.get(uri);
      if (!doc) continue;
      const snapshot = this.deps.linter.lint(doc);
      const waiters = this.waiters.get(uri) ?? [];
      this.waiters.delete(uri);
      for (const w of waiters) w(snapshot);
      this.deps.fresh(uri, snapshot);
    }
  }
}
