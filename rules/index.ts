/** The explicit registry of rules, in documentation order. */
import type { Rule } from '../server/src/engine/rule';
import nonEuRegion from './non-eu-region';
import unencryptedVolume from './unencrypted-volume';
import weakTls from './weak-tls';
import adminWithoutMfa from './admin-without-mfa';
import logRetention from './log-retention';
import auditLogging from './audit-logging';
import backupDisabled from './backup-disabled';
import adminPortExposed from './admin-port-exposed';
import publicDataExposure from './public-data-exposure';
import hardcodedSecret from './hardcoded-secret';
import extraterritorialProvider from './extraterritorial-provider';
import customerManagedKey from './customer-managed-key';

export const RULES: readonly Rule[] = [nonEuRegion, unencryptedVolume, weakTls, adminWithoutMfa, logRetention, auditLogging, backupDisabled, adminPortExposed, publicDataExposure, hardcodedSecret, extraterritorialProvider, customerManagedKey];

/** A rule by id. */
export function ruleById(id: string): Rule | undefined {
  return RULES.find((r) => r.meta.id === id);
}
