/** How V8 compiles the command's code: for a run of seconds, not for a server that runs for hours. */
import * as v8 from 'node:v8';

/**
 * V8 flags for a command-line run, set before the first file is read.
 *
 * A run over a few thousand files lasts a second or two, and V8's defaults are tuned for pages and
 * servers that run far longer: they optimise a function early and inline deeply, and the optimising
 * compiler then works on background threads beside the lint. On two cores that work takes the CPU
 * from the main thread: over the corpus's Terraform files it compiled some 400 functions, and the
 * helper threads used more CPU time than the lint itself.
 * - `--interrupt-budget` twice the default (132 KB of bytecode run before a function's first tiering
 *   check): only functions that run long get optimised;
 * - `--max-inlined-bytecode-size-cumulative` 300 instead of 920: smaller optimised functions, that
 *   compile sooner.
 * Together they took 14% off the command's wall time over the corpus's Terraform files, and 12% over
 * the whole corpus and over four copies of it, in runs alternated with and without them. The flags
 * change no result, only when code is optimised.
 */
export const SHORT_RUN_FLAGS = ['--interrupt-budget=270336', '--max-inlined-bytecode-size-cumulative=300'] as const;

/**
 * The V8 versions the flags were measured on (Node 20's V8 11). Other versions tier code differently,
 * with other defaults, and V8 writes an error for a flag it does not know: there the defaults stay.
 */
export function tunedFor(v8Version: string): boolean {
  return /^11\./.test(v8Version);
}

/** Sets `SHORT_RUN_FLAGS` where measured; the language server, which runs for hours, keeps V8's defaults. */
export function tuneForShortRun(v8Version = process.versions.v8): boolean {
  if (!tunedFor(v8Version)) return false;
  for (const flag of SHORT_RUN_FLAGS) v8.setFlagsFromString(flag);
  return true;
}
