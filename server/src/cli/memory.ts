/** Lets the CLI return memory between groups of files (see groups.ts). */
import * as v8 from 'v8';
import * as vm from 'vm';

/**
 * A full garbage collection, or nothing where the runtime refuses. V8 grows its heap while it can
 * rather than collect, so without this a run's peak memory is that of all its groups together;
 * with it, that of its largest group.
 */
export function garbageCollector(): () => void {
  try {
    v8.setFlagsFromString('--expose-gc');
    const gc: unknown = vm.runInNewContext('gc');
    if (typeof gc === 'function') return () => (gc as () => void)();
  } catch {
    // Not available: memory is then returned whenever V8 decides.
  }
  return () => undefined;
}
