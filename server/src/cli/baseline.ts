/** Baselines: the findings a team has accepted for now, matched by fingerprint so they survive line moves. */
import { isRefusal, readRegularFile } from '../workspace/confine';
import { redactMessage } from '../engine/echo';
import * as path from 'node:path';
import type { Finding } from '../engine/types';
import { fingerprints, slashed } from '../output/fingerprint';

/** One accepted finding. */
export interface BaselineEntry {
  readonly ruleId: string;
  readonly file: string;
  readonly fingerprint: string;
  readonly message: string;
}

/** The baseline file. */
export interface BaselineFile {
  readonly version: 1;
  readonly findings: readonly BaselineEntry[];
}

/** A baseline that cannot be read or is not one; reported as a usage error. */
export class BaselineError extends Error {}

/** Paths in a baseline are relative to its own folder, so it works from any working folder. */
function baselinePaths(findings: readonly Finding[], baselineFile: string): string[] {
  const dir = path.dirname(path.resolve(baselineFile));
  return fingerprints(findings, (f) => slashed(path.relative(dir, path.resolve(f.file.path))));
}

/** The baseline entries of a set of findings. */
export function toBaseline(findings: readonly Finding[], baselineFile: string): BaselineFile {
  const dir = path.dirname(path.resolve(baselineFile));
  const prints = baselinePaths(findings, baselineFile);
  return {
    version: 1,
    findings: findings.map((f, i) => ({
      ruleId: f.ruleId,
      file: slashed(path.relative(dir, path.resolve(f.file.path))),
      fingerprint: prints[i]!,
      message: f.message,
    })),
  };
}

/** Baselines larger than this are not read. */
const MAX_BASELINE_BYTES = 256 * 1024 * 1024;

/** Reads a baseline file. */
export function readBaseline(file: string): BaselineFile {
  let data: unknown;
  try {
    // A baseline may be planted in the repository: a device or a FIFO must not hang the run.
    const read = readRegularFile(file, MAX_BASELINE_BYTES);
    if (isRefusal(read)) throw new Error(read.refused);
    data = JSON.parse(read.text);
  } catch (e) {
    throw new BaselineError(`cannot read baseline ${file}: ${redactMessage((e as Error).message)}`);
  }
  const b = data as Partial<BaselineFile>;
  if (
    b === null ||
    typeof b !== 'object' ||
    b.version !== 1 ||
    !Array.isArray(b.findings) ||
    !b.findings.every((f) => typeof f?.fingerprint === 'string')
  ) {
    throw new BaselineError(`${file} is not a snclint baseline (write one with --baseline ${file} --write-baseline)`);
  }
  return b as BaselineFile;
}

/** The findings not in the baseline. */
export function newFindings(findings: readonly Finding[], baseline: BaselineFile, baselineFile: string): Finding[] {
  const known = new Set(baseline.findings.map((f) => f.fingerprint));
  const prints = baselinePaths(findings, baselineFile);
  return findings.filter((_, i) => !known.has(prints[i]!));
}
