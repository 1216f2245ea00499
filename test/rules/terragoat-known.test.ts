/**
 * The rules of the data-location and encryption families find every known problem of their kind
 * that ../shared/corpus/terragoat/KNOWN_CONTENT.md lists (Bridgecrew's intentionally insecure
 * Terraform). The corpus is read in place, never copied or edited.
 */
import { strict as assert } from 'node:assert';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { lint } from '../../server/src/lint/linter';
import { SourceFile, languageOf } from '../../server/src/engine/source';
import type { Finding } from '../../server/src/engine/types';
import { RULES } from '../../rules';

const ROOT = join(__dirname, '..', '..', '..', 'shared', 'corpus', 'terragoat', 'terraform');

interface Known {
  /** The item of KNOWN_CONTENT.md, as it is written there. */
  readonly listed: string;
  readonly rule: string;
  /** Where the finding stands (for a value taken from a variable default: where it is used). */
  readonly file: string;
  readonly line: number;
  readonly message: string;
}

const KNOWN: readonly Known[] = [
  {
    listed: 'aws/consts.tf:25 default = "us-west-2"',
    rule: 'non-eu-region',
    file: 'aws/providers.tf',
    line: 4,
    message: 'us-west-2 (Oregon, US) (evaluated from var.region)',
  },
  {
    listed: 'aws/providers.tf:9 region = "us-west-1"',
    rule: 'non-eu-region',
    file: 'aws/providers.tf',
    line: 9,
    message: 'us-west-1 (N. California, US)',
  },
  {
    listed: 'gcp/variables.tf:12 us-central1',
    rule: 'non-eu-region',
    file: 'gcp/provider.tf',
    line: 4,
    message: 'us-central1 (Iowa, US) (evaluated from var.region)',
  },
  {
    listed: 'azure/variables.tf:9 East US',
    rule: 'non-eu-region',
    file: 'azure/resource_group.tf',
    line: 3,
    message: 'eastus (East US (Virginia), US) (evaluated from var.location)',
  },
  {
    listed: 'application_gateway.tf:4 a made-up location "example --West-US"',
    rule: 'non-eu-region',
    file: 'azure/application_gateway.tf',
    line: 4,
    message: 'uses location "example --West-US", which the region tables do not know',
  },
  {
    listed: 'aws/db-app.tf:19 storage_encrypted = false (RDS)',
    rule: 'unencrypted-database',
    file: 'aws/db-app.tf',
    line: 19,
    message: 'aws_db_instance.default is not encrypted at rest',
  },
  {
    listed: 'aws/neptune.tf:9',
    rule: 'unencrypted-database',
    file: 'aws/neptune.tf',
    line: 9,
    message: 'aws_neptune_cluster.default is not encrypted at rest',
  },
  {
    listed: 'aws/ec2.tf EBS volume without encrypted',
    rule: 'unencrypted-volume',
    file: 'aws/ec2.tf',
    line: 34,
    message: 'aws_ebs_volume.web_host_storage is not encrypted',
  },
  {
    listed: 'azure/storage.tf:8-10 managed disk with encryption_settings { enabled = false }',
    rule: 'unencrypted-volume',
    file: 'azure/storage.tf',
    line: 9,
    message: 'azurerm_managed_disk.example has disk encryption turned off',
  },
  {
    listed: 'azure/app_service.tf:29 min_tls_version = "1.1"',
    rule: 'weak-tls',
    file: 'azure/app_service.tf',
    line: 29,
    message: 'allows TLS 1.1',
  },
  {
    listed: 'azure/sql.tf:60 ssl_enforcement_enabled = false',
    rule: 'plaintext-transport',
    file: 'azure/sql.tf',
    line: 60,
    message: 'azurerm_mysql_server.example accepts connections without TLS',
  },
  {
    listed: 'azure/sql.tf:85 ssl_enforcement_enabled = false',
    rule: 'plaintext-transport',
    file: 'azure/sql.tf',
    line: 85,
    message: 'azurerm_postgresql_server.example accepts connections without TLS',
  },
];

// Listed under "Unencrypted storage" but outside these rules, on purpose: S3 buckets are object
// storage and have been encrypted by default (SSE-S3) since January 2023; a Google persistent
// disk without a customer-managed key is still encrypted with Google-managed keys.

function walk(dir: string, out: string[]): string[] {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) walk(p, out);
    else if (languageOf(p)) out.push(p);
  }
  return out;
}

describe('terragoat known problems', function () {
  this.timeout(60_000);
  let findings: readonly Finding[] = [];
  before(function () {
    if (!existsSync(ROOT)) this.skip();
    const files = walk(ROOT, []).map((p) => new SourceFile(p, readFileSync(p, 'utf8'), languageOf(p)!));
    findings = lint(files, { rules: RULES }).findings;
  });

  for (const k of KNOWN) {
    it(`${k.rule} finds ${k.listed}`, () => {
      const at = findings.filter(
        (f) => f.ruleId === k.rule && relative(ROOT, f.file.path) === k.file && f.file.positionAt(f.range.start).line + 1 === k.line,
      );
      assert.ok(
        at.some((f) => f.message.includes(k.message)),
        `expected at ${k.file}:${k.line} a message including "${k.message}"; found: ${at.map((f) => f.message).join(' | ') || 'nothing'}`,
      );
    });
  }
});
