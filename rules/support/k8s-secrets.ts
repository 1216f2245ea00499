/** The Kubernetes side of hardcoded-secret: Secret data written in clear and literal secrets in container env. */
import type { RuleContext } from '../../server/src/lint/rule';
import { listOf, str } from '../../server/src/kubernetes/node';
import { objectsOf, podsOf } from '../../server/src/kubernetes/pod';
import { type SecretKind, isLiteralSecret, isPlaceholder, isSecretName, knownSecretIn, secretMessage } from './secrets';

/** A value that names another: `$(VAR)` (Kubernetes expands it from the container's env), `$VAR` or `${VAR}` (filled in by a script). */
const REFERENCE = /^\$(?:\([A-Za-z_][\w.-]*\)|\{[^{}]+\}|[A-Za-z_]\w*)$/;

/** Reports Secrets with literal data and containers with literal secrets in their environment, in manifests and Kustomize output. */
export function checkKubernetesSecrets(ctx: RuleContext<`env-${SecretKind}` | 'secret-value' | 'secret-values'>): void {
  // Terraform's kubernetes_* objects are read by the Terraform side of the rule, argument by argument.
  const objects = objectsOf(ctx).filter((o) => o.origin !== 'terraform');
  for (const obj of objects) {
    if (obj.kind !== 'Secret') continue;
    for (const key of ['data', 'stringData']) {
      const m = obj.root.get(key);
      if (m?.kind !== 'map') continue;
      const names = m.keys().filter((k) => {
        const s = str(m.get(k));
        if (s === undefined || s.trim() === '' || s.includes('{{')) return false;
        // `data` holds base64: a placeholder (`xxxxxxxx`, `changeme`) is judged on what it decodes to.
        const text = key === 'data' && /^[A-Za-z0-9+/]+={0,2}$/.test(s.trim()) ? Buffer.from(s.trim(), 'base64').toString('utf8') : s;
        return !isPlaceholder(text.trim());
      });
      if (!names.length) continue;
      const list = names.length > 3 ? `${names.slice(0, 3).join(', ')} and ${names.length - 3} more` : names.join(', ');
      // A map's header is its key (`data:`), in whichever file wrote it.
      ctx.report({
        file: m.file,
        range: m.header,
        messageId: names.length > 1 ? 'secret-values' : 'secret-value',
        data: { object: obj.label, count: names.length, key, names: list },
      });
    }
  }
  for (const pod of podsOf(objects)) {
    for (const c of pod.containers) {
      for (const env of listOf(c.node, 'env')) {
        if (env.kind !== 'map') continue;
        const name = str(env.get('name'));
        const value = env.get('value');
        const text = str(value);
        if (!name || !value || text === undefined) continue;
        const known = knownSecretIn(text);
        if (!known && !(isSecretName(name) && isLiteralSecret(text) && !REFERENCE.test(text.trim()))) continue;
        const secret = secretMessage(known, text);
        ctx.report({
          file: value.file,
          range: value.range,
          messageId: `env-${secret.kind}`,
          data: { object: pod.object.label, name, container: c.name, ...secret.data },
        });
      }
    }
  }
}
