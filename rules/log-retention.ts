/** log-retention: logged events are kept at least six months. */
import { defineRule, type RuleContext } from '../server/src/lint/rule';
import type { Block } from '../server/src/terraform/ast';
import type { SourceFile } from '../server/src/engine/source';
import { type Value, asNumber, isFalse, isTrue } from '../server/src/engine/value';
import type { TerraformModule, TfResource } from '../server/src/terraform/model';
import { blocksAt, judgedAttr, replaceLiteralFix, setAttributeFix } from './support/tf-blocks';
import { SET_ATTRIBUTE } from './support/fix-titles';
import DATA from './data/log-retention.json';

interface RetentionSetting {
  readonly type: string;
  /** Nested block types leading to the block holding the attribute. */
  readonly blocks: readonly string[];
  readonly attribute: string;
  /** A sibling flag that, when false, turns the retention off (logs are then kept). */
  readonly enabledAttribute?: string;
  readonly zeroMeansForever: boolean;
  /** The retention the platform applies when the attribute is absent, when that is too short. */
  readonly defaultDays?: number;
}

interface BucketSource {
  readonly type: string;
  readonly blocks: readonly string[];
  readonly attribute: string;
}

const TABLE: { minimumDays: number; settings: readonly RetentionSetting[]; logBucketSources: readonly BucketSource[] } = DATA;
const MIN = TABLE.minimumDays;

/** ` = var.days` when the value is not written where it is reported. */
function from(file: SourceFile, v: Value): string {
  return v.origin === 'literal' ? '' : ` = ${file.text.slice(v.range.start, v.range.end)}`;
}

function where(s: RetentionSetting): string {
  return [...s.blocks, s.attribute].join('.');
}

function checkSettings(ctx: RuleContext, mod: TerraformModule): void {
  for (const s of TABLE.settings) {
    for (const r of mod.resourcesOf(s.type)) {
      for (const block of blocksAt(r.block, s.blocks)) {
        if (s.enabledAttribute) {
          const en = judgedAttr(mod, block, s.enabledAttribute);
          if (en && !isTrue(en.value)) continue;
        }
        const v = judgedAttr(mod, block, s.attribute);
        if (!v) {
          if (s.defaultDays !== undefined && s.defaultDays < MIN) {
            ctx.report({
              file: r.file,
              range: block.headerRange,
              messageId: 'default-below',
              data: { resource: r.address, days: s.defaultDays, attribute: where(s), minimum: MIN },
              fixes: setAttributeFix(r.file, block, s.attribute, String(MIN)),
            });
          }
          continue;
        }
        const days = asNumber(v.value);
        if (days === undefined || days >= MIN || (days === 0 && s.zeroMeansForever) || days < 0) continue;
        ctx.report({
          file: r.file,
          range: v.value.range,
          messageId: 'value-below',
          data: { resource: r.address, days, attribute: where(s), origin: from(r.file, v.value), minimum: MIN },
          fixes: replaceLiteralFix(v.value, s.attribute, String(MIN)),
        });
      }
    }
  }
}

/** The S3 buckets of the module that receive logs (access logs, CloudTrail, load balancer, flow logs). */
function logBuckets(mod: TerraformModule): Map<TfResource, string> {
  const out = new Map<TfResource, string>();
  for (const src of TABLE.logBucketSources) {
    for (const r of mod.resourcesOf(src.type)) {
      for (const b of blocksAt(r.block, src.blocks)) {
        const a = judgedAttr(mod, b, src.attribute);
        if (!a) continue;
        for (const target of mod.referencedResources(a.attr.expr))
          if (target.type === 'aws_s3_bucket' && !out.has(target)) out.set(target, r.address);
      }
    }
  }
  return out;
}

/** Reports an expiration shorter than six months in a lifecycle rule of a log bucket. */
function checkExpiration(ctx: RuleContext, mod: TerraformModule, owner: TfResource, rule: Block, bucket: TfResource, source: string): void {
  for (const exp of blocksAt(rule, ['expiration'])) {
    const v = judgedAttr(mod, exp, 'days');
    const days = v ? asNumber(v.value) : undefined;
    if (!v || days === undefined || days >= MIN || days <= 0) continue;
    ctx.report({
      file: owner.file,
      range: v.value.range,
      messageId: 'expiration-below',
      data: {
        resource: owner.address,
        bucket: bucket.address,
        source,
        days,
        origin: from(owner.file, v.value) ? ` (expiration.days${from(owner.file, v.value)})` : '',
        minimum: MIN,
      },
      fixes: replaceLiteralFix(v.value, 'days', String(MIN)),
    });
  }
}

function checkLogBuckets(ctx: RuleContext, mod: TerraformModule): void {
  for (const [bucket, source] of logBuckets(mod)) {
    for (const rule of blocksAt(bucket.block, ['lifecycle_rule'])) {
      if (isFalse(judgedAttr(mod, rule, 'enabled')?.value)) continue;
      checkExpiration(ctx, mod, bucket, rule, bucket, source);
    }
    for (const lc of mod.referencing(bucket, ['aws_s3_bucket_lifecycle_configuration'], 'bucket')) {
      for (const rule of blocksAt(lc.block, ['rule'])) {
        const status = judgedAttr(mod, rule, 'status')?.value;
        if (status?.kind === 'string' && status.value !== 'Enabled') continue;
        checkExpiration(ctx, mod, lc, rule, bucket, source);
      }
    }
  }
}

export default defineRule({
  meta: {
    id: 'log-retention',
    title: 'Keep logged events at least six months',
    description:
      'Reports log retention settings below 180 days: CloudWatch log groups, Azure Log Analytics ' +
      'workspaces (30 days by default), Azure monitor log profiles, diagnostic settings, flow logs, SQL ' +
      'auditing and threat detection retention, storage queue logging, GCP logging buckets (30 days by ' +
      'default), and S3 lifecycle rules that expire the objects of a bucket receiving logs (access logs, ' +
      'CloudTrail, load balancer, flow logs, AWS Config, CloudFront).',
    rationale:
      'SecNumCloud 12.6 requires logged events to be kept for at least six months, so that an incident can ' +
      'be investigated after the fact. A retention shorter than that, or a platform default of 30 days, ' +
      'deletes the evidence before it is needed.',
    remediation:
      'Set the retention to 180 days or more (0 or an absent setting means "never expire" where the ' +
      'platform allows it), or export the logs to an archive kept six months.',
    severity: 'warning',
    requirements: ['12.6.c'],
    fixable: true,
    covers: [
      'aws_cloudwatch_log_group',
      'aws_s3_bucket lifecycle_rule and aws_s3_bucket_lifecycle_configuration of log buckets',
      'azurerm_log_analytics_workspace',
      'azurerm_monitor_log_profile, azurerm_monitor_diagnostic_setting, azurerm_network_watcher_flow_log',
      'Azure SQL auditing, threat detection and security alert policies',
      'azurerm_storage_account queue logging',
      'google_logging_*_bucket_config',
    ],
    limits:
      'Logs may be exported to an archive with a longer retention that the configuration does not show; a ' +
      'short retention is still reported, as the first place the events land. Lifecycle rules with filters ' +
      'are judged as if they applied to the whole bucket.',
    messages: {
      'default-below':
        '{{resource}} keeps logs {{days}} days: {{attribute}} is not set and defaults to {{days}}, below the ' +
        '{{minimum}} days required.',
      'value-below': '{{resource}} keeps logs {{days}} days ({{attribute}}{{origin}}), below the {{minimum}} days ' + 'required.',
      'expiration-below':
        '{{resource}} deletes the logs in {{bucket}} (written by {{source}}) after {{days}} days{{origin}}, ' +
        'below the {{minimum}} days required.',
    },
    fixes: SET_ATTRIBUTE,
    examples: {
      good: [
        {
          language: 'terraform',
          code: 'resource "aws_cloudwatch_log_group" "app" {\n  name              = "app"\n  retention_in_days = 365\n}\n',
        },
        {
          language: 'terraform',
          code: 'resource "azurerm_log_analytics_workspace" "main" {\n  name              = "main"\n  sku               = "PerGB2018"\n  retention_in_days = 180\n}\n',
        },
      ],
      bad: [
        {
          language: 'terraform',
          code: 'resource "aws_cloudwatch_log_group" "app" {\n  name              = "app"\n  retention_in_days = 30\n}\n',
        },
        {
          language: 'terraform',
          code: 'resource "google_logging_project_bucket_config" "main" {\n  project   = "my-project"\n  location  = "europe-west9"\n  bucket_id = "_Default"\n}\n',
        },
      ],
    },
  },
  check(ctx) {
    for (const mod of ctx.terraform) {
      checkSettings(ctx, mod);
      checkLogBuckets(ctx, mod);
    }
  },
});
