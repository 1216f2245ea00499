import { strict as assert } from 'node:assert';
import { SourceFile } from '../../server/src/engine/source';
import { parseJsonFile, parseYamlFile, yamlComments } from '../../server/src/kubernetes/parser';
import { podSpec, scalarString, get } from '../../server/src/kubernetes/model';

const yaml = (t: string) => parseYamlFile(new SourceFile('m.yaml', t, 'yaml'));

describe('YAML manifests', () => {
  it('finds comments where a "#" starts a line or follows a space or tab, to the end of the line', () => {
    const src = '# top\na: b # trailing # twice\nc: "x#y"\n\t# tab\r\nd: e#f\n  #indented\ng: h #';
    assert.deepEqual(
      yamlComments(src).map((c) => [c.text, src.slice(c.range.start, c.range.end)]),
      ['# top', '# trailing # twice', '# tab', '#indented', '#'].map((t) => [t, t]),
    );
    // The same as the pattern the YAML grammar gives, on texts made of its delimiters.
    const pieces = ['#', ' ', '\t', '\n', '\r', 'a', '"', '\u2028'];
    let seed = 7;
    for (let n = 0; n < 500; n++) {
      let text = '';
      for (let i = 0; i < 12; i++) {
        seed = (seed * 1103515245 + 12345) % 2147483648;
        text += pieces[seed % pieces.length];
      }
      const expected: [number, number][] = [];
      const re = /(^|[ \t])#[^\r\n]*/gm;
      for (let m = re.exec(text); m; m = re.exec(text)) expected.push([m.index + m[1]!.length, m.index + m[0].length]);
      assert.deepEqual(
        yamlComments(text).map((c) => [c.range.start, c.range.end]),
        expected,
        JSON.stringify(text),
      );
    }
  });

  it('finds Kubernetes objects in multi-document files and ignores other YAML', () => {
    const r = yaml(
      'apiVersion: v1\nkind: Pod\nmetadata:\n  name: a\nspec:\n  containers: []\n---\nfoo: bar\n---\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: d\n  namespace: web\nspec:\n  template:\n    spec:\n      nodeSelector: {a: b}\n',
    );
    assert.deepEqual(r.problems, []);
    assert.deepEqual(
      r.objects.map((o) => `${o.kind}/${o.name}`),
      ['Pod/a', 'Deployment/d'],
    );
    assert.equal(r.objects[1]!.namespace, 'web');
    assert.equal(scalarString(get(podSpec(r.objects[1]!), 'nodeSelector', 'a')), 'b');
  });

  it('gives CronJob pod specs two levels down and expands Lists', () => {
    const r = yaml(
      'apiVersion: v1\nkind: List\nitems:\n  - apiVersion: batch/v1\n    kind: CronJob\n    metadata: {name: c}\n    spec:\n      jobTemplate:\n        spec:\n          template:\n            spec:\n              hostNetwork: true\n',
    );
    assert.equal(r.objects.length, 1);
    assert.equal(get(podSpec(r.objects[0]!), 'hostNetwork')?.kind, 'scalar');
  });

  it('keeps other documents readable when one has an error', () => {
    const r = yaml(
      'apiVersion: v1\nkind: Pod\nmetadata: {name: ok}\n---\nkey: [unclosed\n---\napiVersion: v1\nkind: Service\nmetadata: {name: s}\n',
    );
    assert.ok(r.problems.length > 0);
    assert.deepEqual(
      r.objects.map((o) => o.kind),
      ['Pod', 'Service'],
    );
  });

  it('resolves anchors and aliases, and stops alias bombs', () => {
    const r = yaml('apiVersion: v1\nkind: ConfigMap\nmetadata: &m {name: x}\ndata:\n  copy: *m\n');
    assert.equal(scalarString(get(r.objects[0]!.root, 'data', 'copy', 'name')), 'x');
    const bomb = ['a: &a ["x","x","x","x","x","x","x","x","x"]'];
    for (let i = 0; i < 9; i++)
      bomb.push(
        `${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [${Array(9)
          .fill(`*${String.fromCharCode(97 + i)}`)
          .join(',')}]`,
      );
    const t0 = Date.now();
    const b = yaml(`${bomb.join('\n')}\n`);
    assert.ok(Date.now() - t0 < 5000);
    assert.ok(b.problems.some((p) => /aliases expand/.test(p.message)));
  });

  it('reads merge keys before explicit keys, a repeated key replacing the first in place', () => {
    const r = yaml('base: &b {x: 1, y: 2}\nother: &o {y: 3, z: 4}\nm:\n  a: 0\n  <<: [*b, *o]\n  x: 9\n  a: 5\n---\nn: {<<: *b}\n');
    assert.deepEqual(r.problems, []);
    const m = r.documents[0]!.kind === 'map' ? r.documents[0]!.entries.find((e) => e.key === 'm')!.value : undefined;
    assert.ok(m?.kind === 'map');
    assert.deepEqual(
      m.entries.map((e) => [e.key, e.value.kind === 'scalar' ? e.value.value : e.value.kind]),
      [
        ['a', 5],
        ['x', 9],
        ['y', 2],
        ['z', 4],
      ],
    );
    const n = r.documents[1]!.kind === 'map' ? r.documents[1]!.entries[0]!.value : undefined;
    assert.ok(n?.kind === 'map');
    assert.deepEqual(
      n.entries.map((e) => e.key),
      [],
      'an alias to an anchor of another document resolves to nothing',
    );
  });

  it('does not judge Helm templates as YAML', () => {
    const r = yaml('apiVersion: v1\nkind: Pod\nmetadata:\n  name: {{ .Values.name }}\n{{- if .Values.x }}\nspec: {}\n{{- end }}\n');
    assert.deepEqual(r.problems, []);
  });

  it('reads JSON manifests with ranges', () => {
    const src = '{"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "j"}}';
    const r = parseJsonFile(new SourceFile('p.json', src, 'json'));
    assert.equal(r.objects[0]!.name, 'j');
    assert.equal(src.slice(r.objects[0]!.headerRange.start, r.objects[0]!.headerRange.end), '"kind": "Pod"');
  });
});
