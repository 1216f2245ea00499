/**
 * Lints a large run's batches on several threads: the command's own thread and worker threads,
 * each linting whole batches (groups of files that do not see each other, lint/groups.ts). The
 * command stays synchronous: it lints batches itself and picks up the workers' results between
 * them, then waits for the last ones. Results come back in batch order, so a run gives the same
 * report on any number of threads.
 */
import * as os from 'node:os';
import { MessageChannel, type MessagePort, Worker, receiveMessageOnPort } from 'node:worker_threads';
import { type Language, SourceFile } from '../engine/source';
import type { Settings } from '../config/settings';
import type { GroupResult } from '../lint/across';

/** The mark of a worker started by this module, in its `workerData`. */
export const BATCH_WORKER = 'snclint-batch-worker';

/** Text below which a run stays on one thread: starting a worker costs more than it saves. */
const PARALLEL_CHARS = 3_000_000;
/** Batches a worker holds at once: one it lints, one waiting, so that it never idles between messages. */
const QUEUE_DEPTH = 2;
/**
 * How long the command's thread, left with nothing but waiting, waits for a worker that answers
 * nothing before it lints that worker's batches itself (a worker that died cannot say so to a
 * thread that blocks); an answer that comes later is dropped.
 */
const STALL_MS = 10_000;

/** How a batch's claim stands, in shared memory: whoever claims it first lints it. */
const QUEUED = 0;
const CLAIMED = 1;

interface WireFile {
  readonly path: string;
  readonly text: string;
  readonly language: Language;
  readonly settings: Settings;
}

interface BatchMessage {
  readonly index: number;
  readonly files: readonly WireFile[];
}

type ResultMessage = { readonly index: number; readonly result: unknown } | { readonly index: number; readonly error: string };

interface WorkerData {
  readonly kind: typeof BATCH_WORKER;
  readonly port: MessagePort;
  readonly claims: SharedArrayBuffer;
  readonly done: SharedArrayBuffer;
  readonly today: string;
}

const FILE = '\0file';

/** A copy of a lint result that structured clone can carry: each source file becomes its path. */
export function toWire(value: unknown): unknown {
  if (value instanceof SourceFile) return { [FILE]: value.path };
  if (Array.isArray(value)) return value.map(toWire);
  if (value instanceof Map) return new Map([...value].map(([k, v]) => [toWire(k), toWire(v)]));
  if (value instanceof Set) return new Set([...value].map(toWire));
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = toWire(v);
    return out;
  }
  return value;
}

/** The lint result `toWire` carried, with each path back to the run's own source file. */
export function fromWire(value: unknown, files: ReadonlyMap<string, SourceFile>): unknown {
  if (Array.isArray(value)) return value.map((v) => fromWire(v, files));
  if (value instanceof Map) return new Map([...value].map(([k, v]) => [fromWire(k, files), fromWire(v, files)]));
  if (value instanceof Set) return new Set([...value].map((v) => fromWire(v, files)));
  if (value !== null && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    const path = record[FILE];
    if (typeof path === 'string') {
      const file = files.get(path);
      if (!file) throw new Error(`a worker's result names ${path}, which its batch does not hold`);
      return file;
    }
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(record)) out[k] = fromWire(v, files);
    return out;
  }
  return value;
}

/**
 * How many threads lint a run of `chars` characters in `batches` batches. `auto` leaves one core to
 * V8's own background threads (garbage collection, optimising compilers), which keep most of a
 * second core busy during a lint: on two cores, a worker only slowed a run down. It uses at most four.
 */
export function threadsFor(requested: number | 'auto', batches: number, chars: number, cores = coreCount()): number {
  if (batches < 2) return 1;
  if (requested !== 'auto') return Math.min(requested, batches);
  if (chars < PARALLEL_CHARS) return 1;
  return Math.max(1, Math.min(cores - 1, 4, batches));
}

function coreCount(): number {
  return typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length;
}

/** Worker threads that lint batches for the command's thread, started from the command's own script. */
export class BatchThreads {
  private readonly workers: { worker: Worker; port: MessagePort; inFlight: Set<number> }[] = [];
  private readonly claims: Int32Array;
  private readonly done: Int32Array;
  /** Batches the workers linted in the last `run`. */
  workerBatches = 0;

  private constructor(
    script: string,
    count: number,
    batches: number,
    today: string,
    private readonly stallMs: number,
  ) {
    this.claims = new Int32Array(new SharedArrayBuffer(4 * batches));
    this.done = new Int32Array(new SharedArrayBuffer(4));
    for (let i = 0; i < count; i++) {
      const { port1, port2 } = new MessageChannel();
      const data: WorkerData = {
        kind: BATCH_WORKER,
        port: port2,
        claims: this.claims.buffer as SharedArrayBuffer,
        done: this.done.buffer as SharedArrayBuffer,
        today,
      };
      const worker = new Worker(script, { workerData: data, transferList: [port2] });
      worker.unref();
      // A worker that fails is seen through its unanswered batches, which the command's thread then lints.
      worker.on('error', () => undefined);
      this.workers.push({ worker, port: port1, inFlight: new Set() });
    }
  }

  /** Worker threads for a run, or undefined when none can start (the command then lints alone). */
  static start(script: string | undefined, count: number, batches: number, today: string, stallMs = STALL_MS): BatchThreads | undefined {
    if (!script || count < 1) return undefined;
    try {
      return new BatchThreads(script, count, batches, today, stallMs);
    } catch {
      return undefined;
    }
  }

  /**
   * Lints every batch, on the workers and on this thread, and returns the results in batch order;
   * `after` sees each batch and its result as it comes in.
   */
  run(
    batches: readonly (readonly SourceFile[])[],
    lintHere: (files: readonly SourceFile[]) => GroupResult,
    settingsFor: (f: SourceFile) => Settings,
    after: (files: readonly SourceFile[], result: GroupResult) => void,
  ): GroupResult[] {
    const results: (GroupResult | undefined)[] = new Array(batches.length);
    const here = (i: number): void => {
      const r = lintHere(batches[i]!);
      results[i] = r;
      after(batches[i]!, r);
    };
    const receive = (): void => {
      for (const w of this.workers) {
        for (let m = receiveMessageOnPort(w.port); m; m = receiveMessageOnPort(w.port)) {
          const msg = m.message as ResultMessage;
          w.inFlight.delete(msg.index);
          // Linted here meanwhile (the worker was given up on): the late answer is dropped.
          if (results[msg.index] !== undefined) continue;
          if ('error' in msg) {
            here(msg.index);
            continue;
          }
          const files = new Map(batches[msg.index]!.map((f) => [f.path, f]));
          const r = fromWire(msg.result, files) as GroupResult;
          this.workerBatches++;
          results[msg.index] = r;
          after(batches[msg.index]!, r);
        }
      }
    };
    let next = 0;
    const send = (): void => {
      for (const w of this.workers) {
        while (w.inFlight.size < QUEUE_DEPTH && next < batches.length) {
          const index = next++;
          const files = batches[index]!.map((f) => ({ path: f.path, text: f.text, language: f.language, settings: settingsFor(f) }));
          w.inFlight.add(index);
          w.worker.postMessage({ index, files } satisfies BatchMessage);
        }
      }
    };
    send();
    while (next < batches.length) {
      const index = next++;
      if (Atomics.compareExchange(this.claims, index, QUEUED, CLAIMED) === QUEUED) here(index);
      receive();
      send();
    }
    /** Lints here the batches the workers hold: those none has started, or all of them. */
    const takeBack = (started: boolean): void => {
      for (const w of this.workers) {
        for (const index of [...w.inFlight]) {
          if (!started && Atomics.compareExchange(this.claims, index, QUEUED, CLAIMED) !== QUEUED) continue;
          w.inFlight.delete(index);
          here(index);
        }
      }
    };
    // What the workers have not started yet is linted here; what they have started is waited for.
    takeBack(false);
    let waitedSince = performance.now();
    while (this.workers.some((w) => w.inFlight.size)) {
      const seen = Atomics.load(this.done, 0);
      receive();
      if (!this.workers.some((w) => w.inFlight.size)) break;
      if (Atomics.wait(this.done, 0, seen, Math.min(1000, this.stallMs)) !== 'timed-out') waitedSince = performance.now();
      else if (performance.now() - waitedSince >= this.stallMs) takeBack(true);
    }
    return results as GroupResult[];
  }

  /** Stops the workers. */
  close(): void {
    for (const w of this.workers) {
      w.port.close();
      void w.worker.terminate();
    }
  }
}

/**
 * The worker's side: lints each batch it can claim with `lintBatch` and posts the result on its port,
 * then signals the command's thread, which may be waiting.
 */
export function serveBatches(
  parent: { on(event: 'message', listener: (m: BatchMessage) => void): unknown },
  data: WorkerData,
  lintBatch: (files: readonly SourceFile[], settingsFor: (f: SourceFile) => Settings, today: string) => GroupResult,
  afterBatch: () => void,
): void {
  const claims = new Int32Array(data.claims);
  const done = new Int32Array(data.done);
  parent.on('message', (m) => {
    if (Atomics.compareExchange(claims, m.index, QUEUED, CLAIMED) !== QUEUED) return;
    let reply: ResultMessage;
    try {
      const settings = new Map<SourceFile, Settings>();
      const files = m.files.map((w) => {
        const f = new SourceFile(w.path, w.text, w.language);
        settings.set(f, w.settings);
        return f;
      });
      reply = { index: m.index, result: toWire(lintBatch(files, (f) => settings.get(f)!, data.today)) };
    } catch (e) {
      reply = { index: m.index, error: e instanceof Error ? e.message : String(e) };
    }
    data.port.postMessage(reply);
    Atomics.add(done, 0, 1);
    Atomics.notify(done, 0);
    afterBatch();
  });
}

/** Whether this thread is a batch worker, from its `workerData`. */
export function isBatchWorker(data: unknown): data is WorkerData {
  return typeof data === 'object' && data !== null && (data as { kind?: unknown }).kind === BATCH_WORKER;
}
