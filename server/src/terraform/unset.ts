/** Arguments a provider treats as unset when they hold an empty string (rules/data/empty-unset.json). */
import TABLE from '../../../rules/data/empty-unset.json';

interface Row {
  readonly types: readonly string[];
  readonly attributes: readonly string[];
  readonly source: string;
}

const BY_TYPE = new Map<string, Set<string>>();
for (const row of (TABLE as { rows: readonly Row[] }).rows) {
  for (const t of row.types) {
    const set = BY_TYPE.get(t) ?? new Set<string>();
    for (const a of row.attributes) set.add(a);
    BY_TYPE.set(t, set);
  }
}

/** Whether the provider of `type` documents `attribute = ""` as the argument left unset. */
export function emptyIsUnset(type: string, attribute: string): boolean {
  return BY_TYPE.get(type)?.has(attribute) ?? false;
}
