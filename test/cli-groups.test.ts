/** The CLI lints large runs in groups of files; the result must be the one of a single run. */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as v8 from 'node:v8';
import { RULES } from '../rules';
import { pod, shown as shownResult, terraformFolders, tf, yaml } from './harness/fixtures';
import { lint } from '../server/src/lint/linter';
import { SourceFile } from '../server/src/engine/source';
import type { LintResult } from '../server/src/engine/types';
import { collectFiles } from '../server/src/workspace/walk';
import { groupFiles, lintInGroups, lintInOrder } from '../server/src/lint/groups';
import { settle } from '../server/src/lint/across';
import { EVICT_CHARS, evictWaiting, garbageCollector, releaseUnquoted, withUnreadable } from '../server/src/cli/memory';
import * as os from 'node:os';
import { execFileSync } from 'node:child_process';

const TODAY = '2026-01-01';
const lintOne = (files: readonly SourceFile[]): LintResult => lint(files, { rules: RULES, today: TODAY });
/** A group's lint that leaves cross-object rules to `settle`, and the options that settle them. */
const lintDeferred = (files: readonly SourceFile[]) => lint(files, { rules: RULES, today: TODAY, deferAcross: true });
const settled = { settle: (r: LintResult, d: Parameters<typeof settle>[1]) => settle(r, d, RULES) };

/** Everything a report shows of a result; groups linted apart may report file errors in another order. */
const shown = (r: LintResult): unknown => shownResult(r, { errorsInAnyOrder: true });

const FILES = [
  // A root module calling a local module with inputs: findings at the call site.
  tf(
    'app/main.tf',
    'provider "aws" {\n  region = "eu-west-3"\n}\n\nmodule "disk" {\n  source    = "../modules/disk"\n  encrypted = false\n}\n',
  ),
  // The disk module it calls; independent folders, one with a suppression and one broken.
  ...terraformFolders(),
  // Terraform Kubernetes objects next to manifests, and a Kustomize overlay over a base.
  tf('k8s-tf/main.tf', 'resource "kubernetes_namespace" "apps" {\n  metadata {\n    name = "apps"\n  }\n}\n'),
  yaml(
    'kube/base/deployment.yaml',
    'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n  namespace: apps\nspec:\n  template:\n    spec:\n      containers:\n        - name: web\n          image: nginx\n',
  ),
  yaml('kube/base/kustomization.yaml', 'resources:\n  - deployment.yaml\n'),
  yaml(
    'kube/overlay/kustomization.yaml',
    'resources:\n  - ../base\npatches:\n  - patch: |-\n      apiVersion: apps/v1\n      kind: Deployment\n      metadata:\n        name: web\n      spec:\n        template:\n          spec:\n            containers:\n              - name: web\n                securityContext:\n                  privileged: true\n',
  ),
];

describe('CLI groups', () => {
  it('keeps a module with the modules it calls, and manifests with Terraform Kubernetes objects; the rest apart', () => {
    const groups = groupFiles(FILES, 0).map((g) => g.map((f) => f.path).sort());
    const find = (p: string) => groups.find((g) => g.includes(p))!;
    assert.deepEqual(find('app/main.tf'), ['app/main.tf', 'modules/disk/main.tf']);
    assert.deepEqual(find('kube/overlay/kustomization.yaml'), [
      'k8s-tf/main.tf',
      'kube/base/deployment.yaml',
      'kube/base/kustomization.yaml',
      'kube/overlay/kustomization.yaml',
    ]);
    assert.deepEqual(find('other/main.tf'), ['other/main.tf']);
    assert.equal(groups.length, 5);
    // With room for everything, one batch.
    assert.equal(groupFiles(FILES).length, 1);
  });

  it('keeps a module with the var files its configuration names, wherever they are', () => {
    const files = [
      tf('live/main.tf', 'variable "r" {}\n'),
      new SourceFile('env/prod.tfvars', 'r = "us-east-1"\n', 'terraform-vars'),
      tf('other/main.tf', '\n'),
    ];
    const related = (f: SourceFile) => (f.path === 'live/main.tf' ? [path.resolve('env/prod.tfvars')] : []);
    const groups = groupFiles(files, 0, related).map((g) => g.map((f) => f.path).sort());
    assert.deepEqual(
      groups.find((g) => g.includes('live/main.tf')),
      ['env/prod.tfvars', 'live/main.tf'],
    );
  });

  it('gives the result of a single run, every group in its own batch', () => {
    const single = lintOne(FILES);
    assert.ok(
      single.findings.length >= 4 && single.errors.length >= 1 && (single.suppressed ?? []).length === 1,
      JSON.stringify(shown(single)),
    );
    let batches = 0;
    const grouped = lintInGroups(FILES, lintOne, { batchChars: 0, afterBatch: () => batches++ });
    assert.equal(batches, 5);
    assert.deepEqual(shown(grouped), shown(single));
  });

  it('gives the result of a single run on real projects of the corpus', function () {
    const corpus = path.resolve(__dirname, '..', '..', 'shared', 'corpus');
    const dirs = ['terragoat', 'kubernetes-goat', 'real/terraform-aws-rds', 'real/terraform-aws-eks', 'real/microservices-demo']
      .map((d) => path.join(corpus, d))
      .filter((d) => fs.existsSync(d));
    if (!dirs.length) this.skip();
    this.timeout(120000);
    const files = collectFiles(dirs).files;
    assert.ok(groupFiles(files, 0).length >= 5);
    const single = shown(lintOne(files));
    assert.deepEqual(shown(lintInGroups(files, lintOne, { batchChars: 0 })), single);
    assert.ok(groupFiles(files, 0, () => [], true).length > groupFiles(files, 0).length);
    assert.deepEqual(shown(lintInGroups(files, lintDeferred, { batchChars: 0, ...settled })), single);
  });

  it('with cross-object rules settled, splits manifests by folder, kustomization reach and chart', () => {
    const files = [
      ...FILES,
      yaml('chart/Chart.yaml', 'apiVersion: v2\nname: c\nversion: 1.0.0\n'),
      yaml(
        'chart/templates/deploy.yaml',
        'apiVersion: v1\nkind: Pod\nmetadata:\n  name: t\nspec:\n  containers:\n    - name: t\n      image: nginx\n',
      ),
      yaml('loose/pod.yaml', 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n    - name: p\n      image: nginx\n'),
    ];
    const groups = groupFiles(files, 0, () => [], true).map((g) => g.map((f) => f.path).sort());
    const find = (p: string) => groups.find((g) => g.includes(p))!;
    assert.deepEqual(find('kube/overlay/kustomization.yaml'), [
      'kube/base/deployment.yaml',
      'kube/base/kustomization.yaml',
      'kube/overlay/kustomization.yaml',
    ]);
    assert.deepEqual(find('k8s-tf/main.tf'), ['k8s-tf/main.tf']);
    assert.deepEqual(find('chart/Chart.yaml'), ['chart/Chart.yaml', 'chart/templates/deploy.yaml']);
    assert.deepEqual(find('loose/pod.yaml'), ['loose/pod.yaml']);
    assert.deepEqual(shown(lintInGroups(files, lintDeferred, { batchChars: 0, ...settled })), shown(lintOne(files)));
  });

  it('settles cross-object rules across groups as a single run judges them: policies, first workloads and counts, service accounts, suppressions', () => {
    const files = [
      // shop: three workloads in three folders, the first of them in b/; no policy.
      yaml('c/pod.yaml', pod('c', 'shop')),
      yaml('b/pod.yaml', pod('b', 'shop')),
      yaml('d/pod.yaml', pod('d', 'shop')),
      // bank: a workload here, its policy in another folder.
      yaml('e/pod.yaml', pod('e', 'bank')),
      yaml(
        'f/policy.yaml',
        'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: deny\n  namespace: bank\nspec:\n  podSelector: {}\n  policyTypes: [Ingress]\n',
      ),
      // Service accounts in other folders: one turns the token off, one leaves it on.
      yaml(
        'g/sa.yaml',
        'apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: quiet\n  namespace: bank\nautomountServiceAccountToken: false\n---\napiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: loud\n  namespace: bank\n',
      ),
      yaml(
        'h/pods.yaml',
        `${pod('q', 'bank').replace('spec:\n', 'spec:\n  serviceAccountName: quiet\n')}---\n${pod('l', 'bank').replace('spec:\n', 'spec:\n  serviceAccountName: loud\n')}`,
      ),
      // A suppression of a finding another group withdraws suppresses nothing; one whose finding stays is used.
      yaml('i/pod.yaml', pod('i', 'bank').replace('kind:', '# snclint:ignore missing-network-policy -- reviewed\nkind:')),
      yaml('a/pod.yaml', pod('a', 'lab').replace('kind:', '# snclint:ignore missing-network-policy -- reviewed\nkind:')),
    ];
    const single = lintOne(files);
    const ids = (r: LintResult) => r.findings.map((f) => `${f.file.path} ${f.ruleId} ${f.message}`);
    assert.ok(
      ids(single).some((m) => m.startsWith('b/pod.yaml missing-network-policy') && m.includes('and 2 other workloads')),
      ids(single).join('\n'),
    );
    assert.ok(
      !ids(single).some((m) => m.startsWith('c/pod.yaml missing-network-policy') || m.startsWith('e/pod.yaml missing-network-policy')),
    );
    assert.ok(ids(single).some((m) => m.startsWith('h/pods.yaml service-account-token-automount') && m.includes('service account loud')));
    assert.ok(!ids(single).some((m) => m.includes('service account quiet')));
    assert.ok(ids(single).some((m) => m.startsWith('i/pod.yaml invalid-suppression') && m.includes('suppresses nothing')));
    assert.deepEqual(
      (single.suppressed ?? []).map((s) => `${s.finding.file.path} ${s.finding.ruleId}`),
      ['a/pod.yaml missing-network-policy'],
    );
    const grouped = lintInGroups(files, lintDeferred, { batchChars: 0, ...settled });
    assert.equal(groupFiles(files, 0, () => [], true).length, files.length);
    assert.deepEqual(shown(grouped), shown(single));
  });

  it("releases the text of a batch's files that no report reads, and keeps the others", () => {
    const files = [
      tf('r/main.tf', 'provider "aws" {\n  region = "us-east-1"\n}\n'),
      tf('s/main.tf', 'locals {\n  a = 1\n}\n'),
      tf('t/main.tf', 'resource "aws_s3_bucket" "b" {\n  bucket = \n'),
    ];
    const result = lint(files, { rules: RULES, today: TODAY });
    releaseUnquoted(files, result);
    assert.ok(files[0]!.text.includes('us-east-1') && files[2]!.text.includes('bucket'));
    assert.throws(() => files[1]!.text, /released/);
  });

  it('in a large run, leaves the files of later batches on disk until their batch reads them again, through no link', () => {
    const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'snclint-evict-')));
    try {
      for (const d of ['a', 'b', 'c']) {
        fs.mkdirSync(path.join(dir, d));
        fs.writeFileSync(path.join(dir, d, 'main.tf'), `# ${d}\nprovider "aws" {\n  region = "us-east-1"\n}\n`);
      }
      fs.symlinkSync(path.join(dir, 'c', 'main.tf'), path.join(dir, 'b', 'link.tf'));
      const files = collectFiles([dir]).files;
      const byName = (p: string) => files.find((f) => f.path.endsWith(p))!;
      const batches = groupFiles(files, 0);
      assert.equal(batches.length, 3);
      const first = batches[0]!;
      // A small run keeps every text.
      assert.equal(evictWaiting(batches, 1000), 0);
      // A large one evicts what waits, except files met through a link, which are never read twice.
      const evicted = evictWaiting(batches, EVICT_CHARS + 1);
      assert.equal(evicted, files.length - first.length - 1);
      const before = lintOne(files);
      fs.writeFileSync(path.join(dir, 'c', 'main.tf'), '# c\nprovider "aws" {\n  region = "eu-west-3"\n}\n');
      assert.equal(byName('b/link.tf').text.includes('us-east-1'), true, 'the linked file kept its text');
      assert.deepEqual(shown(lintOne(files)), shown(before), 'already read again by the first lint');
      evictWaiting(batches, EVICT_CHARS + 1);
      assert.ok(byName('c/main.tf').text.includes('eu-west-3'), 'read again from disk');
      byName('c/main.tf').release();
      assert.throws(() => byName('c/main.tf').text, /released/);
      assert.equal(byName('c/main.tf').evict(), false);
      // Deleted meanwhile: read as empty, and the file says why.
      fs.rmSync(path.join(dir, 'a', 'main.tf'));
      byName('a/main.tf').evict();
      assert.equal(byName('a/main.tf').text, '');
      assert.match(byName('a/main.tf').unreadable ?? '', /^Deleted during the run: it was not linted$/);
      // Swapped meanwhile for a link out of the project, a FIFO or a device: refused, never read through.
      const outside = fs.mkdtempSync(path.join(os.tmpdir(), 'snclint-outside-'));
      const swapped = (make: (p: string) => void, why: RegExp): void => {
        const p = path.join(dir, 'b', 'main.tf');
        fs.rmSync(p, { force: true });
        fs.writeFileSync(p, 'provider "aws" {}\n');
        const f = collectFiles([path.join(dir, 'b')]).files.find((x) => x.path.endsWith('main.tf'))!;
        assert.equal(f.evict(), true);
        fs.rmSync(p);
        make(p);
        assert.equal(f.text, '', 'nothing was read through it');
        assert.match(f.unreadable ?? '', why);
        assert.equal(f.evict(), false, 'not tried again');
      };
      try {
        fs.writeFileSync(path.join(outside, 'secret.tf'), 'secret = "outside"\n');
        swapped((p) => fs.symlinkSync(path.join(outside, 'secret.tf'), p), /^Changed during the run into a symbolic link/);
        swapped((p) => execFileSync('mkfifo', [p]), /^Changed during the run: it is a named pipe \(FIFO\), not a regular file/);
        swapped((p) => fs.symlinkSync('/dev/zero', p), /^Changed during the run into a symbolic link/);
      } finally {
        fs.rmSync(outside, { recursive: true, force: true });
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('reports a file that could not be read again for its batch as an error of that file, and lints the rest', () => {
    const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'snclint-evict-')));
    try {
      for (const d of ['a', 'b', 'c']) {
        fs.mkdirSync(path.join(dir, d));
        fs.writeFileSync(path.join(dir, d, 'main.tf'), `provider "aws" {\n  region = "us-east-1"\n}\n`);
      }
      const files = collectFiles([dir]).files;
      const batches = groupFiles(files, 0);
      evictWaiting(batches, EVICT_CHARS + 1);
      fs.rmSync(path.join(dir, 'b', 'main.tf'));
      const results = withUnreadable(
        batches,
        lintInOrder(batches, lintOne, () => {}),
      );
      const where = (r: LintResult) => [...new Set(r.findings.map((f) => path.relative(dir, f.file.path)))];
      assert.deepEqual(results.map(where), [['a/main.tf'], [], ['c/main.tf']]);
      assert.deepEqual(
        results.map((r) => r.errors.map((e) => [path.relative(dir, e.file), e.kind])),
        [[], [['b/main.tf', 'io']], []],
      );
      assert.match(results[1]!.errors[0]!.message, /^Deleted during the run: it was not linted$/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('collects garbage between batches once the heap has grown by the slack, where the runtime allows it', () => {
    const gc = garbageCollector(8 * 1024 * 1024, 0);
    // Measured from a collection: earlier tests' garbage, collected during the growth below, would hide it.
    assert.equal(gc(true), true, 'at once when forced');
    assert.equal(gc(), false, 'nothing grew');
    const kept = Array.from({ length: 400_000 }, (_, i) => ({ i, s: `item ${i}` }));
    assert.equal(gc(), true, 'the heap grew by more than the slack');
    assert.equal(gc(), false, 'measured again from the collection');
    assert.equal(gc(true), true, 'at once when forced');
    assert.ok(kept.length);
    assert.doesNotThrow(() => garbageCollector()());
  });

  it('forces no collection while the heap is below the floor, however much it grew', () => {
    const used = () => v8.getHeapStatistics().used_heap_size;
    const floor = used() + 512 * 1024 * 1024;
    const gc = garbageCollector(8 * 1024 * 1024, floor);
    assert.equal(gc(true), true, 'at once when forced');
    const kept = Array.from({ length: 400_000 }, (_, i) => ({ i, s: `item ${i}` }));
    assert.ok(used() < floor);
    assert.equal(gc(), false, 'grown by more than the slack, but under the floor');
    assert.ok(kept.length);
  });
});
