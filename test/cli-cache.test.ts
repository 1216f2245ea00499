/** `--cache`: results kept per group of files, reused only while everything the group reads is unchanged. */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { RULES } from '../rules';
import { lint } from '../server/src/lint/linter';
import { SourceFile } from '../server/src/engine/source';
import type { LintResult } from '../server/src/engine/types';
import { DEFAULT_SETTINGS, type Settings } from '../server/src/config/settings';
import { lintInGroups } from '../server/src/lint/groups';
import { settle } from '../server/src/lint/across';
import { ResultCache, type CacheScope } from '../server/src/cli/cache';
import { Project } from '../server/src/workspace/confine';
import { Temps, cli, ensureBuilt } from './harness/cli';

const TODAY = '2026-01-01';

const TREE: Record<string, string> = {
  'app/main.tf':
    'provider "aws" {\n  region = "eu-west-3"\n}\n\nmodule "disk" {\n  source    = "../modules/disk"\n  encrypted = false\n}\n',
  'modules/disk/main.tf':
    'variable "encrypted" {\n  default = true\n}\n\nresource "aws_ebs_volume" "v" {\n  availability_zone = "eu-west-3a"\n  size              = 10\n  encrypted         = var.encrypted\n}\n',
  'live/main.tf': 'variable "region" {}\n\nprovider "aws" {\n  region = var.region\n}\n',
  'live/prod.auto.tfvars': 'region = "us-east-1"\n',
  'quiet/main.tf': '# snclint:ignore non-eu-region -- test account\nprovider "aws" {\n  region = "us-east-1"\n}\n',
  'broken/main.tf': 'resource "aws_s3_bucket" "b" {\n  bucket = \n',
  'kube/pod.yaml':
    'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: web\n      image: nginx\n      securityContext:\n        privileged: true\n',
};

function filesOf(tree: Record<string, string>): SourceFile[] {
  return Object.entries(tree).map(([p, text]) =>
    p.endsWith('.yaml') ? new SourceFile(p, text, 'yaml') : new SourceFile(p, text, p.endsWith('.tfvars') ? 'terraform-vars' : 'terraform'),
  );
}

/** Everything a report shows of a result, in order. */
function shown(r: LintResult): unknown {
  return {
    findings: r.findings.map((f) => [
      f.file.path,
      f.range,
      f.ruleId,
      f.severity,
      f.message,
      f.messageKey,
      f.requirements,
      f.fixes,
      f.related.map((x) => [x.file.path, x.range, x.message]),
    ]),
    errors: r.errors.map((e) => [e.file, e.kind, e.message, e.range, e.source?.path]),
    suppressed: (r.suppressed ?? []).map((s) => [
      s.finding.file.path,
      s.finding.range,
      s.finding.ruleId,
      s.reason,
      s.until,
      s.kind,
      s.file.path,
      s.range,
    ]),
    files: r.files,
  };
}

describe('CLI results cache', () => {
  let dir: string;
  let cacheFile: string;
  beforeEach(() => {
    dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'snclint-cache-')));
    cacheFile = path.join(dir, '.snclint-cache');
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  /** Lints through a cache file and says which folders were linted (not answered from the cache). */
  function pass(
    files: readonly SourceFile[],
    settingsFor: (f: SourceFile) => Settings = () => DEFAULT_SETTINGS,
    today = TODAY,
  ): { result: LintResult; linted: string[]; calls: number } {
    const scope: CacheScope = { version: '0.0.0', ruleIds: RULES.map((r) => r.meta.id), today, cwd: dir, settingsFor };
    const cache = ResultCache.open(cacheFile, scope);
    const linted: string[] = [];
    let calls = 0;
    const result = lintInGroups(
      files,
      (group) => {
        calls++;
        linted.push(...group.map((f) => path.dirname(f.path)));
        return lint(group, { rules: RULES, today, settingsFor });
      },
      { batchChars: 0, cache },
    );
    cache.write(cacheFile, Project.fromRoots([dir]), (m) => assert.fail(m));
    return { result, linted: [...new Set(linted)].sort(), calls };
  }

  /** Lints through a cache file as the command does: manifests split by folder, cross-object rules settled. */
  function passSettled(files: readonly SourceFile[]): { result: LintResult; linted: string[] } {
    const scope: CacheScope = {
      version: '0.0.0',
      ruleIds: RULES.map((r) => r.meta.id),
      today: TODAY,
      cwd: dir,
      settingsFor: () => DEFAULT_SETTINGS,
      readSummary: (id, data) => RULES.find((r) => r.meta.id === id)?.across?.read(data),
    };
    const cache = ResultCache.open(cacheFile, scope);
    const linted: string[] = [];
    const result = lintInGroups(
      files,
      (group) => {
        linted.push(...group.map((f) => path.dirname(f.path)));
        return lint(group, { rules: RULES, today: TODAY, deferAcross: true });
      },
      { cache, settle: (r, d) => settle(r, d, RULES) },
    );
    cache.write(cacheFile, Project.fromRoots([dir]), (m) => assert.fail(m));
    return { result, linted: [...new Set(linted)].sort() };
  }

  const pod = (name: string, ns: string) =>
    `apiVersion: v1\nkind: Pod\nmetadata:\n  name: ${name}\n  namespace: ${ns}\nspec:\n  containers:\n    - name: c\n      image: nginx\n`;
  const POLICY =
    'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: deny\n  namespace: bank\nspec:\n  podSelector: {}\n  policyTypes: [Ingress]\n';
  const KUBE: Record<string, string> = {
    'shop-a/pod.yaml': pod('a', 'shop'),
    'shop-b/pod.yaml': pod('b', 'shop'),
    'bank/pod.yaml': pod('e', 'bank'),
    'policies/deny.yaml': POLICY,
    'accounts/sa.yaml': 'apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: loud\n  namespace: bank\n',
    'quiet/pod.yaml': pod('q', 'lab').replace('kind:', '# snclint:ignore missing-network-policy -- reviewed\nkind:'),
  };
  const ids = (r: LintResult) => r.findings.map((f) => `${f.file.path} ${f.ruleId} ${f.message}`);

  it('keeps the manifests of each folder apart, with what cross-object rules need of them, and settles them as a run without it', () => {
    const plain = lint(filesOf(KUBE), { rules: RULES, today: TODAY });
    assert.ok(
      ids(plain).some((m) => m.startsWith('shop-a/pod.yaml missing-network-policy') && m.includes('1 other')),
      ids(plain).join('\n'),
    );
    assert.ok(!ids(plain).some((m) => m.startsWith('bank/pod.yaml missing-network-policy')));
    const first = passSettled(filesOf(KUBE));
    assert.deepEqual(first.linted, ['accounts', 'bank', 'policies', 'quiet', 'shop-a', 'shop-b']);
    assert.deepEqual(shown(first.result), shown(plain));
    const again = passSettled(filesOf(KUBE));
    assert.deepEqual(again.linted, []);
    assert.deepEqual(shown(again.result), shown(plain));
    // The policy goes: only its folder is linted again, and the bank workload's finding comes back from its cached group.
    const { 'policies/deny.yaml': _, ...noPolicy } = KUBE;
    const changed = passSettled(filesOf({ ...noPolicy, 'policies/other.yaml': POLICY.replace('bank', 'other') }));
    assert.deepEqual(changed.linted, ['policies']);
    assert.ok(ids(changed.result).some((m) => m.startsWith('bank/pod.yaml missing-network-policy')));
    assert.deepEqual(
      shown(changed.result),
      shown(lint(filesOf({ ...noPolicy, 'policies/other.yaml': POLICY.replace('bank', 'other') }), { rules: RULES, today: TODAY })),
    );
  });

  it('each cross-object rule reads back its own summaries and nothing else', () => {
    const across = RULES.filter((r) => r.across);
    assert.ok(across.length >= 2);
    passSettled(filesOf(KUBE));
    const stored = JSON.parse(fs.readFileSync(cacheFile, 'utf8')) as {
      entries: Record<string, { result: { deferred?: { s: [string, unknown][] } } }>;
    };
    const summaries = Object.values(stored.entries).flatMap((e) => e.result.deferred?.s ?? []);
    for (const rule of across) {
      const mine = summaries.filter(([id]) => id === rule.meta.id);
      assert.ok(mine.length, rule.meta.id);
      for (const [, s] of mine) assert.deepEqual(rule.across!.read(s), s, rule.meta.id);
      for (const bad of [undefined, null, 42, 'x', [[1, 2]], { blocked: true, covered: [1], workloads: [] }, [['k', 'loud']]])
        assert.equal(rule.across!.read(bad), undefined, `${rule.meta.id} ${JSON.stringify(bad)}`);
    }
  });

  it('drops a stored group whose summaries, pending findings or held suppressions are not of their exact shape', () => {
    const files = filesOf(KUBE);
    const plain = lint(files, { rules: RULES, today: TODAY });
    passSettled(files);
    type Stored = { result: { deferred?: { s: [string, unknown][]; p: { k: unknown }[]; d: { o: unknown }[] } } };
    const data = JSON.parse(fs.readFileSync(cacheFile, 'utf8')) as { entries: Record<string, Stored> };
    const withSummary = Object.values(data.entries).filter((e) => e.result.deferred?.s.length);
    assert.ok(withSummary.length >= 3);
    withSummary[0]!.result.deferred!.s[0]![1] = { blocked: 'yes' };
    withSummary[1]!.result.deferred!.s[0]![0] = 'no-such-rule';
    const pending = Object.values(data.entries).find((e) => e.result.deferred?.p.length)!;
    pending.result.deferred!.p[0]!.k = 7;
    const held = Object.values(data.entries).find((e) => e.result.deferred?.d.length)!;
    held.result.deferred!.d[0]!.o = [0, 1e9];
    fs.writeFileSync(cacheFile, JSON.stringify(data));
    const r = passSettled(files);
    assert.ok(r.linted.length >= 3 && r.linted.length < 6, r.linted.join());
    assert.deepEqual(shown(r.result), shown(plain));
  });

  it('gives the result of a run without it, and reuses every group on an unchanged tree', () => {
    const files = filesOf(TREE);
    const plain = lint(files, { rules: RULES, today: TODAY });
    const first = pass(files);
    assert.deepEqual(first.linted, ['app', 'broken', 'kube', 'live', 'modules/disk', 'quiet']);
    assert.deepEqual(shown(first.result), shown(plain));
    assert.ok(plain.findings.length >= 3 && (plain.suppressed ?? []).length === 1 && plain.errors.length >= 1);
    const second = pass(filesOf(TREE));
    assert.deepEqual(second.linted, []);
    assert.deepEqual(shown(second.result), shown(plain));
  });

  it('lints again exactly the groups that read a changed file, var file or called module', () => {
    pass(filesOf(TREE));
    const module = pass(
      filesOf({
        ...TREE,
        'modules/disk/main.tf': TREE['modules/disk/main.tf']!.replace('size              = 10', 'size              = 20'),
      }),
    );
    assert.deepEqual(module.linted, ['app', 'modules/disk']);
    const vars = pass(
      filesOf({
        ...TREE,
        'modules/disk/main.tf': TREE['modules/disk/main.tf']!.replace('size              = 10', 'size              = 20'),
        'live/prod.auto.tfvars': 'region = "eu-west-3"\n',
      }),
    );
    assert.deepEqual(vars.linted, ['live']);
    assert.equal(vars.result.findings.filter((f) => f.file.path.startsWith('live/')).length, 0);
    const manifest = pass(
      filesOf({
        ...TREE,
        'modules/disk/main.tf': TREE['modules/disk/main.tf']!.replace('size              = 10', 'size              = 20'),
        'live/prod.auto.tfvars': 'region = "eu-west-3"\n',
        'kube/pod.yaml': TREE['kube/pod.yaml']!.replace('true', 'false'),
      }),
    );
    assert.deepEqual(manifest.linted, ['kube']);
  });

  it('lints again the groups whose settings changed, and everything on another day', () => {
    pass(filesOf(TREE));
    const off: Settings = { ...DEFAULT_SETTINGS, rules: { 'non-eu-region': 'off' } };
    const changed = pass(filesOf(TREE), (f) => (f.path.startsWith('quiet/') ? off : DEFAULT_SETTINGS));
    assert.deepEqual(changed.linted, ['quiet']);
    assert.deepEqual(pass(filesOf(TREE), (f) => (f.path.startsWith('quiet/') ? off : DEFAULT_SETTINGS), '2026-01-02').linted.length, 6);
  });

  it('ignores a corrupt, foreign or tampered cache file', () => {
    const files = filesOf(TREE);
    const plain = lint(files, { rules: RULES, today: TODAY });
    for (const text of ['', 'not json', '[]', '{"format":"snclint-cache/1","tool":"x","entries":{}}', '\u0000\u0001']) {
      fs.writeFileSync(cacheFile, text);
      const r = pass(files);
      assert.equal(r.linted.length, 6, JSON.stringify(text));
      assert.deepEqual(shown(r.result), shown(plain));
    }
    // An entry whose ranges leave its file, or whose fields have the wrong type, is dropped.
    const data = JSON.parse(fs.readFileSync(cacheFile, 'utf8')) as {
      entries: Record<string, { result: { findings: { a: number[]; r: unknown }[] } }>;
    };
    const entries = Object.values(data.entries).filter((e) => e.result.findings.length);
    entries[0]!.result.findings[0]!.a = [0, 1e9];
    entries[1]!.result.findings[0]!.r = 42;
    fs.writeFileSync(cacheFile, JSON.stringify(data));
    const r = pass(files);
    assert.equal(r.calls, 2);
    assert.deepEqual(shown(r.result), shown(plain));
  });
});

describe('CLI --cache', () => {
  const temps = new Temps();
  before(ensureBuilt);
  after(() => temps.cleanup());

  it('prints the same report from the cache, and follows a change to a file or to the configuration', () => {
    const dir = temps.make({
      'infra/main.tf': 'provider "aws" {\n  region = "us-east-1"\n}\n',
      'other/main.tf': 'provider "aws" {\n  region = "eu-west-3"\n}\n',
    });
    const first = cli(['--format', 'json', '--cache', '.'], dir);
    assert.ok(fs.statSync(path.join(dir, '.snclint-cache')).isFile());
    const second = cli(['--format', 'json', '--cache', '.'], dir);
    assert.equal(first.status, 1);
    assert.deepEqual([second.status, second.stdout, second.stderr], [first.status, first.stdout, first.stderr]);
    fs.writeFileSync(path.join(dir, '.snclint.yml'), 'rules:\n  non-eu-region: off\n');
    const configured = cli(['--format', 'json', '--cache', '.'], dir);
    assert.equal(configured.status, 0, configured.stderr);
    fs.rmSync(path.join(dir, '.snclint.yml'));
    fs.writeFileSync(path.join(dir, 'infra/main.tf'), 'provider "aws" {\n  region = "eu-west-3"\n}\n');
    const fixed = cli(['--format', 'json', '--cache', '.'], dir);
    assert.equal(fixed.status, 0, fixed.stdout);
  });

  it('prints the same French report from the cache: messages and fix titles keep their keys', () => {
    const dir = temps.make({
      'infra/main.tf':
        'provider "aws" {\n  region = "us-east-1"\n}\n\nresource "aws_ebs_volume" "data" {\n  availability_zone = "eu-west-3a"\n  size              = 10\n}\n',
    });
    const fr = { env: { LANG: 'fr_FR.UTF-8' } };
    const first = cli(['--format', 'json', '--cache', '.'], dir, fr);
    const second = cli(['--format', 'json', '--cache', '.'], dir, fr);
    assert.deepEqual([second.status, second.stdout, second.stderr], [first.status, first.stdout, first.stderr]);
    const report = JSON.parse(second.stdout) as { findings: { ruleId: string; message: string; fixes: { title: string }[] }[] };
    const volume = report.findings.find((f) => f.ruleId === 'unencrypted-volume');
    assert.match(volume?.message ?? '', /n'est pas chiffré/);
    assert.equal(volume?.fixes[0]?.title, 'Définir encrypted = true');
  });

  it('in a repository, keeps its cache inside .git, where no clone or pull request can plant one', () => {
    const dir = temps.make({ '.git/HEAD': 'ref: refs/heads/main\n', 'main.tf': 'provider "aws" {\n  region = "us-east-1"\n}\n' });
    // A cache committed to the repository, in the place a cache outside .git would be read from.
    fs.writeFileSync(path.join(dir, '.snclint-cache'), '{"planted":true}\n');
    const r = cli(['--format', 'json', '--cache', '.'], dir);
    assert.equal(r.status, 1, r.stderr);
    assert.ok(fs.statSync(path.join(dir, '.git', 'snclint-cache')).isFile());
    assert.equal(
      fs.readFileSync(path.join(dir, '.snclint-cache'), 'utf8'),
      '{"planted":true}\n',
      'the planted file is neither read nor written',
    );
  });

  it('writes its cache where --cache-location says, never through a symbolic link', () => {
    const dir = temps.make({ 'main.tf': 'provider "aws" {\n  region = "us-east-1"\n}\n' });
    const outside = temps.make({ 'victim.txt': 'keep\n' });
    fs.symlinkSync(path.join(outside, 'victim.txt'), path.join(dir, 'link-cache'));
    const r = cli(['--format', 'json', '--cache', '--cache-location', 'link-cache', '.'], dir);
    assert.equal(r.status, 1);
    assert.match(r.stderr, /symbolic link/);
    assert.equal(fs.readFileSync(path.join(outside, 'victim.txt'), 'utf8'), 'keep\n');
    const named = cli(['--format', 'json', '--cache', '--cache-location', 'state/lint-cache', '.'], dir);
    assert.equal(named.status, 1);
    assert.ok(fs.statSync(path.join(dir, 'state/lint-cache')).isFile());
  });

  it('refuses --cache-location without --cache, and --cache with standard input', () => {
    const dir = temps.make({ 'main.tf': '\n' });
    assert.match(cli(['--cache-location', 'x', '.'], dir).stderr, /--cache-location only goes with --cache/);
    assert.match(
      cli(['--cache', '--stdin', '--stdin-filename', 'main.tf'], dir, { input: '\n' }).stderr,
      /--cache does not apply to standard input/,
    );
  });
});
