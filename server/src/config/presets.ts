/**
 * The `recommended` and `strict` presets, computed from the rules' metadata the host passes in, so
 * a new rule joins at its default severity and reading a configuration loads no rule.
 */
import type { RuleMeta } from '../engine/rule-meta';
import type { Severity } from '../engine/types';
import type { RuleLevel } from './settings';

/** Names `extends:` accepts. */
export const PRESET_NAMES = ['recommended', 'strict'] as const;
/** A preset name. */
export type PresetName = (typeof PRESET_NAMES)[number];

/**
 * Rules being written that already have a place in the presets. Their entries are ignored
 * while they are not in the registry; a test checks every explicit entry is in one or the other.
 */
export const PENDING_RULE_IDS: readonly string[] = [];

/**
 * Deliberate departures from each rule's default severity, by rule id. A customer-managed key is
 * good practice rather than a SecNumCloud demand on tenants, so `recommended` leaves it off.
 */
export const PRESET_ENTRIES: Readonly<Record<PresetName, Readonly<Record<string, RuleLevel>>>> = {
  recommended: { 'customer-managed-key': 'off', 'extraterritorial-provider': 'info' },
  strict: { 'customer-managed-key': 'warning', 'extraterritorial-provider': 'warning' },
};

// strict raises every default one step: what recommended merely mentions, strict asks to fix.
const RAISE: Readonly<Record<Severity, Severity>> = { info: 'warning', warning: 'error', error: 'error' };

/** The level of every rule of `rules` under a preset. */
export function presetLevels(name: PresetName, rules: readonly RuleMeta[]): Readonly<Record<string, RuleLevel>> {
  const out: Record<string, RuleLevel> = {};
  for (const meta of rules) {
    const explicit = PRESET_ENTRIES[name][meta.id];
    out[meta.id] = explicit ?? (name === 'strict' ? RAISE[meta.severity] : meta.severity);
  }
  return out;
}
