/** Lookups into rules/data/tls-policies.json: what a named TLS policy or version setting allows. */
import tlsPolicies from '../data/tls-policies.json';

/** One row of the TLS table. */
interface TlsRow {
  readonly resource: string;
  readonly attribute: string;
  readonly value: string;
  readonly minTls: string;
  readonly below12: boolean;
}

/** Which rows of the table describe a setting. */
export interface TableSelector {
  readonly resource: string;
  readonly attribute: string;
}

/** What the table says about one value. */
export interface TlsVerdict {
  readonly below12: boolean;
  /** The oldest protocol accepted, in words: `TLS 1.0`, `SSL 3.0`, `TLS 1.0 or older`. */
  readonly oldest: string;
}

const ROWS = tlsPolicies as readonly TlsRow[];

/** Words for the table's `minTls` column. */
export function describeMinTls(minTls: string): string {
  const m = minTls.trim();
  if (/^SSLv?3/i.test(m)) return 'SSL 3.0';
  if (m.startsWith('<=')) return `TLS ${m.slice(2)} or older`;
  if (m.startsWith('<')) return `TLS below ${m.slice(1)}`;
  const version = /^\d\.\d/.exec(m);
  return version ? `TLS ${version[0]}` : m;
}

/** The verdict of the first selector whose rows name `value` exactly; undefined when none does. */
export function lookupTls(selectors: readonly TableSelector[], value: string): TlsVerdict | undefined {
  for (const s of selectors) {
    const row = ROWS.find((r) => r.resource === s.resource && r.attribute === s.attribute && r.value === value);
    if (row) return { below12: row.below12, oldest: describeMinTls(row.minTls) };
  }
  return undefined;
}
