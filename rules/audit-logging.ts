/** audit-logging: audit trails are on, complete and protected. */
import { defineRule, type RuleContext, type RuleFix } from '../server/src/lint/rule';
import { asString, isFalse } from '../server/src/engine/value';
import { insertAttribute } from '../server/src/terraform/edits';
import type { TerraformModule } from '../server/src/terraform/model';
import { blocksAt, hasDynamic, insertAttributesFix, judgedAttr, replaceLiteralFix, shown } from './support/tf-blocks';
import { SET_ATTRIBUTE, SET_ATTRIBUTES } from './support/fix-titles';
import DATA from './data/audit-logging.json';

interface Flag {
  readonly type: string;
  readonly attribute: string;
  readonly defaultsOn: boolean;
  readonly what: string;
}
interface Forbidden {
  readonly type: string;
  readonly attribute: string;
  readonly values: readonly string[];
  readonly replacement: string;
  readonly what: string;
}
interface RequiredItems {
  readonly type: string;
  readonly attribute: string;
  readonly required: readonly string[];
  readonly insert?: readonly string[];
  readonly what: string;
}
interface AuditedServer {
  readonly type: string;
  readonly inlineBlock: string;
  readonly policies: readonly string[];
  readonly via: string;
}
interface DiagnosedCluster {
  readonly type: string;
  readonly categories: readonly string[];
  readonly categoryGroups: readonly string[];
}
interface FlowLogged {
  readonly type: string;
  readonly flowLog: string;
  readonly via: string;
}

const TABLE: {
  flags: readonly Flag[];
  forbiddenValues: readonly Forbidden[];
  requiredListItems: readonly RequiredItems[];
  auditedServers: readonly AuditedServer[];
  diagnosedClusters: readonly DiagnosedCluster[];
  flowLogged: readonly FlowLogged[];
} = DATA;

/**
 * The message id for what a table row of rules/data/audit-logging.json names (`flow logs` gives
 * `off-flow-logs`): each phrase has its own sentences, as French words them differently. An id the
 * rule does not declare is an internal error, which the rule's tests would show.
 */
function idOf(kind: 'off' | 'unset' | 'absent' | 'lacks', what: string): string {
  return `${kind}-${what.replace(/ /g, '-')}`;
}

function checkFlags(ctx: RuleContext, mod: TerraformModule): void {
  for (const r of mod.resources) {
    const flags = TABLE.flags.filter((f) => f.type === r.type && r.mode === 'resource');
    if (!flags.length) continue;
    const missing: Flag[] = [];
    for (const f of flags) {
      const v = judgedAttr(mod, r.block, f.attribute);
      if (v && isFalse(v.value)) {
        ctx.report({
          file: r.file,
          range: v.value.range,
          messageId: idOf('off', f.what),
          data: { resource: r.address, attribute: f.attribute, value: shown(r.file, v.value, 'false') },
          fixes: replaceLiteralFix(v.value, f.attribute, 'true'),
        });
      } else if (!v && !f.defaultsOn) missing.push(f);
    }
    if (!missing.length) continue;
    // One finding for all missing flags, so that one fix inserts them together.
    const names = missing.map((f) => f.attribute);
    const pairs = names.map((n) => [n, 'true'] as const);
    ctx.report({
      file: r.file,
      range: r.block.headerRange,
      messageId: idOf('unset', missing.map((f) => f.what).join(' and ')),
      data: { resource: r.address, attributes: names.join(' and ') },
      fixes: insertAttributesFix(r.file, r.block, pairs),
    });
  }
}

function checkForbidden(ctx: RuleContext, mod: TerraformModule): void {
  for (const f of TABLE.forbiddenValues) {
    for (const r of mod.resourcesOf(f.type)) {
      const v = judgedAttr(mod, r.block, f.attribute);
      const s = asString(v?.value);
      if (!v || s === undefined || !f.values.includes(s)) continue;
      const fixes: RuleFix[] =
        v.value.origin === 'literal'
          ? [
              {
                fixId: 'set-attribute',
                data: { attribute: f.attribute, value: `"${f.replacement}"` },
                safety: 'unsafe',
                preferred: true,
                edits: [{ range: v.value.range, newText: `"${f.replacement}"` }],
              },
            ]
          : [];
      ctx.report({
        file: r.file,
        range: v.value.range,
        messageId: idOf('off', f.what),
        data: { resource: r.address, attribute: f.attribute, value: `"${s}"` },
        fixes,
      });
    }
  }
}

function checkListItems(ctx: RuleContext, mod: TerraformModule): void {
  for (const f of TABLE.requiredListItems) {
    for (const r of mod.resourcesOf(f.type)) {
      const v = judgedAttr(mod, r.block, f.attribute);
      if (!v) {
        if (!f.insert) continue;
        const list = `[${f.insert.map((x) => `"${x}"`).join(', ')}]`;
        const edit = insertAttribute(r.file, r.block, f.attribute, list);
        ctx.report({
          file: r.file,
          range: r.block.headerRange,
          messageId: idOf('absent', f.what),
          data: { resource: r.address, attribute: f.attribute },
          fixes: edit
            ? [{ fixId: 'set-attribute', data: { attribute: f.attribute, value: list }, safety: 'unsafe', preferred: true, edits: [edit] }]
            : [],
        });
        continue;
      }
      if (v.value.kind !== 'list') continue;
      const got: string[] = [];
      let unknownItem = false;
      for (const item of v.value.items) {
        const s = asString(item);
        if (s === undefined) unknownItem = true;
        else got.push(s);
      }
      const missing = f.required.filter((x) => !got.includes(x));
      if (!missing.length || unknownItem) continue;
      const expr = v.attr.expr;
      let fixes: RuleFix[] = [];
      if (v.value.origin === 'literal' && expr.kind === 'tuple') {
        const added = missing.map((x) => `"${x}"`).join(', ');
        const last = expr.items[expr.items.length - 1];
        const edit = last
          ? { range: { start: last.range.end, end: last.range.end }, newText: `, ${added}` }
          : { range: expr.range, newText: `[${added}]` };
        fixes = [{ fixId: 'add-items', data: { items: added, attribute: f.attribute }, safety: 'unsafe', preferred: true, edits: [edit] }];
      }
      ctx.report({
        file: r.file,
        range: v.value.range,
        messageId: idOf('lacks', f.what),
        data: { resource: r.address, attribute: f.attribute, missing: missing.map((x) => `"${x}"`).join(', ') },
        fixes,
      });
    }
  }
}

function checkServers(ctx: RuleContext, mod: TerraformModule): void {
  for (const s of TABLE.auditedServers) {
    for (const r of mod.resourcesOf(s.type)) {
      if (blocksAt(r.block, [s.inlineBlock]).length || hasDynamic(r.block, s.inlineBlock)) continue;
      if (mod.referencing(r, s.policies, s.via).length) continue;
      // A policy whose server cannot be resolved may be this one's.
      if (
        mod
          .resourcesOfAny(s.policies)
          .some((p) => !judgedAttr(mod, p.block, s.via) || !mod.referencedResources(judgedAttr(mod, p.block, s.via)!.attr.expr).length)
      )
        continue;
      ctx.report({
        file: r.file,
        range: r.block.headerRange,
        messageId: 'no-auditing',
        data: { resource: r.address, policies: s.policies.join(' or ') },
      });
    }
  }
}

function checkDiagnostics(ctx: RuleContext, mod: TerraformModule): void {
  for (const c of TABLE.diagnosedClusters) {
    for (const cluster of mod.resourcesOf(c.type)) {
      for (const d of mod.referencing(cluster, ['azurerm_monitor_diagnostic_setting'], 'target_resource_id')) {
        if (d.block.body.blocks.some((b) => b.type === 'dynamic')) continue;
        const logs = [
          ...blocksAt(d.block, ['enabled_log']),
          ...blocksAt(d.block, ['log']).filter((b) => !isFalse(judgedAttr(mod, b, 'enabled')?.value)),
        ];
        const covered = logs.some((b) => {
          const cat = asString(judgedAttr(mod, b, 'category')?.value);
          const group = asString(judgedAttr(mod, b, 'category_group')?.value);
          const known = judgedAttr(mod, b, 'category')
            ? cat !== undefined
            : judgedAttr(mod, b, 'category_group')
              ? group !== undefined
              : true;
          return !known || (cat !== undefined && c.categories.includes(cat)) || (group !== undefined && c.categoryGroups.includes(group));
        });
        if (covered) continue;
        ctx.report({
          file: d.file,
          range: d.block.headerRange,
          messageId: 'no-control-plane-audit-log',
          data: {
            resource: d.address,
            cluster: cluster.address,
            categories: c.categories.join(' or '),
            groups: c.categoryGroups.join(' or '),
          },
        });
      }
    }
  }
}

function checkFlowLogs(ctx: RuleContext, mod: TerraformModule): void {
  for (const f of TABLE.flowLogged) {
    const logs = mod.resourcesOf(f.flowLog);
    // A flow log whose target cannot be resolved here may cover any network of the module.
    if (
      logs.some((l) => {
        const a = judgedAttr(mod, l.block, f.via);
        return a !== undefined && !mod.referencedResources(a.attr.expr).length;
      })
    )
      continue;
    for (const r of mod.resourcesOf(f.type)) {
      if (mod.referencing(r, [f.flowLog], f.via).length) continue;
      ctx.report({ file: r.file, range: r.block.headerRange, messageId: 'no-flow-log', data: { resource: r.address, flowLog: f.flowLog } });
    }
  }
}

export default defineRule({
  meta: {
    id: 'audit-logging',
    title: 'Keep audit trails on, complete and tamper-evident',
    description:
      'Reports CloudTrail trails that are off, single-region or without log file validation; EKS clusters ' +
      'without the audit control-plane log; GKE clusters with logging off; AKS diagnostic settings that ' +
      'leave out kube-audit; VPCs without a flow log in the module and flow logs turned off; Azure ' +
      'activity log profiles missing Action, Delete or Write; Azure SQL servers without auditing or with ' +
      'auditing off.',
    rationale:
      'SecNumCloud 12.6 requires security events to be logged and 12.7 requires logs to be protected ' +
      'against alteration. A trail that is off, limited to one region or unsigned misses or cannot prove ' +
      "the actions taken on the tenant's resources, including administrative ones.",
    remediation:
      'Turn the trail or audit log on for every region and component, with log file validation, and send ' +
      'it to a protected destination.',
    severity: 'error',
    // The catalogue holds no item for 12.6.b (events to log); 12.6.c (events kept) is what an absent trail defeats.
    requirements: ['12.6.c', '12.7.a'],
    fixable: true,
    covers: [
      'aws_cloudtrail',
      'aws_eks_cluster enabled_cluster_log_types',
      'aws_vpc and aws_flow_log',
      'google_container_cluster logging_service',
      'google_compute_subnetwork enable_flow_logs',
      'azurerm_monitor_diagnostic_setting of azurerm_kubernetes_cluster',
      'azurerm_monitor_log_profile',
      'azurerm_network_watcher_flow_log',
      'azurerm_mssql_server, azurerm_sql_server and their extended auditing policies',
    ],
    limits:
      'Trails, flow logs and diagnostic settings created outside the module (by an organisation trail, an ' +
      'Azure policy or another stack) are not seen; a VPC is only reported when no flow log of the module ' +
      'could refer to it.',
    messages: {
      'off-logging': '{{resource}} turns logging off: {{attribute}} is {{value}}.',
      'off-auditing': '{{resource}} turns auditing off: {{attribute}} is {{value}}.',
      'off-flow-logs': '{{resource}} turns flow logs off: {{attribute}} is {{value}}.',
      'off-control-plane-logging': '{{resource}} turns control-plane logging off: {{attribute}} is {{value}}.',
      'unset-recording-in-every-region-and-log-file-validation':
        '{{resource}} has no recording in every region and no log file validation: {{attributes}} are not ' + 'set and default to false.',
      'unset-log-file-validation-and-recording-in-every-region':
        '{{resource}} has no log file validation and no recording in every region: {{attributes}} are not ' + 'set and default to false.',
      'unset-recording-in-every-region': '{{resource}} has no recording in every region: {{attributes}} is not set and defaults to false.',
      'unset-log-file-validation': '{{resource}} has no log file validation: {{attributes}} is not set and defaults to false.',
      'absent-control-plane-audit-logs': '{{resource}} has no control-plane audit logs: {{attribute}} is not set.',
      'absent-activity-log-categories': '{{resource}} has no activity log categories: {{attribute}} is not set.',
      'lacks-control-plane-audit-logs': '{{resource}} leaves out control-plane audit logs: {{attribute}} lacks {{missing}}.',
      'lacks-activity-log-categories': '{{resource}} leaves out activity log categories: {{attribute}} lacks {{missing}}.',
      'no-auditing': '{{resource}} has no auditing: no extended_auditing_policy block and no {{policies}} for it.',
      'no-control-plane-audit-log':
        '{{resource}} sends no control-plane audit log of {{cluster}}: no {{categories}} category and no ' + '{{groups}} group.',
      'no-flow-log': '{{resource}} has no flow log: no {{flowLog}} in this module refers to it.',
    },
    fixes: { ...SET_ATTRIBUTE, ...SET_ATTRIBUTES, 'add-items': 'Add {{items}} to {{attribute}}' },
    examples: {
      good: [
        {
          language: 'terraform',
          code: 'resource "aws_cloudtrail" "main" {\n  name                       = "main"\n  s3_bucket_name             = "trail-logs"\n  is_multi_region_trail      = true\n  enable_log_file_validation = true\n}\n',
        },
      ],
      bad: [
        {
          language: 'terraform',
          code: 'resource "aws_cloudtrail" "main" {\n  name           = "main"\n  s3_bucket_name = "trail-logs"\n  enable_logging = false\n}\n',
        },
      ],
    },
  },
  check(ctx) {
    for (const mod of ctx.terraform) {
      checkFlags(ctx, mod);
      checkForbidden(ctx, mod);
      checkListItems(ctx, mod);
      checkServers(ctx, mod);
      checkDiagnostics(ctx, mod);
      checkFlowLogs(ctx, mod);
    }
  },
});
