/** customer-managed-key: data is encrypted with a key the tenant manages where the platform allows one. */
import { defineRule, type RuleContext } from '../server/src/lint/rule';
import type { Attribute, Block } from '../server/src/terraform/ast';
import { type Value, asString } from '../server/src/engine/value';
import type { TerraformModule, TfResource } from '../server/src/terraform/model';
import { blocksAt, hasDynamic } from './support/tf-blocks';
import DATA from './data/customer-managed-keys.json';

interface KeyRow {
  readonly type: string;
  /** Paths `block.block.attribute`: any of them set means a tenant key is used. */
  readonly keys: readonly string[];
  /** Separate resources that attach a key to this one. */
  readonly via?: readonly { type: string; attribute: string }[];
}
const TABLE: { resources: readonly KeyRow[]; awsManagedAlias: string; keyDataSources: readonly { type: string; attribute: string }[] } =
  DATA;

/** An AWS managed key named by a key argument: the alias, and where it is written. */
interface ManagedKey {
  readonly alias: string;
  readonly attr: Attribute;
}

/** The AWS managed alias (`alias/aws/ebs`) a key value names, directly, as an ARN, or through a KMS data source. */
function awsManagedAlias(mod: TerraformModule, at: Attribute, value: Value): string | undefined {
  const s = asString(value);
  const inText = (text: string | undefined): string | undefined => {
    const i = text === undefined ? -1 : text.indexOf(TABLE.awsManagedAlias);
    return i === 0 || (i > 0 && text![i - 1] === ':') ? text!.slice(i) : undefined;
  };
  if (s !== undefined) return inText(s);
  for (const d of mod.referencedResources(at.expr)) {
    const src = TABLE.keyDataSources.find((k) => k.type === d.type && d.mode === 'data');
    const named = src ? mod.attr(d.block, src.attribute) : undefined;
    const alias = named ? inText(asString(named.value)) : undefined;
    if (alias) return alias;
  }
  return undefined;
}

/** Whether a key path is set; `dynamic` when a dynamic block on the way hides the answer; the AWS managed key it names instead of a tenant key. */
function keySet(mod: TerraformModule, r: TfResource, path: string): boolean | 'dynamic' | ManagedKey {
  const parts = path.split('.');
  const name = parts.pop()!;
  let level: Block[] = [r.block];
  for (const type of parts) {
    if (level.some((b) => hasDynamic(b, type))) return 'dynamic';
    level = level.flatMap((b) => blocksAt(b, [type]));
  }
  let managed: ManagedKey | undefined;
  for (const b of level) {
    const v = mod.attr(b, name);
    // An empty key id is no key: the provider falls back to its own.
    if (v === undefined || v.value.kind === 'null' || (v.value.kind === 'string' && v.value.value.trim() === '')) continue;
    const alias = awsManagedAlias(mod, v.attr, v.value);
    if (!alias) return true;
    managed ??= { alias, attr: v.attr };
  }
  return managed ?? false;
}

/** The deepest block that exists along a key path: where a missing key is reported. */
function reportBlock(r: TfResource, path: string): Block {
  let block = r.block;
  for (const type of path.split('.').slice(0, -1)) {
    const next = block.body.blocks.find((b) => b.type === type);
    if (!next) break;
    block = next;
  }
  return block;
}

function check(ctx: RuleContext<'aws-managed-key' | 'key-not-set' | 'key-not-set-or-attached'>, mod: TerraformModule): void {
  for (const row of TABLE.resources) {
    for (const r of mod.resourcesOf(row.type)) {
      const set = row.keys.map((k) => keySet(mod, r, k));
      if (set.some((s) => s === true || s === 'dynamic')) continue;
      const managed = set.find((s): s is ManagedKey => typeof s === 'object');
      if (managed) {
        ctx.report({
          file: r.file,
          range: managed.attr.expr.range,
          messageId: 'aws-managed-key',
          data: { resource: r.address, attribute: managed.attr.name, alias: managed.alias },
        });
        continue;
      }
      if (row.via?.some((v) => mod.referencing(r, [v.type], v.attribute).length)) continue;
      const first = row.keys[0]!;
      const range = reportBlock(r, first).headerRange;
      if (row.via?.length)
        ctx.report({
          file: r.file,
          range,
          messageId: 'key-not-set-or-attached',
          data: { resource: r.address, attribute: first, attachments: row.via.map((v) => v.type).join(' or ') },
        });
      else ctx.report({ file: r.file, range, messageId: 'key-not-set', data: { resource: r.address, attribute: first } });
    }
  }
}

export default defineRule({
  meta: {
    id: 'customer-managed-key',
    title: 'Encrypt with keys the tenant manages',
    description:
      "Reports storage, databases, queues, logs and clusters encrypted with the provider's own keys where " +
      'a customer-managed key can be given: AWS KMS customer managed keys (EBS, S3, RDS, DocumentDB, ' +
      'Neptune, Redshift, EFS, ElastiCache, DynamoDB, SQS, SNS, CloudWatch Logs, Secrets Manager, ' +
      'CloudTrail, ECR, EKS secrets), Azure customer-managed keys and disk encryption sets (storage ' +
      'accounts, managed disks, VMs, AKS, SQL, PostgreSQL, Cosmos DB) and GCP CMEK (Cloud Storage, disks, ' +
      'instances, Cloud SQL, BigQuery, GKE secrets, Pub/Sub).',
    rationale:
      'SecNumCloud 10.1 asks for at least one encryption key per tenant, and 19.4 for erasure at the end ' +
      "of the contract, for instance by destroying the tenant's keys. A provider-managed key cannot be " +
      'destroyed by the tenant, so crypto-shredding is out of reach and the key stays under the ' +
      "provider's control.",
    remediation:
      "Create a key in the tenant's KMS or Key Vault (ideally in an HSM) and reference it from the " +
      "resource; keep its key policy limited to the tenant's administrators.",
    severity: 'warning',
    requirements: ['10.1.a', '19.4.a'],
    fixable: false,
    covers: TABLE.resources.map((r) => r.type),
    limits:
      'An AWS managed key (an `alias/aws/*` alias, written or read through an aws_kms_key or aws_kms_alias ' +
      'data source) and an empty key id count as no tenant key. A resource that is not encrypted at all is ' +
      "reported here too, whatever its encryption flag: encrypting it with the provider's key (what " +
      'unencrypted-volume and unencrypted-database ask first) still leaves this finding. A key attached by ' +
      'another stack is not seen.',
    messages: {
      'aws-managed-key': '{{resource}} does not use a customer-managed key: {{attribute}} names the AWS managed key {{alias}}.',
      'key-not-set': '{{resource}} does not use a customer-managed key: {{attribute}} is not set.',
      'key-not-set-or-attached':
        '{{resource}} does not use a customer-managed key: {{attribute}} is not set and no {{attachments}} ' + 'attaches one.',
    },
    examples: {
      good: [
        {
          language: 'terraform',
          code: 'resource "aws_sqs_queue" "jobs" {\n  name              = "jobs"\n  kms_master_key_id = aws_kms_key.queues.arn\n}\n',
        },
      ],
      bad: [{ language: 'terraform', code: 'resource "aws_sqs_queue" "jobs" {\n  name = "jobs"\n}\n' }],
    },
  },
  check(ctx) {
    for (const mod of ctx.terraform) check(ctx, mod);
  },
});
