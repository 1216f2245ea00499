/** backup-disabled: automated backups are on and kept at least a day. */
import { defineRule, type RuleContext, type RuleFix } from '../server/src/lint/rule';
import { asNumber, asString, isFalse, isTrue } from '../server/src/engine/value';
import type { Block } from '../server/src/terraform/ast';
import { appendBlock } from '../server/src/terraform/edits';
import type { TerraformModule, TfResource } from '../server/src/terraform/model';
import { hasDynamic, judgedAttr, replaceLiteralFix, setAttributeFix, shown } from './support/tf-blocks';
import { ADD_BLOCK, SET_ATTRIBUTE } from './support/fix-titles';
import DATA from './data/backups.json';

interface Retention {
  readonly type: string;
  readonly attribute: string;
  readonly unit: string;
  /** The value offered by the fix. */
  readonly fix: number;
  /** The value the platform applies when the attribute is absent, when that means no backup. */
  readonly absentMeans?: number;
  /** Arguments whose presence means the setting does not apply (read replicas, group members). */
  readonly skipWhen: readonly string[];
  /** Engines that take snapshots; others are not judged. */
  readonly engines?: readonly string[];
  readonly defaultEngine?: string;
}

interface Switch {
  readonly type: string;
  readonly blocks: readonly string[];
  readonly attribute: string;
  /** The value that turns backups on. */
  readonly on: boolean;
  readonly absentMeansOff: boolean;
  readonly skipWhen: readonly string[];
  readonly what: string;
}

interface Frequency {
  readonly type: string;
  readonly attribute: string;
  readonly unit: string;
  readonly maximum: number;
}

const TABLE: { retentions: readonly Retention[]; switches: readonly Switch[]; frequencies: readonly Frequency[] } = DATA;

function skipped(mod: TerraformModule, r: TfResource, skipWhen: readonly string[]): boolean {
  return skipWhen.some((name) => mod.attr(r.block, name) !== undefined);
}

/** The ids this rule reports. */
type Id =
  | 'retention-default'
  | 'retention-zero'
  | `${'backups' | 'recovery'}-${'missing' | 'default' | 'off'}`
  | 'every-hours'
  | 'every-days';

/** Which messages a switch of rules/data/backups.json speaks with: point-in-time recovery, or automated backups. */
function switchKind(s: Switch): 'backups' | 'recovery' {
  return s.what === 'point-in-time recovery' ? 'recovery' : 'backups';
}

function checkRetentions(ctx: RuleContext<Id>, mod: TerraformModule): void {
  for (const t of TABLE.retentions) {
    for (const r of mod.resourcesOf(t.type)) {
      if (skipped(mod, r, t.skipWhen)) continue;
      if (t.engines) {
        const e = judgedAttr(mod, r.block, 'engine');
        const engine = e ? asString(e.value) : t.defaultEngine;
        if (engine === undefined || !t.engines.includes(engine)) continue;
      }
      const v = judgedAttr(mod, r.block, t.attribute);
      if (!v) {
        if (t.absentMeans !== 0) continue;
        ctx.report({
          file: r.file,
          range: r.block.headerRange,
          messageId: 'retention-default',
          data: { resource: r.address, attribute: t.attribute },
          fixes: setAttributeFix(r.file, r.block, t.attribute, String(t.fix)),
        });
        continue;
      }
      const n = asNumber(v.value);
      if (n !== 0) continue;
      ctx.report({
        file: r.file,
        range: v.value.range,
        messageId: 'retention-zero',
        data: { resource: r.address, attribute: t.attribute, value: shown(r.file, v.value, '0') },
        fixes: replaceLiteralFix(v.value, t.attribute, String(t.fix)),
      });
    }
  }
}

/** Nested lines `a {`, `  b {`, `    name = value`, `  }`, `}` for the part of a block path that is missing. */
function nestedLines(path: readonly string[], name: string, value: string): string[] {
  const open = path.map((p, i) => `${'  '.repeat(i)}${p} {`);
  const close = path.map((_, i) => `${'  '.repeat(path.length - 1 - i)}}`);
  return [...open, `${'  '.repeat(path.length)}${name} = ${value}`, ...close];
}

function checkSwitch(ctx: RuleContext<Id>, mod: TerraformModule, r: TfResource, s: Switch): void {
  let block: Block = r.block;
  for (let i = 0; i < s.blocks.length; i++) {
    const type = s.blocks[i]!;
    if (hasDynamic(block, type)) return;
    const next = block.body.blocks.find((b) => b.type === type);
    if (!next) {
      if (!s.absentMeansOff) return;
      const rest = s.blocks.slice(i);
      const edit = appendBlock(r.file, block, nestedLines(rest, s.attribute, String(s.on)));
      ctx.report({
        file: r.file,
        range: block.headerRange,
        messageId: `${switchKind(s)}-missing`,
        data: { resource: r.address, path: rest.join('.') },
        fixes: edit
          ? [
              {
                fixId: 'add-block',
                data: { block: `${rest.join(' { ')} { ${s.attribute} = ${s.on} }${' }'.repeat(rest.length - 1)}` },
                safety: 'unsafe',
                preferred: true,
                edits: [edit],
              },
            ]
          : [],
      });
      return;
    }
    block = next;
  }
  const v = judgedAttr(mod, block, s.attribute);
  if (!v) {
    if (!s.absentMeansOff) return;
    ctx.report({
      file: r.file,
      range: block.headerRange,
      messageId: `${switchKind(s)}-default`,
      data: { resource: r.address, path: [...s.blocks, s.attribute].join('.'), value: String(!s.on) },
      fixes: setAttributeFix(r.file, block, s.attribute, String(s.on)),
    });
    return;
  }
  const off = s.on ? isFalse(v.value) : isTrue(v.value);
  if (!off) return;
  ctx.report({
    file: r.file,
    range: v.value.range,
    messageId: `${switchKind(s)}-off`,
    data: { resource: r.address, attribute: s.attribute, value: shown(r.file, v.value, String(!s.on)) },
    fixes: replaceLiteralFix(v.value, s.attribute, String(s.on)),
  });
}

function checkFrequencies(ctx: RuleContext<Id>, mod: TerraformModule): void {
  for (const f of TABLE.frequencies) {
    for (const r of mod.resourcesOf(f.type)) {
      const v = judgedAttr(mod, r.block, f.attribute);
      const n = v ? asNumber(v.value) : undefined;
      if (!v || n === undefined || n <= f.maximum) continue;
      const fixes: RuleFix[] = replaceLiteralFix(v.value, f.attribute, String(f.maximum));
      ctx.report({
        file: r.file,
        range: v.value.range,
        messageId: f.unit === 'hours' ? 'every-hours' : 'every-days',
        data: { resource: r.address, count: shown(r.file, v.value, String(n)), attribute: f.attribute },
        fixes,
      });
    }
  }
}

export default defineRule({
  meta: {
    id: 'backup-disabled',
    title: 'Take automated backups of databases, daily',
    description:
      'Reports databases whose automated backups are off: RDS instances and clusters with ' +
      'backup_retention_period = 0, DynamoDB tables without point-in-time recovery, Redis and Valkey ' +
      'ElastiCache clusters, replication groups and serverless caches without snapshots, Cloud SQL ' +
      'instances without backup_configuration enabled, Scaleway database instances with disable_backup = ' +
      'true or a schedule less often than daily.',
    rationale:
      "SecNumCloud 12.5 requires a daily backup of all data, and 17.6 a backup service for the tenant's " +
      'data. A database without automated backups cannot be restored after an incident, a deletion or a ' +
      'ransomware attack.',
    remediation: 'Turn automated backups on with a retention of at least one day (seven is a common floor), and test ' + 'restores.',
    severity: 'error',
    requirements: ['12.5.a'],
    fixable: true,
    covers: [
      'aws_db_instance',
      'aws_rds_cluster',
      'aws_dynamodb_table',
      'aws_elasticache_cluster, aws_elasticache_replication_group, aws_elasticache_serverless_cache',
      'google_sql_database_instance',
      'scaleway_rdb_instance, scaleway_mongodb_instance',
    ],
    limits:
      'Backups taken by another tool (AWS Backup plans, snapshots by a scheduler) are not seen. Azure SQL, ' +
      'PostgreSQL, MySQL and Cosmos DB databases and OVHcloud managed databases always keep automated ' +
      'backups (the APIs accept no retention below one day), so nothing is reported for them. Read ' +
      'replicas are not judged.',
    messages: {
      'retention-default': '{{resource}} keeps no automated backup: {{attribute}} is not set and defaults to 0.',
      'retention-zero': '{{resource}} keeps no automated backup: {{attribute}} is {{value}}.',
      'backups-missing': '{{resource}} has no automated backups: {{path}} is not set, so automated backups is off.',
      'recovery-missing': '{{resource}} has no point-in-time recovery: {{path}} is not set, so point-in-time recovery is off.',
      'backups-default': '{{resource}} has no automated backups: {{path}} is not set and defaults to {{value}}.',
      'recovery-default': '{{resource}} has no point-in-time recovery: {{path}} is not set and defaults to {{value}}.',
      'backups-off': '{{resource}} turns automated backups off: {{attribute}} is {{value}}.',
      'recovery-off': '{{resource}} turns point-in-time recovery off: {{attribute}} is {{value}}.',
      'every-hours': '{{resource}} backs up every {{count}} hours ({{attribute}}), less often than daily.',
      'every-days': '{{resource}} backs up every {{count}} days ({{attribute}}), less often than daily.',
    },
    fixes: { ...SET_ATTRIBUTE, ...ADD_BLOCK },
    examples: {
      good: [
        {
          language: 'terraform',
          code: 'resource "aws_db_instance" "main" {\n  engine                  = "postgres"\n  instance_class          = "db.t3.micro"\n  backup_retention_period = 7\n}\n',
        },
      ],
      bad: [
        {
          language: 'terraform',
          code: 'resource "aws_db_instance" "main" {\n  engine                  = "postgres"\n  instance_class          = "db.t3.micro"\n  backup_retention_period = 0\n}\n',
        },
      ],
    },
  },
  check(ctx) {
    for (const mod of ctx.terraform) {
      checkRetentions(ctx, mod);
      for (const s of TABLE.switches)
        for (const r of mod.resourcesOf(s.type)) if (!skipped(mod, r, s.skipWhen)) checkSwitch(ctx, mod, r, s);
      checkFrequencies(ctx, mod);
    }
  },
});
