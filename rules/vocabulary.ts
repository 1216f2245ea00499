/** What configuration reading is given of the rules: every rule id with its metadata, and the region table. */
import type { Rule, RuleMeta } from '../server/src/lint/rule';
import type { ConfigVocabulary } from '../server/src/config/vocabulary';
import { INVALID_SUPPRESSION } from '../server/src/lint/suppressions';
import { REGION_TABLE } from './support/regions';
import { RULES } from './index';

/** The configuration vocabulary of a set of rules: their metadata plus the engine's own `invalid-suppression`, and the region table. */
export function configVocabulary(rules: readonly Rule[] = RULES): ConfigVocabulary {
  return { rules: [...rules.map((r) => r.meta), INVALID_SUPPRESSION], regions: REGION_TABLE };
}

/** The vocabulary of the registry. */
export const CONFIG_VOCABULARY: ConfigVocabulary = configVocabulary();

/** Every rule id a configuration may name: the registry plus the engine's own `invalid-suppression`. */
export const KNOWN_RULES: readonly RuleMeta[] = CONFIG_VOCABULARY.rules;
