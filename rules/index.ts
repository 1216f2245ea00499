/** The explicit registry of rules, in documentation order. */
import type { Rule } from '../server/src/engine/rule';
import nonEuRegion from './non-eu-region';
import unencryptedVolume from './unencrypted-volume';
import weakTls from './weak-tls';
import adminWithoutMfa from './admin-without-mfa';
import unencryptedDatabase from './unencrypted-database';
import plaintextTransport from './plaintext-transport';

export const RULES: readonly Rule[] = [nonEuRegion, unencryptedVolume, weakTls, adminWithoutMfa, unencryptedDatabase, plaintextTransport];

/** A rule by id. */
export function ruleById(id: string): Rule | undefined {
  return RULES.find((r) => r.meta.id === id);
}
