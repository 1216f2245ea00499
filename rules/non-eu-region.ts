/** non-eu-region: data and its copies stay in regions inside the European Union (or the team's chosen area). */
import { defineRule, type RuleContext } from '../server/src/engine/rule';
import type { SourceFile } from '../server/src/engine/source';
import type { Fix } from '../server/src/engine/types';
import { type Value, asString } from '../server/src/engine/value';
import type { TerraformModule } from '../server/src/terraform/model';
import { type DocNode, entry, get, items, podSpec, scalarString } from '../server/src/kubernetes/model';
import { replaceScalar } from '../server/src/kubernetes/edits';
import { type RegionRow, findRegion, findRegionAnyProvider, policyName, preferredRegion, rowInside } from './support/regions';

/** Node labels that carry a region. */
const REGION_LABELS = ['topology.kubernetes.io/region', 'failure-domain.beta.kubernetes.io/region'];

function describeRow(row: RegionRow): string {
  return `${row.code} (${row.location}, ${row.country})`;
}

/** A fix that replaces a literal region with the team's preferred one. */
function replaceFix(value: Value, quoted: boolean, provider: string, ctx: RuleContext): Fix[] {
  const to = preferredRegion(provider, ctx.settings);
  if (!to || value.origin !== 'literal' || value.kind !== 'string') return [];
  const range = quoted ? { start: value.range.start + 1, end: value.range.end - 1 } : value.range;
  return [{ title: `Replace with ${to}`, safety: 'unsafe', preferred: true, edits: [{ range, newText: to }] }];
}

/** Reports a Terraform region value outside the policy. */
function checkTfRegion(ctx: RuleContext, file: SourceFile, value: Value | undefined, provider: string, what: string): void {
  const code = asString(value);
  if (!value || code === undefined) return;
  const row = findRegion(provider, code, ctx.settings);
  if (!row || rowInside(row, ctx.settings)) return;
  const via = value.origin === 'literal' ? '' : ` (evaluated from ${file.text.slice(value.range.start, value.range.end)})`;
  ctx.report({
    file,
    range: value.range,
    message: `${what} uses region ${describeRow(row)}${via}, outside ${policyName(ctx.settings.regionPolicy)}.`,
    fixes: replaceFix(value, file.text[value.range.start] === '"', provider, ctx),
  });
}

function checkTerraform(ctx: RuleContext, mod: TerraformModule): void {
  for (const p of mod.providers) {
    if (p.name !== 'aws') continue;
    const what = p.alias ? `provider "aws" (alias ${p.alias})` : 'provider "aws"';
    checkTfRegion(ctx, p.file, mod.attr(p.block, 'region')?.value, 'aws', what);
  }
  for (const { node: backend, file } of mod.backends) {
    if (backend.labels[0] !== 's3') continue;
    checkTfRegion(ctx, file, mod.attr(backend, 'region')?.value, 'aws', 'The S3 backend holding the Terraform state');
  }
  for (const r of mod.resources) {
    // Data sources only read; resources store and process. The AWS provider (v6+) takes a
    // `region` argument on every resource.
    if (r.mode !== 'resource' || !r.type.startsWith('aws_')) continue;
    checkTfRegion(ctx, r.file, mod.attr(r.block, 'region')?.value, 'aws', r.address);
  }
}

/** Region values of a pod spec's node selector and node affinity terms. */
function podRegionValues(spec: DocNode): DocNode[] {
  const out: DocNode[] = [];
  const selector = get(spec, 'nodeSelector');
  for (const label of REGION_LABELS) {
    const v = entry(selector, label)?.value;
    if (v) out.push(v);
  }
  const na = get(spec, 'affinity', 'nodeAffinity');
  const terms = [
    ...items(get(na, 'requiredDuringSchedulingIgnoredDuringExecution', 'nodeSelectorTerms')),
    ...items(get(na, 'preferredDuringSchedulingIgnoredDuringExecution')).map((p) => get(p, 'preference')).filter((p): p is DocNode => !!p),
  ];
  for (const term of terms) out.push(...inValues(items(get(term, 'matchExpressions')), 'operator'));
  return out;
}

/** The values of `In` expressions on a region label. */
function inValues(exprs: readonly DocNode[], operatorKey: string | undefined): DocNode[] {
  const out: DocNode[] = [];
  for (const e of exprs) {
    const key = scalarString(get(e, 'key'));
    if (!key || !REGION_LABELS.includes(key)) continue;
    if (operatorKey && scalarString(get(e, operatorKey)) !== 'In') continue;
    out.push(...items(get(e, 'values')));
  }
  return out;
}

function checkKubernetes(ctx: RuleContext): void {
  for (const obj of ctx.kubernetes) {
    const values: DocNode[] = [];
    const spec = podSpec(obj);
    if (spec) values.push(...podRegionValues(spec));
    if (obj.kind === 'StorageClass') {
      for (const t of items(get(obj.root, 'allowedTopologies'))) values.push(...inValues(items(get(t, 'matchLabelExpressions')), undefined));
    }
    for (const v of values) {
      const code = scalarString(v);
      if (!code) continue;
      const rows = findRegionAnyProvider(code, ctx.settings);
      // The label does not say which cloud: judge only when every cloud using that name agrees.
      if (!rows.length || rows.some((r) => rowInside(r, ctx.settings))) continue;
      const row = rows[0]!;
      const providers = new Set(rows.map((r) => r.provider));
      const to = providers.size === 1 ? preferredRegion(row.provider, ctx.settings) : undefined;
      const edit = to ? replaceScalar(obj.file, v, to) : undefined;
      ctx.report({
        file: obj.file,
        range: v.range,
        message: `${obj.kind} ${obj.name ?? '(unnamed)'} is scheduled in region ${describeRow(row)}, outside ${policyName(ctx.settings.regionPolicy)}.`,
        fixes: edit ? [{ title: `Replace with ${to}`, safety: 'unsafe', preferred: true, edits: [edit] }] : [],
      });
    }
  }
}

export default defineRule({
  meta: {
    id: 'non-eu-region',
    title: 'Keep data and its copies in regions inside the European Union',
    description:
      'Reports cloud regions outside the allowed area (the EU by default): AWS provider configurations and their aliases, the S3 state backend, resource-level region arguments, and Kubernetes workloads pinned by node selectors, node affinity or StorageClass topologies to a region label.',
    rationale:
      'SecNumCloud 19.2 requires tenant data, technical data (identities, logs, configuration, Terraform state) and backups to be stored and processed within the European Union. A resource created in a region outside it puts the data under another jurisdiction. The United Kingdom, Switzerland and Norway are not in the EU.',
    remediation: 'Deploy to a region inside the EU, such as eu-west-3 (Paris) on AWS. A team can choose its preferred region and its policy (eu, eea, fr or a list of countries) in .snclint.yml.',
    severity: 'error',
    requirements: ['19.2.b', '19.2.d', '12.5.d'],
    fixable: true,
    covers: ['provider "aws" (with aliases)', 'terraform backend "s3"', 'AWS resource-level region', 'Kubernetes nodeSelector and nodeAffinity on topology.kubernetes.io/region', 'StorageClass allowedTopologies'],
    limits: 'A region that comes from a variable without default, the environment (AWS_REGION) or a resource attribute is unknown to the linter and never reported.',
    examples: {
      good: [
        { language: 'terraform', code: 'provider "aws" {\n  region = "eu-west-3"\n}\n' },
        {
          language: 'yaml',
          code: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: app\nspec:\n  nodeSelector:\n    topology.kubernetes.io/region: eu-central-1\n  containers:\n    - name: app\n      image: nginx\n',
        },
      ],
      bad: [
        { language: 'terraform', code: 'provider "aws" {\n  region = "us-east-1"\n}\n' },
        {
          language: 'yaml',
          code: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: app\nspec:\n  nodeSelector:\n    topology.kubernetes.io/region: us-east-1\n  containers:\n    - name: app\n      image: nginx\n',
        },
      ],
    },
  },
  check(ctx) {
    for (const mod of ctx.terraform) checkTerraform(ctx, mod);
    checkKubernetes(ctx);
  },
});
