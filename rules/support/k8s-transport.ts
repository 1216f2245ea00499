/** The Kubernetes side of plaintext-transport: Ingresses without TLS and ingress-nginx's redirect turned off. */
import type { RuleContext, RuleFix } from '../../server/src/lint/rule';
import { type KNode, type KScalar, listOf, mapAt, str } from '../../server/src/kubernetes/node';
import type { KObject } from '../../server/src/kubernetes/objects';
import { objectsOf } from '../../server/src/kubernetes/pod';
import DATA from '../data/plaintext-transport.json';

/** `Ingress shop/web`: the namespace as written (or set by a kustomization), and the overlay that rendered it. */
export function objectName(obj: KObject): string {
  const ns = str(mapAt(obj.root, 'metadata')?.get('namespace'));
  return `${obj.kind} ${ns ? `${ns}/` : ''}${obj.name ?? '(unnamed)'}${obj.overlay ? ` in overlay ${obj.overlay}` : ''}`;
}

/** Sets a quoted "false" to "true", keeping its quotes; no fix for a plain scalar (YAML would read it as a boolean). */
function toTrue(node: KScalar): RuleFix<'set-to'>[] {
  if (!/^["']/.test(node.file.text.slice(node.range.start))) return [];
  const edit = node.replace('true');
  return edit && edit.file === node.file
    ? [{ fixId: 'set-to', data: { field: 'ssl-redirect', value: '"true"' }, safety: 'unsafe', preferred: true, edits: [edit.edit] }]
    : [];
}

function checkIngress(ctx: RuleContext, obj: KObject): void {
  const cfg = DATA.ingress;
  const annotations = mapAt(obj.root, 'metadata', 'annotations');
  const annotation = (key: string): KNode | undefined => annotations?.get(key);
  const redirect = annotation(cfg.sslRedirectAnnotation);
  if (listOf(mapAt(obj.root, 'spec'), 'tls').length) {
    if (redirect?.kind === 'scalar' && str(redirect) === 'false') {
      ctx.report({
        file: redirect.file,
        range: redirect.range,
        messageId: 'ingress-redirect-off',
        data: { object: objectName(obj), annotation: cfg.sslRedirectAnnotation },
        fixes: toTrue(redirect),
      });
    }
    return;
  }
  const spec = mapAt(obj.root, 'spec');
  if (!spec?.get('rules') && !spec?.get('defaultBackend') && !spec?.get('backend')) return;
  if (cfg.tlsElsewhereAnnotations.some((a) => annotation(a))) return;
  if (str(annotation(cfg.allowHttpAnnotation)) === 'false') return;
  ctx.report({ file: obj.file, range: obj.header, messageId: 'ingress-no-tls', data: { object: objectName(obj) } });
}

/** Reports Kubernetes objects that serve or let through plain HTTP, in every object the unit sees. */
export function checkKubernetesTransport(ctx: RuleContext): void {
  const cfg = DATA.ingress;
  for (const obj of objectsOf(ctx)) {
    const api = str(obj.root.get('apiVersion')) ?? '';
    if (obj.kind === 'Ingress' && (api.startsWith('networking.k8s.io/') || api.startsWith('extensions/'))) checkIngress(ctx, obj);
    else if (
      obj.kind === 'ConfigMap' &&
      api === 'v1' &&
      new RegExp(cfg.configMapName).test(`${obj.name ?? ''} ${str(mapAt(obj.root, 'metadata')?.get('namespace')) ?? ''}`)
    ) {
      const node = mapAt(obj.root, 'data')?.get(cfg.configMapKey);
      if (node?.kind === 'scalar' && str(node) === 'false') {
        ctx.report({
          file: node.file,
          range: node.range,
          messageId: 'nginx-redirect-off',
          data: { object: objectName(obj), key: cfg.configMapKey },
          fixes: toTrue(node),
        });
      }
    }
  }
}
