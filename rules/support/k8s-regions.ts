/** The Kubernetes side of non-eu-region: workloads and storage classes pinned to a region or zone label. */
import type { RuleContext } from '../../server/src/lint/rule';
import { type KNode, listOf, mapAt, str } from '../../server/src/kubernetes/node';
import { objectsOf } from '../../server/src/kubernetes/pod';
import { podSpecOf } from '../../server/src/kubernetes/objects';
import { findRegionAnyProvider, policyName, preferredRegion, rowInside } from './regions';
import { describeRow } from './region-terraform';

/** Node labels that carry a region or a zone (a zone names its region). */
const REGION_LABELS = [
  'topology.kubernetes.io/region',
  'failure-domain.beta.kubernetes.io/region',
  'topology.kubernetes.io/zone',
  'failure-domain.beta.kubernetes.io/zone',
  'topology.ebs.csi.aws.com/zone',
  'topology.gke.io/zone',
];

/** StorageClass parameters of in-tree and CSI provisioners that name zones, one or a comma-separated list. */
const ZONE_PARAMETERS = ['zone', 'zones'];

function items(n: KNode | undefined): readonly KNode[] {
  return n?.kind === 'list' ? n.items : [];
}

/** Region values of a pod spec's node selector and node affinity terms. */
function podRegionValues(spec: KNode): KNode[] {
  const out: KNode[] = [];
  const selector = mapAt(spec, 'nodeSelector');
  for (const label of REGION_LABELS) {
    const v = selector?.get(label);
    if (v) out.push(v);
  }
  const na = mapAt(spec, 'affinity', 'nodeAffinity');
  const terms = [
    ...items(mapAt(na, 'requiredDuringSchedulingIgnoredDuringExecution')?.get('nodeSelectorTerms')),
    ...listOf(na, 'preferredDuringSchedulingIgnoredDuringExecution').flatMap((p) =>
      p.kind === 'map' && p.get('preference') ? [p.get('preference')!] : [],
    ),
  ];
  for (const term of terms) out.push(...inValues(listOf(term, 'matchExpressions'), 'operator'));
  return out;
}

/** The values of `In` expressions on a region label. */
function inValues(exprs: readonly KNode[], operatorKey: string | undefined): KNode[] {
  const out: KNode[] = [];
  for (const e of exprs) {
    if (e.kind !== 'map') continue;
    const key = str(e.get('key'));
    if (!key || !REGION_LABELS.includes(key)) continue;
    if (operatorKey && str(e.get(operatorKey)) !== 'In') continue;
    out.push(...listOf(e, 'values'));
  }
  return out;
}

/** Reports region and zone values outside the allowed area, in every Kubernetes object the unit sees. */
export function checkKubernetesRegions(ctx: RuleContext): void {
  for (const obj of objectsOf(ctx)) {
    const values: KNode[] = [];
    const spec = podSpecOf(obj);
    if (spec) values.push(...podRegionValues(spec));
    if (obj.kind === 'StorageClass') {
      for (const t of listOf(obj.root, 'allowedTopologies')) values.push(...inValues(listOf(t, 'matchLabelExpressions'), undefined));
      for (const p of ZONE_PARAMETERS) {
        const v = mapAt(obj.root, 'parameters')?.get(p);
        if (v) values.push(v);
      }
    }
    const verb = obj.kind === 'StorageClass' ? 'volumes' : 'scheduled';
    for (const v of values) {
      for (const code of (str(v) ?? '')
        .split(',')
        .map((c) => c.trim())
        .filter((c) => c)) {
        const rows = findRegionAnyProvider(code, ctx.settings);
        // The label does not say which cloud: judge only when every cloud using that name agrees.
        if (!rows.length || rows.some((r) => rowInside(r, ctx.settings))) continue;
        const row = rows[0]!;
        const exact = rows.every((r) => r.code.toLowerCase() === code.toLowerCase());
        const providers = new Set(rows.map((r) => r.provider));
        const to = providers.size === 1 && exact && str(v) === code ? preferredRegion(row.provider, ctx.settings) : undefined;
        const edit = to && v.kind === 'scalar' ? v.replace(to) : undefined;
        ctx.report({
          file: v.file,
          range: v.range,
          messageId: `${verb}-${exact ? 'region' : 'code'}`,
          data: { object: obj.label, code, region: describeRow(row), area: policyName(ctx.settings.regionPolicy) },
          fixes:
            to && edit && edit.file === v.file
              ? [{ fixId: 'replace-region', data: { region: to }, safety: 'unsafe', preferred: true, edits: [edit.edit] }]
              : [],
        });
        break;
      }
    }
  }
}
