/** The explicit registry of rules, in documentation order. */
import type { Rule } from '../server/src/lint/rule';
import nonEuRegion from './non-eu-region';
import unencryptedVolume from './unencrypted-volume';
import weakTls from './weak-tls';
import adminWithoutMfa from './admin-without-mfa';
import unencryptedDatabase from './unencrypted-database';
import plaintextTransport from './plaintext-transport';
import logRetention from './log-retention';
import auditLogging from './audit-logging';
import backupDisabled from './backup-disabled';
import adminPortExposed from './admin-port-exposed';
import publicDataExposure from './public-data-exposure';
import hardcodedSecret from './hardcoded-secret';
import extraterritorialProvider from './extraterritorial-provider';
import customerManagedKey from './customer-managed-key';
import privilegedContainer from './privileged-container';
import privilegeEscalation from './privilege-escalation';
import runAsRoot from './run-as-root';
import hostNamespace from './host-namespace';
import hostPathMount from './host-path-mount';
import dangerousCapability from './dangerous-capability';
import serviceAccountTokenAutomount from './service-account-token-automount';
import missingNetworkPolicy from './missing-network-policy';
import helmChart from './helm-chart';
import moduleNotInstalled from './module-not-installed';
import notRendered from './not-rendered';

export const RULES: readonly Rule[] = [
  nonEuRegion,
  unencryptedVolume,
  weakTls,
  adminWithoutMfa,
  unencryptedDatabase,
  plaintextTransport,
  logRetention,
  auditLogging,
  backupDisabled,
  adminPortExposed,
  publicDataExposure,
  hardcodedSecret,
  extraterritorialProvider,
  customerManagedKey,
  privilegedContainer,
  privilegeEscalation,
  runAsRoot,
  hostNamespace,
  hostPathMount,
  dangerousCapability,
  serviceAccountTokenAutomount,
  missingNetworkPolicy,
  helmChart,
  moduleNotInstalled,
  notRendered,
];

/** A rule by id. */
export function ruleById(id: string): Rule | undefined {
  return RULES.find((r) => r.meta.id === id);
}
