/** helm-chart: says once per Helm chart how to lint what it renders. */
import { defineRule } from '../server/src/lint/rule';
import { entry, get, scalarString } from '../server/src/kubernetes/model';
import { parseYamlFile } from '../server/src/kubernetes/parser';

export default defineRule({
  meta: {
    id: 'helm-chart',
    title: 'Lint Helm charts through their rendered manifests',
    description:
      'Chart templates are Go templates, not YAML: snclint neither reads their objects nor reports YAML ' +
      "syntax errors in them. On each chart's Chart.yaml it says, once, how to lint the manifests the " +
      'chart renders.',
    rationale:
      'The settings SecNumCloud cares about (privileges, host access, network policies) are decided by the ' +
      'rendered manifests, with the values a release uses; only those can be judged.',
    remediation:
      'Render the chart with the values of each environment and lint the output: helm template <release> ' +
      '<chart> -f values.yaml | snclint --stdin --stdin-filename chart.yaml',
    severity: 'info',
    requirements: [],
    fixable: false,
    covers: ['Helm charts (Chart.yaml)'],
    messages: {
      'not-linted':
        'Helm chart {{chart}}: templates are not linted as YAML. Lint what the chart renders: helm template ' +
        '{{chart}} <chart-dir> | snclint --stdin --stdin-filename chart.yaml',
    },
    examples: {
      good: [{ language: 'yaml', code: 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: app\ndata:\n  a: b\n' }],
      bad: [{ language: 'yaml', code: 'apiVersion: v2\nname: app\nversion: 1.0.0\n' }],
    },
  },
  check(ctx) {
    for (const file of ctx.kube?.charts ?? []) {
      const root = parseYamlFile(file).documents[0];
      const nameEntry = entry(root, 'name');
      const name = scalarString(get(root, 'name')) ?? 'the chart';
      const range = nameEntry
        ? { start: nameEntry.keyRange.start, end: nameEntry.value.range.end }
        : { start: 0, end: Math.max(0, file.text.search(/\r?\n|$/)) };
      ctx.report({
        file,
        range,
        messageId: 'not-linted',
        data: { chart: name },
      });
    }
  },
});
