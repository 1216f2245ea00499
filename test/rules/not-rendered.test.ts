import { strict as assert } from 'node:assert';
import rule from '../../rules/not-rendered';
import { SourceFile, languageOf } from '../../server/src/engine/source';
import { lint } from '../../server/src/lint/linter';
import { RULES } from '../../rules';
import { testRule } from '../harness/rule-tester';

const K = 'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\n';

testRule(rule, {
  valid: [
    {
      name: 'a local resource that is linted',
      filename: 'kustomization.yaml',
      code: `${K}resources:\n  - cm.yaml\n`,
      siblings: { 'cm.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n' },
    },
    {
      name: 'built-in generators are rendered by name only, never run',
      filename: 'kustomization.yaml',
      code: `${K}configMapGenerator:\n  - name: app\n    literals: [A=b]\n`,
    },
    {
      name: 'a manifest named like a kustomization is not the only way: an ordinary file is not one',
      code: `${K}resources:\n  - https://example.com/app.yaml\n`,
    },
  ],
  invalid: [
    {
      name: 'a remote base, a missing base, a Helm chart and plugins',
      filename: 'kustomization.yaml',
      code: `${K}resources:\n  - github.com/example/app/deploy?ref=v1\n  - ../missing\nhelmCharts:\n  - name: redis\n    repo: https://charts.example\ngenerators:\n  - gen.yaml\ntransformers:\n  - tr.yaml\n`,
      errors: [
        {
          text: 'github.com/example/app/deploy?ref=v1',
          line: 4,
          message: 'remote base github.com/example/app/deploy?ref=v1 is not linted: snclint reads only the files of the repository.',
        },
        { text: '../missing', line: 5, message: '../missing is not linted: it is not among the linted files.' },
        { text: 'redis', line: 7, message: 'Helm chart redis is not linted: helmCharts are rendered only by kustomize --enable-helm.' },
        { text: 'gen.yaml', line: 10, message: 'generator plugin gen.yaml is not linted' },
        { text: 'tr.yaml', line: 12, message: 'transformer plugin tr.yaml is not linted' },
      ],
      output: null,
    },
  ],
});

describe('not-rendered on Helm templates', () => {
  const run = (files: Record<string, string>) =>
    lint(
      Object.entries(files).map(([p, t]) => new SourceFile(p, t, languageOf(p) ?? 'yaml')),
      { rules: RULES },
    ).findings.filter((f) => f.ruleId === 'not-rendered');
  const tpl = 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: {{ .Release.Name }}\n';

  it('says once per templates folder that has no Chart.yaml', () => {
    const found = run({ 'deploy/templates/a.yaml': tpl, 'deploy/templates/b.yaml': tpl });
    assert.deepEqual(
      found.map((f) => `${f.file.path}:${f.range.start}-${f.range.end}`),
      ['deploy/templates/a.yaml:0-19'],
    );
    assert.match(found[0]!.message, /^Helm templates in deploy\/templates is not linted/);
  });

  it('names a builtin transformer configuration as such', () => {
    const found = run({
      'o/kustomization.yaml': 'resources: []\ntransformers:\n  - labels.yaml\n',
      'o/labels.yaml': 'apiVersion: builtin\nkind: LabelTransformer\nmetadata:\n  name: labels\nlabels:\n  env: dev\n',
    });
    assert.deepEqual(
      found.map((f) => f.message),
      ['transformer configuration labels.yaml is not linted: snclint applies only the fields of the kustomization itself.'],
    );
  });

  it('says once when a kustomization copies values with replacements or vars', () => {
    const found = run({
      'app/kustomization.yaml':
        'resources: []\nreplacements:\n  - source: {kind: Job}\n    targets: []\n  - source: {kind: Service}\n    targets: []\nvars:\n  - name: SVC\n    objref: {kind: Service, name: web, apiVersion: v1}\n',
    });
    assert.deepEqual(
      found.map((f) => `${f.file.positionAt(f.range.start).line + 1} ${f.message}`),
      [
        '3 the replacements step of app is not linted: snclint does not copy values between objects.',
        '8 the vars step of app is not linted: snclint does not copy values between objects.',
      ],
    );
  });

  it('leaves charts to helm-chart', () => {
    assert.deepEqual(run({ 'deploy/Chart.yaml': 'apiVersion: v2\nname: x\nversion: 1.0.0\n', 'deploy/templates/a.yaml': tpl }), []);
  });

  it('names a remote base of a nested kustomization once, in the file that names it', () => {
    const found = run({
      'o/kustomization.yaml': 'resources: [../b]\n',
      'b/kustomization.yaml': 'resources:\n  - https://github.com/x/y//z?ref=main\n',
    });
    assert.deepEqual(
      found.map((f) => f.file.path),
      ['b/kustomization.yaml'],
    );
  });
});
