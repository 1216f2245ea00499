/** public-data-exposure: data stores are not open to the public. */
import { defineRule, type RuleContext, type RuleFix } from '../server/src/lint/rule';
import { type Value, asString, isFalse, isTrue } from '../server/src/engine/value';
import type { TerraformModule } from '../server/src/terraform/model';
import { blocksAt, insertAttributesFix, judgedAttr, replaceLiteralFix, shown } from './support/tf-blocks';
import { publicStatements } from './support/bucket-policy';
import { SET_ATTRIBUTE, SET_ATTRIBUTES } from './support/fix-titles';
import DATA from './data/public-data.json';

interface PublicValue {
  readonly type: string;
  readonly attribute: string;
  readonly values: readonly string[];
  readonly replacement?: string;
}
const TABLE: {
  publicFlags: readonly { type: string; attribute: string; what: string }[];
  publicValues: readonly PublicValue[];
  publicGranteeUris: readonly string[];
  publicAccessBlocks: { types: readonly string[]; flags: readonly string[] };
  allAddressFirewallRules: readonly string[];
  openNetworks: readonly string[];
} = DATA;

function checkFlags(ctx: RuleContext, mod: TerraformModule): void {
  for (const f of TABLE.publicFlags) {
    for (const r of mod.resourcesOf(f.type)) {
      const v = judgedAttr(mod, r.block, f.attribute);
      if (!v || !isTrue(v.value)) continue;
      ctx.report({
        file: r.file,
        range: v.value.range,
        messageId: `public-${f.what.replace(/'s/g, '').replace(/ /g, '-')}`,
        data: { resource: r.address, attribute: f.attribute, value: shown(r.file, v.value, 'true') },
        fixes: replaceLiteralFix(v.value, f.attribute, 'false'),
      });
    }
  }
}

function stringsOf(v: Value): Value[] {
  if (v.kind === 'string') return [v];
  if (v.kind === 'list') return v.items.filter((i) => i.kind === 'string');
  return [];
}

function checkValues(ctx: RuleContext, mod: TerraformModule): void {
  for (const t of TABLE.publicValues) {
    for (const r of mod.resourcesOf(t.type)) {
      const v = judgedAttr(mod, r.block, t.attribute);
      if (!v) continue;
      for (const s of stringsOf(v.value)) {
        const text = asString(s)!;
        if (!t.values.includes(text)) continue;
        const quoted = r.file.text[s.range.start] === '"';
        const fixes: RuleFix[] =
          t.replacement && s.origin === 'literal' && v.value.kind === 'string'
            ? [
                {
                  fixId: 'set-attribute',
                  data: { attribute: t.attribute, value: `"${t.replacement}"` },
                  safety: 'unsafe',
                  preferred: true,
                  edits: [{ range: s.range, newText: quoted ? `"${t.replacement}"` : t.replacement }],
                },
              ]
            : [];
        ctx.report({
          file: r.file,
          range: s.range,
          messageId: text.startsWith('authenticated') || text === 'allAuthenticatedUsers' ? 'open-to-authenticated' : 'open-to-public',
          data: { resource: r.address, attribute: t.attribute, value: text },
          fixes,
        });
      }
    }
  }
  for (const r of mod.resourcesOf('aws_s3_bucket_acl')) {
    for (const g of blocksAt(r.block, ['access_control_policy', 'grant', 'grantee'])) {
      const uri = judgedAttr(mod, g, 'uri');
      const s = asString(uri?.value);
      if (uri && s !== undefined && TABLE.publicGranteeUris.includes(s))
        ctx.report({
          file: r.file,
          range: uri.value.range,
          messageId: 'group-grant',
          data: { resource: r.address, group: s.slice(s.lastIndexOf('/') + 1) },
        });
    }
  }
}

function checkBucketPolicies(ctx: RuleContext, mod: TerraformModule): void {
  for (const r of [...mod.resourcesOf('aws_s3_bucket_policy'), ...mod.resourcesOf('aws_s3_bucket')]) {
    const a = judgedAttr(mod, r.block, 'policy');
    if (!a) continue;
    for (const p of publicStatements(mod, r.file, a.attr)) {
      if (p.label === 'its statement')
        ctx.report({ file: p.file, range: p.range, messageId: 'anyone-in-its-statement', data: { resource: r.address } });
      else
        ctx.report({
          file: p.file,
          range: p.range,
          messageId: 'anyone-in-statement',
          data: { resource: r.address, statement: p.label.slice('statement '.length) },
        });
    }
  }
}

function checkAccessBlocks(ctx: RuleContext, mod: TerraformModule): void {
  for (const r of mod.resourcesOfAny(TABLE.publicAccessBlocks.types)) {
    const missing: string[] = [];
    for (const flag of TABLE.publicAccessBlocks.flags) {
      const v = judgedAttr(mod, r.block, flag);
      if (!v) missing.push(flag);
      else if (isFalse(v.value))
        ctx.report({
          file: r.file,
          range: v.value.range,
          messageId: 'public-access-value',
          data: { resource: r.address, attribute: flag, value: shown(r.file, v.value, 'false') },
          fixes: replaceLiteralFix(v.value, flag, 'true'),
        });
    }
    if (!missing.length) continue;
    ctx.report({
      file: r.file,
      range: r.block.headerRange,
      messageId: missing.length > 1 ? 'public-access-defaults' : 'public-access-default',
      data: { resource: r.address, attributes: missing.join(', ') },
      fixes: insertAttributesFix(
        r.file,
        r.block,
        missing.map((m) => [m, 'true'] as const),
      ),
    });
  }
}

function checkNetworks(ctx: RuleContext, mod: TerraformModule): void {
  for (const r of mod.resourcesOfAny(TABLE.allAddressFirewallRules)) {
    const start = asString(judgedAttr(mod, r.block, 'start_ip_address')?.value);
    const end = judgedAttr(mod, r.block, 'end_ip_address');
    if (start !== '0.0.0.0' || !end || asString(end.value) !== '255.255.255.255') continue;
    ctx.report({ file: r.file, range: end.value.range, messageId: 'every-address-range', data: { resource: r.address } });
  }
  for (const r of mod.resourcesOf('google_sql_database_instance')) {
    for (const n of blocksAt(r.block, ['settings', 'ip_configuration', 'authorized_networks'])) {
      const v = judgedAttr(mod, n, 'value');
      const s = asString(v?.value);
      if (v && s !== undefined && TABLE.openNetworks.includes(s))
        ctx.report({ file: r.file, range: v.value.range, messageId: 'every-address-network', data: { resource: r.address, network: s } });
    }
  }
}

export default defineRule({
  meta: {
    id: 'public-data-exposure',
    title: 'Keep data stores closed to the public',
    description:
      'Reports publicly accessible RDS, Redshift and DMS instances; public S3 ACLs, grants and bucket ' +
      'policies (a "*" principal without condition); S3 public access blocks that leave a setting off; ' +
      'Azure storage accounts allowing public blobs and public containers; public GCS buckets (allUsers, ' +
      'allAuthenticatedUsers, public predefined ACLs); Azure database firewall rules from 0.0.0.0 to ' +
      '255.255.255.255; Cloud SQL instances authorising 0.0.0.0/0.',
    rationale:
      'SecNumCloud 13.2 requires networks and flows to be segmented and filtered, and 19.6 that no third ' +
      "party can technically obtain the data. A bucket or database open to the public hands the tenant's " +
      'data to anyone who finds it.',
    remediation:
      'Make the store private: remove public ACLs, grants and "*" principals, turn every S3 public access ' +
      'block setting on, and reach databases through private networks or a short list of addresses.',
    severity: 'error',
    requirements: ['13.2.a', '19.6.c'],
    fixable: true,
    covers: [
      'aws_db_instance, aws_rds_cluster_instance, aws_redshift_cluster, aws_dms_replication_instance',
      'aws_s3_bucket, aws_s3_bucket_acl, aws_s3_bucket_policy, aws_s3_bucket_public_access_block, ' + 'aws_s3_account_public_access_block',
      'azurerm_storage_account, azurerm_storage_container',
      'Azure SQL, PostgreSQL, MySQL, MariaDB and Synapse firewall rules',
      'google_storage_bucket_iam_*, google_storage_bucket_acl, google_storage_*_access_control',
      'google_sql_database_instance authorised networks',
    ],
    limits:
      'A public website bucket may be public on purpose: suppress the finding with its reason. Defaults ' +
      'that changed between provider versions (allow_nested_items_to_be_public is true before azurerm 4.0) ' +
      'are not reported when the attribute is absent. Bucket policies whose JSON cannot be evaluated are ' +
      'not judged.',
    messages: {
      'public-database': '{{resource}} makes the database public: {{attribute}} is {{value}}.',
      'public-storage-account-containers': "{{resource}} makes the storage account's containers public: {{attribute}} is {{value}}.",
      'public-storage-account-blobs': "{{resource}} makes the storage account's blobs public: {{attribute}} is {{value}}.",
      'public-replication-instance': '{{resource}} makes the replication instance public: {{attribute}} is {{value}}.',
      'public-data-warehouse': '{{resource}} makes the data warehouse public: {{attribute}} is {{value}}.',
      'open-to-authenticated':
        '{{resource}} opens its data to any authenticated account of the provider: {{attribute}} is ' + '"{{value}}".',
      'open-to-public': '{{resource}} opens its data to the public: {{attribute}} is "{{value}}".',
      'group-grant': '{{resource}} grants access to the group {{group}}.',
      'anyone-in-statement': '{{resource}} lets anyone in: statement {{statement}} allows the principal "*" with no condition.',
      'anyone-in-its-statement': '{{resource}} lets anyone in: its statement allows the principal "*" with no condition.',
      'public-access-value': '{{resource}} lets public access through: {{attribute}} is {{value}}.',
      'public-access-default': '{{resource}} lets public access through: {{attributes}} is not set and defaults to false.',
      'public-access-defaults': '{{resource}} lets public access through: {{attributes}} are not set and default to false.',
      'every-address-range': '{{resource}} lets every internet address reach the database: 0.0.0.0 to 255.255.255.255.',
      'every-address-network': '{{resource}} lets every internet address reach the database: an authorised network is {{network}}.',
    },
    fixes: { ...SET_ATTRIBUTE, ...SET_ATTRIBUTES },
    examples: {
      good: [
        {
          language: 'terraform',
          code: 'resource "aws_s3_bucket_public_access_block" "data" {\n  bucket                  = "data"\n  block_public_acls       = true\n  block_public_policy     = true\n  ignore_public_acls      = true\n  restrict_public_buckets = true\n}\n',
        },
      ],
      bad: [
        {
          language: 'terraform',
          code: 'resource "aws_db_instance" "main" {\n  engine              = "postgres"\n  instance_class      = "db.t3.micro"\n  publicly_accessible = true\n}\n',
        },
      ],
    },
  },
  check(ctx) {
    for (const mod of ctx.terraform) {
      checkFlags(ctx, mod);
      checkValues(ctx, mod);
      checkBucketPolicies(ctx, mod);
      checkAccessBlocks(ctx, mod);
      checkNetworks(ctx, mod);
    }
  },
});
