/**
 * The results cache of `--cache`: each group of files that lint together keeps its result, keyed by
 * the text of every file the group reads, the settings in force for each, the day (suppressions
 * expire), the rules and the build of snclint. A cache file is repository-side input like any other:
 * it is read as a regular file of bounded size, and an entry that does not have the exact shape of a
 * result over the group's own texts is dropped, never trusted.
 */
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { SourceFile } from '../engine/source';
import type { FileError, Finding, Fix, MessageKey, RelatedLocation, Severity, TextEdit } from '../engine/types';
import type { HeldDirective, SuppressedFinding } from '../lint/suppressions';
import type { Deferred, GroupResult, PendingFinding } from '../lint/across';
import type { Settings } from '../config/settings';
import { type Project, isRefusal, readRegularFile } from '../workspace/confine';
import { WriteError, writeOutputFile } from '../workspace/write';
import type { GroupCache } from '../lint/groups';

/** Cache files larger than this are not read. */
export const MAX_CACHE_BYTES = 256 * 1024 * 1024;
const FORMAT = 'snclint-cache/2';

/** What every key of a run shares: the build, the rules, the day and the folder reports are relative to. */
export interface CacheScope {
  readonly version: string;
  readonly ruleIds: readonly string[];
  readonly today: string;
  readonly cwd: string;
  readonly settingsFor: (f: SourceFile) => Settings;
  /**
   * A cross-group rule's summary read back (the rule's `across.read`), undefined when it is not one;
   * without it, a stored result that leaves work to settle is not reused.
   */
  readonly readSummary?: (ruleId: string, data: unknown) => unknown;
}

/** A finding as stored: files by their index in the group. */
interface StoredFinding {
  r: string;
  s: Severity;
  f: number;
  a: [number, number];
  m: string;
  q: string[];
  x: { t: string; s: 'safe' | 'unsafe'; p?: boolean; e: [number, number, string][]; k?: StoredKey }[];
  l: { f: number; a: [number, number]; m: string }[];
  /** The message key, which translations need. */
  k?: StoredKey;
}

/** A message key or fix title key: id, English template, data. */
type StoredKey = [string, string, Record<string, string | number>];

function storedKey(k: MessageKey | undefined): { k?: StoredKey } {
  return k ? { k: [k.id, k.template, { ...k.data }] } : {};
}

/** A suppression held for settling: file index, kind, range, removal, rules, until, reason, covered offsets, rules used and off, level. */
interface StoredDirective {
  f: number;
  k: 'comment' | 'annotation';
  a: [number, number];
  v?: [number, number];
  r: string[];
  u?: string;
  n: string;
  o: [number, number];
  x: string[];
  z: string[];
  l: Severity | 'off';
}

interface StoredResult {
  findings: StoredFinding[];
  errors: { f: string; k: FileError['kind']; m: string; a?: [number, number]; o?: number }[];
  suppressed: { n: StoredFinding; r: string; u?: string; k: 'comment' | 'annotation'; f: number; a: [number, number] }[];
  /** What the group leaves to be settled with the others: summaries by rule, pending findings with their keys, held suppressions. */
  deferred?: { s: [string, unknown][]; p: { n: StoredFinding; k: string }[]; d: StoredDirective[] };
}

interface Entry {
  key: string;
  result: StoredResult;
}

const sha = (text: string): string => createHash('sha256').update(text).digest('hex');

/** A hash of the running build, so that a rebuilt snclint of the same version does not reuse results. */
function buildHash(): string {
  try {
    return sha(fs.readFileSync(__filename, 'utf8'));
  } catch {
    return 'unknown';
  }
}

/** The results cache of one run: read at the start, written back at the end. */
export class ResultCache implements GroupCache {
  private readonly entries = new Map<string, Entry>();
  private readonly tool: string;
  /** Groups answered from the cache and groups linted, in this run. */
  readonly stats = { hits: 0, misses: 0 };

  private constructor(private readonly scope: CacheScope) {
    this.tool = sha(JSON.stringify([scope.version, buildHash(), scope.ruleIds, scope.cwd]));
  }

  /** The cache at `file`, or an empty one when it is missing, unreadable, corrupt or from another build. */
  static open(file: string, scope: CacheScope): ResultCache {
    const cache = new ResultCache(scope);
    let read;
    try {
      read = readRegularFile(file, MAX_CACHE_BYTES);
    } catch {
      return cache;
    }
    if (isRefusal(read)) return cache;
    try {
      const data: unknown = JSON.parse(read.text);
      if (!isObject(data) || data.format !== FORMAT || data.tool !== cache.tool || !isObject(data.entries)) return cache;
      for (const [id, e] of Object.entries(data.entries)) {
        if (isObject(e) && typeof e.key === 'string' && isObject(e.result))
          cache.entries.set(id, { key: e.key, result: e.result as unknown as StoredResult });
      }
    } catch {
      // Not JSON: an empty cache.
    }
    return cache;
  }

  /** A group's identity (its files) and its key (their texts and settings, the day). */
  private idAndKey(group: readonly SourceFile[]): { id: string; key: string } {
    const files = [...group].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
    const id = sha(JSON.stringify(files.map((f) => path.resolve(f.path))));
    const key = sha(JSON.stringify([this.scope.today, files.map((f) => [f.path, f.language, sha(f.text), this.scope.settingsFor(f)])]));
    return { id, key };
  }

  /** The stored result of a group whose files, settings and day are unchanged; undefined otherwise. */
  lookup(group: readonly SourceFile[]): GroupResult | undefined {
    const { id, key } = this.idAndKey(group);
    const entry = this.entries.get(id);
    const result = entry && entry.key === key ? load(entry.result, group, this.scope.readSummary) : undefined;
    if (result) this.stats.hits++;
    else this.stats.misses++;
    return result;
  }

  /** Keeps a group's result (a group linted again replaces its older entry). */
  store(group: readonly SourceFile[], result: GroupResult): void {
    const stored = save(result, group);
    if (!stored) return;
    const { id, key } = this.idAndKey(group);
    this.entries.set(id, { key, result: stored });
  }

  /** Writes the cache atomically, never through a symbolic link; a cache that cannot be written is said on `warn` only. */
  write(file: string, project: Project, warn: (message: string) => void): void {
    const data = { format: FORMAT, tool: this.tool, entries: Object.fromEntries(this.entries) };
    try {
      writeOutputFile(file, JSON.stringify(data), project);
    } catch (e) {
      if (!(e instanceof WriteError)) throw e;
      warn(`${e.message} (the cache is not kept; the results are not affected)`);
    }
  }
}

function isObject(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

function save(result: GroupResult, group: readonly SourceFile[]): StoredResult | undefined {
  const index = new Map(group.map((f, i) => [f, i]));
  const at = (f: SourceFile): number => {
    const i = index.get(f);
    if (i === undefined) throw new RangeError('a file outside the group');
    return i;
  };
  const finding = (f: Finding): StoredFinding => ({
    r: f.ruleId,
    s: f.severity,
    f: at(f.file),
    a: [f.range.start, f.range.end],
    m: f.message,
    q: [...f.requirements],
    x: f.fixes.map((x) => ({
      t: x.title,
      s: x.safety,
      ...(x.preferred !== undefined ? { p: x.preferred } : {}),
      e: x.edits.map((e): [number, number, string] => [e.range.start, e.range.end, e.newText]),
      ...storedKey(x.titleKey),
    })),
    l: f.related.map((r) => ({ f: at(r.file), a: [r.range.start, r.range.end], m: r.message })),
    ...storedKey(f.messageKey),
  });
  try {
    return {
      findings: result.findings.map(finding),
      errors: result.errors.map((e) => ({
        f: e.file,
        k: e.kind,
        m: e.message,
        ...(e.range ? { a: [e.range.start, e.range.end] as [number, number] } : {}),
        ...(e.source ? { o: at(e.source) } : {}),
      })),
      suppressed: (result.suppressed ?? []).map((s) => ({
        n: finding(s.finding),
        r: s.reason,
        ...(s.until !== undefined ? { u: s.until } : {}),
        k: s.kind,
        f: at(s.file),
        a: [s.range.start, s.range.end],
      })),
      ...(result.deferred ? { deferred: saveDeferred(result.deferred, finding, at) } : {}),
    };
  } catch {
    return undefined;
  }
}

function saveDeferred(
  d: Deferred,
  finding: (f: Finding) => StoredFinding,
  at: (f: SourceFile) => number,
): NonNullable<StoredResult['deferred']> {
  const summaries = [...d.summaries];
  // A summary JSON would not give back as it is cannot be kept.
  for (const [, s] of summaries) if (JSON.stringify(JSON.parse(JSON.stringify(s))) !== JSON.stringify(s)) throw new TypeError('summary');
  return {
    s: summaries,
    p: d.pending.map((p) => ({ n: finding(p.finding), k: p.key })),
    d: d.directives.map((h) => ({
      f: at(h.file),
      k: h.kind,
      a: [h.range.start, h.range.end],
      ...(h.removal ? { v: [h.removal.start, h.removal.end] as [number, number] } : {}),
      r: [...h.rules],
      ...(h.until !== undefined ? { u: h.until } : {}),
      n: h.reason,
      o: [h.from, h.to],
      x: [...h.used],
      z: [...h.off],
      l: h.level,
    })),
  };
}

/** A stored result checked field by field against the group's files; any departure drops the whole entry. */
function load(stored: StoredResult, group: readonly SourceFile[], readSummary: CacheScope['readSummary']): GroupResult | undefined {
  const bad = (): never => {
    throw new TypeError('malformed cache entry');
  };
  const str = (x: unknown): string => (typeof x === 'string' ? x : bad());
  const arr = (x: unknown): unknown[] => (Array.isArray(x) ? x : bad());
  const obj = (x: unknown): Record<string, unknown> => (isObject(x) ? x : bad());
  const file = (x: unknown): SourceFile => (typeof x === 'number' && Number.isInteger(x) ? (group[x] ?? bad()) : bad());
  const range = (x: unknown, f: SourceFile): { start: number; end: number } => {
    const [s, e] = arr(x);
    const ok = (n: unknown): n is number => typeof n === 'number' && Number.isInteger(n) && n >= 0 && n <= f.text.length;
    return ok(s) && ok(e) && s <= e ? { start: s, end: e } : bad();
  };
  const key = (x: unknown): MessageKey => {
    const [id, template, data] = arr(x);
    const values: Record<string, string | number> = {};
    for (const [k, v] of Object.entries(obj(data))) values[k] = typeof v === 'number' ? v : str(v);
    return { id: str(id), template: str(template), data: values };
  };
  const severity = (x: unknown): Severity => (x === 'error' || x === 'warning' || x === 'info' ? x : bad());
  const finding = (raw: unknown): Finding => {
    const o = obj(raw);
    const f = file(o.f);
    const fixes = arr(o.x).map((rx): Fix => {
      const x = obj(rx);
      const safety = x.s === 'safe' || x.s === 'unsafe' ? x.s : bad();
      const edits = arr(x.e).map((re): TextEdit => {
        const [s, e, t] = arr(re);
        return { range: range([s, e], f), newText: str(t) };
      });
      return {
        title: str(x.t),
        safety,
        edits,
        ...(typeof x.p === 'boolean' ? { preferred: x.p } : {}),
        ...(x.k !== undefined ? { titleKey: key(x.k) } : {}),
      };
    });
    const related = arr(o.l).map((rl): RelatedLocation => {
      const l = obj(rl);
      const rf = file(l.f);
      return { file: rf, range: range(l.a, rf), message: str(l.m) };
    });
    return {
      ruleId: str(o.r),
      severity: severity(o.s),
      file: f,
      range: range(o.a, f),
      message: str(o.m),
      requirements: arr(o.q).map(str),
      fixes,
      related,
      ...(o.k !== undefined ? { messageKey: key(o.k) } : {}),
    };
  };
  const level = (x: unknown): Severity | 'off' => (x === 'off' ? x : severity(x));
  const strings = (x: unknown): string[] => arr(x).map(str);
  const loadDeferred = (d: Record<string, unknown>): Deferred => {
    if (!readSummary) bad();
    const summaries = new Map<string, unknown>();
    for (const e of arr(d.s)) {
      const [id, data] = arr(e);
      const summary = readSummary!(str(id), data);
      if (summary === undefined || summaries.has(str(id))) bad();
      summaries.set(str(id), summary);
    }
    const pending = arr(d.p).map((rp): PendingFinding => {
      const p = obj(rp);
      return { finding: finding(p.n), key: str(p.k) };
    });
    const directives = arr(d.d).map((rd): HeldDirective => {
      const h = obj(rd);
      const f = file(h.f);
      const [from, to] = arr(h.o);
      const covered = range([from, to], f);
      return {
        file: f,
        kind: h.k === 'comment' || h.k === 'annotation' ? h.k : bad(),
        range: range(h.a, f),
        ...(h.v !== undefined ? { removal: range(h.v, f) } : {}),
        rules: strings(h.r),
        ...(h.u !== undefined ? { until: str(h.u) } : {}),
        reason: str(h.n),
        from: covered.start,
        to: covered.end,
        used: new Set(strings(h.x)),
        off: new Set(strings(h.z)),
        level: level(h.l),
      };
    });
    return { summaries, pending, directives };
  };
  try {
    const s = obj(stored);
    const errors = arr(s.errors).map((re): FileError => {
      const e = obj(re);
      const kind = e.k === 'syntax' || e.k === 'io' || e.k === 'internal' || e.k === 'skipped' ? e.k : bad();
      const source = e.o === undefined ? undefined : file(e.o);
      const r = e.a === undefined ? undefined : source ? range(e.a, source) : bad();
      return { file: str(e.f), kind, message: str(e.m), ...(r ? { range: r } : {}), ...(source ? { source } : {}) };
    });
    const suppressed = arr(s.suppressed).map((rs): SuppressedFinding => {
      const x = obj(rs);
      const f = file(x.f);
      const kind = x.k === 'comment' || x.k === 'annotation' ? x.k : bad();
      return {
        finding: finding(x.n),
        reason: str(x.r),
        ...(x.u !== undefined ? { until: str(x.u) } : {}),
        kind,
        file: f,
        range: range(x.a, f),
      };
    });
    const deferred = s.deferred === undefined ? undefined : loadDeferred(obj(s.deferred));
    return { findings: arr(s.findings).map(finding), errors, files: group.length, suppressed, ...(deferred ? { deferred } : {}) };
  } catch {
    return undefined;
  }
}
