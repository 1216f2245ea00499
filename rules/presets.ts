/** The `recommended` and `strict` presets, derived from the registry so a new rule joins at its default severity. */
import type { RuleMeta } from '../server/src/lint/rule';
import type { Severity } from '../server/src/engine/types';
import type { RuleLevel } from '../server/src/config/settings';
import { INVALID_SUPPRESSION } from '../server/src/lint/suppressions';
import { RULES } from './index';

/** Names `extends:` accepts. */
export const PRESET_NAMES = ['recommended', 'strict'] as const;
/** A preset name. */
export type PresetName = (typeof PRESET_NAMES)[number];

/** Every rule id a configuration may name: the registry plus the engine's own `invalid-suppression`. */
export const KNOWN_RULES: readonly RuleMeta[] = [...RULES.map((r) => r.meta), INVALID_SUPPRESSION];

/**
 * Rules being written that already have a place in the presets. Their entries are ignored
 * while they are not in the registry; a test checks every explicit entry is in one or the other.
 */
export const PENDING_RULE_IDS: readonly string[] = [];

/**
 * Deliberate departures from each rule's default severity. A customer-managed key is good
 * practice rather than a SecNumCloud demand on tenants, so `recommended` leaves it off.
 */
export const PRESET_ENTRIES: Readonly<Record<PresetName, Readonly<Record<string, RuleLevel>>>> = {
  recommended: { 'customer-managed-key': 'off', 'extraterritorial-provider': 'info' },
  strict: { 'customer-managed-key': 'warning', 'extraterritorial-provider': 'warning' },
};

// strict raises every default one step: what recommended merely mentions, strict asks to fix.
const RAISE: Readonly<Record<Severity, Severity>> = { info: 'warning', warning: 'error', error: 'error' };

/** The level of every known rule under a preset. */
export function presetLevels(name: PresetName, rules: readonly RuleMeta[] = KNOWN_RULES): Readonly<Record<string, RuleLevel>> {
  const out: Record<string, RuleLevel> = {};
  for (const meta of rules) {
    const explicit = PRESET_ENTRIES[name][meta.id];
    out[meta.id] = explicit ?? (name === 'strict' ? RAISE[meta.severity] : meta.severity);
  }
  return out;
}
