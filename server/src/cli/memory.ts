/** Lets the CLI return memory between groups of files (see lint/groups.ts). */
import * as v8 from 'node:v8';
import * as vm from 'node:vm';
import type { SourceFile } from '../engine/source';
import type { FileError } from '../engine/types';
import type { GroupResult } from '../lint/across';

/** Text of a run above which files wait on disk for their batch rather than in memory. */
export const EVICT_CHARS = 24_000_000;

/** Growth of the heap since the last full collection that calls for another one. */
const SLACK_BYTES = 64 * 1024 * 1024;

/**
 * Heap below which no collection is forced: V8's own collections keep a heap of this size in check,
 * and a run that never grows past it (the corpus's 5,000 Terraform files) would pay for forced
 * collections it does not need (7% of its time, for some 30 MB less at the peak).
 */
const FLOOR_BYTES = 128 * 1024 * 1024;

/**
 * A full garbage collection once the heap has grown by `slack` bytes since the last one and holds
 * more than `floor` bytes, or nothing where the runtime refuses. V8 grows its heap while it can
 * rather than collect, so without this a large run's peak memory is that of all its groups
 * together; with it, that of its largest groups. A forced collection is dear beyond its own time:
 * V8 then drops optimised code whose object shapes died with the last batch (four times the
 * deoptimisations over the corpus), and compiles it again for the next. So it comes once per 64 MB
 * of growth, not after every batch (over four copies of the corpus, 13 s instead of 18 s with
 * 32 MB, for some 45 MB more at the peak). The function returned collects when due (or at once with
 * `force`) and says whether it did.
 */
export function garbageCollector(slack = SLACK_BYTES, floor = FLOOR_BYTES): (force?: boolean) => boolean {
  try {
    v8.setFlagsFromString('--expose-gc');
    const gc: unknown = vm.runInNewContext('gc');
    if (typeof gc === 'function') {
      const used = (): number => v8.getHeapStatistics().used_heap_size;
      let after = used();
      return (force = false) => {
        const now = used();
        if (!force && (now < after + slack || now < floor)) return false;
        (gc as () => void)();
        after = used();
        return true;
      };
    }
  } catch {
    // Not available: memory is then returned whenever V8 decides.
  }
  return () => false;
}

/**
 * Releases the text of a linted batch's files that no report reads: reports quote and place only
 * the files of findings (and their related locations), suppressions and errors.
 */
export function releaseUnquoted(files: readonly SourceFile[], result: GroupResult): void {
  const quoted = new Set<SourceFile>();
  const finding = (f: GroupResult['findings'][number]): void => {
    quoted.add(f.file);
    for (const r of f.related) quoted.add(r.file);
  };
  result.findings.forEach(finding);
  for (const s of result.suppressed ?? []) {
    finding(s.finding);
    quoted.add(s.file);
  }
  for (const e of result.errors) if (e.source) quoted.add(e.source);
  for (const p of result.deferred?.pending ?? []) finding(p.finding);
  for (const d of result.deferred?.directives ?? []) quoted.add(d.file);
  for (const f of files) if (!quoted.has(f)) f.release();
}

/**
 * Evicts the text of the files of every batch but the first when the run holds more than
 * `EVICT_CHARS` of text: each is read again when its batch is linted, so that memory holds the
 * batches being linted, not the whole run. Says how many files it evicted.
 */
export function evictWaiting(batches: readonly (readonly SourceFile[])[], chars: number): number {
  if (chars <= EVICT_CHARS) return 0;
  let evicted = 0;
  for (const b of batches.slice(1)) for (const f of b) if (f.evict()) evicted++;
  return evicted;
}

/**
 * The batches' results, each with an error for every file of its batch that could not be read again
 * when the batch was linted (deleted or changed meanwhile: it was linted as empty).
 */
export function withUnreadable(batches: readonly (readonly SourceFile[])[], results: readonly GroupResult[]): GroupResult[] {
  return results.map((r, i) => {
    const errors: FileError[] = [];
    for (const f of batches[i] ?? []) if (f.unreadable !== undefined) errors.push({ file: f.path, kind: 'io', message: f.unreadable });
    return errors.length ? { ...r, errors: [...r.errors, ...errors] } : r;
  });
}
