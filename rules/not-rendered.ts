/** not-rendered: says where a kustomization names something snclint could not render, so nothing is skipped in silence. */
import { defineRule } from '../server/src/lint/rule';

export default defineRule({
  meta: {
    id: 'not-rendered',
    title: 'Lint every manifest a deployment is built from',
    description:
      'Reports, once at the entry that names it, what a kustomization brings in but snclint cannot render ' +
      'from the linted files: a remote base, a base or resource that is not among them, a Helm chart ' +
      '(helmCharts), a generator, transformer or validator plugin or configuration, a replacements or vars ' +
      'step (values copied between objects). Also reports a templates/ folder of Helm syntax whose ' +
      'Chart.yaml is not among the linted files. The objects these would produce are not linted.',
    rationale:
      'A finding can only be trusted as far as the manifests behind it were read: an object brought in ' +
      'from elsewhere escapes every other rule. Saying so keeps a clean report from being read as a ' +
      'compliant deployment.',
    remediation:
      'Lint the rendered output of the deployment (kustomize build --enable-helm DIR | snclint --stdin ' +
      '--stdin-filename rendered.yaml), or add the missing files to the linted paths.',
    severity: 'info',
    requirements: ['5.1.a'],
    fixable: false,
    covers: [
      'Kustomize resources and bases (remote or missing), components, helmCharts, generators, transformers, validators, replacements, vars',
      'Helm templates without their Chart.yaml',
    ],
    messages: {
      'not-linted': '{{what}} is not linted: {{why}}.',
    },
    examples: {
      good: [
        {
          language: 'yaml',
          filename: 'kustomization.yaml',
          title: 'kustomization.yaml',
          code: 'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nnamespace: shop\n',
        },
      ],
      bad: [
        {
          language: 'yaml',
          filename: 'kustomization.yaml',
          title: 'kustomization.yaml',
          code:
            'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n  - ' +
            'https://github.com/example/app//deploy?ref=v1.2.0\n',
        },
      ],
    },
  },
  check(ctx) {
    for (const n of ctx.kube?.notRendered ?? []) {
      ctx.report({ file: n.file, range: n.range, messageId: 'not-linted', data: { what: n.what, why: n.why } });
    }
  },
});
