/** The Kubernetes side of weak-tls: ingress-nginx, Traefik and Istio protocol settings, Scaleway load balancer annotations. */
import type { FixTitle, RuleContext, RuleFix } from '../../server/src/lint/rule';
import { type FileEdit, type KNode, listOf, mapAt, str } from '../../server/src/kubernetes/node';
import type { KObject } from '../../server/src/kubernetes/objects';
import { objectsOf } from '../../server/src/kubernetes/pod';
import { type TableSelector, lookupTls } from './tls-table';
import DATA from '../data/weak-tls.json';

function fixOf(title: FixTitle, node: KNode, edit: FileEdit | undefined): RuleFix[] {
  return edit && edit.file === node.file ? [{ ...title, safety: 'unsafe', preferred: true, edits: [edit.edit] }] : [];
}

/** `ConfigMap ingress/nginx`: the namespace as written (or set by a kustomization), and the overlay that rendered it. */
function objectName(obj: KObject): string {
  const ns = str(mapAt(obj.root, 'metadata')?.get('namespace'));
  return `${obj.kind} ${ns ? `${ns}/` : ''}${obj.name ?? '(unnamed)'}${obj.overlay ? ` in overlay ${obj.overlay}` : ''}`;
}

function apiGroup(obj: KObject): string {
  const api = str(obj.root.get('apiVersion')) ?? '';
  const slash = api.indexOf('/');
  return slash < 0 ? '' : api.slice(0, slash);
}

function replaceWith(node: KNode, value: string): FileEdit | undefined {
  return node.kind === 'scalar' ? node.replace(value) : undefined;
}

function checkVersionScalar(
  ctx: RuleContext,
  obj: KObject,
  node: KNode | undefined,
  label: string,
  tables: readonly TableSelector[],
  recommended: string,
): void {
  const value = str(node);
  if (!node || value === undefined) return;
  const verdict = lookupTls(tables, value);
  if (!verdict?.below12) return;
  ctx.report({
    file: node.file,
    range: node.range,
    messageId: 'object-version',
    data: { object: objectName(obj), oldest: verdict.oldest, label, value },
    fixes: fixOf({ fixId: 'set-to', data: { field: label, value: recommended } }, node, replaceWith(node, recommended)),
  });
}

function checkNginx(ctx: RuleContext, obj: KObject): void {
  const cfg = DATA.ingressNginx;
  const weak: Readonly<Record<string, string>> = cfg.weakProtocols;
  const node = mapAt(obj.root, 'data')?.get(cfg.key);
  const value = str(node);
  if (!node || value === undefined) return;
  const tokens = value.split(/\s+/).filter((t) => t);
  const bad = tokens.filter((t) => weak[t]);
  if (!bad.length) return;
  const kept = tokens.filter((t) => !weak[t]);
  const replacement = kept.length ? kept.join(' ') : cfg.recommended;
  ctx.report({
    file: node.file,
    range: node.range,
    messageId: 'object-protocols',
    data: { object: objectName(obj), protocols: bad.map((t) => weak[t]).join(', '), key: cfg.key, value },
    fixes: fixOf({ fixId: 'set-to', data: { field: cfg.key, value: `"${replacement}"` } }, node, replaceWith(node, replacement)),
  });
}

function checkScalewayService(ctx: RuleContext, obj: KObject): void {
  const cfg = DATA.scalewayAnnotation;
  const weak: Readonly<Record<string, string | undefined>> = cfg.weak;
  const node = mapAt(obj.root, 'metadata', 'annotations')?.get(cfg.key);
  const value = node?.kind === 'scalar' && typeof node.value === 'string' ? node.value : undefined;
  const oldest = value === undefined ? undefined : weak[value];
  if (!node || !oldest) return;
  ctx.report({
    file: node.file,
    range: node.range,
    messageId: 'setting-value',
    data: { resource: objectName(obj), oldest, label: cfg.key, value: value! },
    fixes: fixOf({ fixId: 'set-it', data: { value: cfg.recommended } }, node, replaceWith(node, cfg.recommended)),
  });
}

/** Reports TLS settings below 1.2 in every Kubernetes object the unit sees. */
export function checkKubernetesTls(ctx: RuleContext): void {
  for (const obj of objectsOf(ctx)) {
    if (obj.kind === 'ConfigMap' && apiGroup(obj) === '') checkNginx(ctx, obj);
    else if (obj.kind === 'Service') checkScalewayService(ctx, obj);
    else if (obj.kind === DATA.traefik.kind && DATA.traefik.apiGroups.includes(apiGroup(obj))) {
      checkVersionScalar(
        ctx,
        obj,
        mapAt(obj.root, 'spec')?.get('minVersion'),
        'spec.minVersion',
        DATA.traefik.tables,
        DATA.traefik.recommended,
      );
    } else if (obj.kind === DATA.istio.kind && DATA.istio.apiGroups.includes(apiGroup(obj))) {
      for (const server of listOf(mapAt(obj.root, 'spec'), 'servers')) {
        checkVersionScalar(
          ctx,
          obj,
          mapAt(server, 'tls')?.get('minProtocolVersion'),
          'tls.minProtocolVersion',
          DATA.istio.tables,
          DATA.istio.recommended,
        );
      }
    }
  }
}
