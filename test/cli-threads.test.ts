/** The CLI lints a large run's batches on worker threads too; the report must be the one of a single thread. */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { RULES } from '../rules';
import { lint } from '../server/src/lint/linter';
import type { SourceFile } from '../server/src/engine/source';
import type { LintResult } from '../server/src/engine/types';
import { DEFAULT_SETTINGS, type Settings } from '../server/src/config/settings';
import { lintInGroups } from '../server/src/lint/groups';
import { settle } from '../server/src/lint/across';
import { BatchThreads, fromWire, threadsFor, toWire } from '../server/src/cli/threads';
import { parseArgs, UsageError } from '../server/src/cli/args';
import { CLI, Temps, cli, ensureBuilt } from './harness/cli';
import { pod, shown, terraformFolders, tf, yaml } from './harness/fixtures';

const TODAY = '2026-01-01';

const FILES = [
  tf('app/main.tf', 'module "disk" {\n  source    = "../modules/disk"\n  encrypted = false\n}\n'),
  // The disk module it calls; independent folders, one with a suppression and one broken.
  ...terraformFolders(),
  // Cross-object rules settled across batches: three workloads of one namespace in three folders, a policy in another.
  yaml('c/pod.yaml', pod('c', 'shop')),
  yaml('b/pod.yaml', pod('b', 'shop')),
  yaml('e/pod.yaml', pod('e', 'bank')),
  yaml(
    'f/policy.yaml',
    'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: deny\n  namespace: bank\nspec:\n  podSelector: {}\n  policyTypes: [Ingress]\n',
  ),
  yaml('i/pod.yaml', pod('i', 'bank').replace('kind:', '# snclint:ignore missing-network-policy -- reviewed\nkind:')),
  yaml('a/pod.yaml', pod('a', 'lab').replace('kind:', '# snclint:ignore missing-network-policy -- reviewed\nkind:')),
];

/** Per-file settings that must reach the worker: one folder turns a rule off. */
const settingsFor = (f: SourceFile): Settings =>
  f.path.startsWith('other/') ? { ...DEFAULT_SETTINGS, rules: { 'non-eu-region': 'off' } } : DEFAULT_SETTINGS;

/** The run's lint of a batch, leaving cross-object rules to be settled. */
const lintBatch = (files: readonly SourceFile[]) => lint(files, { rules: RULES, settingsFor, today: TODAY, deferAcross: true });

function lintOnThreads(
  script: string,
  files: readonly SourceFile[],
  stallMs?: number,
): { result: LintResult; batches: number; linted: SourceFile[]; workerBatches: number } {
  let batches = 0;
  let workerBatches = 0;
  const linted: SourceFile[] = [];
  const result = lintInGroups(files, lintBatch, {
    batchChars: 0,
    settle: (r, d) => settle(r, d, RULES),
    afterBatch: (b) => {
      batches++;
      linted.push(...b);
    },
    runBatches: (bs, one, after) => {
      const pool = BatchThreads.start(script, 1, bs.length, TODAY, stallMs);
      assert.ok(pool);
      // This thread's first batch waits, so that a worker that can start has time to lint some.
      let first = true;
      const slowFirst = (b: readonly SourceFile[]) => {
        if (first) Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 1500);
        first = false;
        return one(b);
      };
      try {
        return pool.run(bs, slowFirst, settingsFor, after);
      } finally {
        workerBatches = pool.workerBatches;
        pool.close();
      }
    },
  });
  return { result, batches, linted, workerBatches };
}

describe('CLI threads', () => {
  before(ensureBuilt);

  it('carries a result across threads with each source file as its path, and back to the same file', () => {
    const a = tf('a.tf', 'x');
    const b = tf('b.tf', 'y');
    const value = { file: a, list: [{ file: b, n: 1 }], map: new Map([['k', new Set([a])]]), none: null, text: 'a.tf' };
    const wire = toWire(value);
    assert.ok(!JSON.stringify(wire, (_k, v) => (v instanceof Map || v instanceof Set ? [...v] : v)).includes('"x"'));
    const back = fromWire(structuredClone(wire), new Map([a, b].map((f) => [f.path, f]))) as typeof value;
    assert.equal(back.file, a);
    assert.equal(back.list[0]!.file, b);
    assert.equal([...back.map.get('k')!][0], a);
    assert.equal(back.none, null);
    assert.equal(back.text, 'a.tf');
    assert.throws(() => fromWire(wire, new Map()), /a\.tf/);
  });

  it('gives the result of a single thread, with settings per file, settled cross-object rules and suppressions', function () {
    this.timeout(60000);
    const single = lint(FILES, { rules: RULES, settingsFor, today: TODAY });
    const ids = single.findings.map((f) => `${f.file.path} ${f.ruleId}`);
    assert.ok(ids.includes('modules/disk/main.tf ebs-encryption') || ids.some((i) => i.startsWith('app/main.tf')), ids.join('\n'));
    assert.ok(!ids.some((i) => i.startsWith('other/')), 'the setting that turns the rule off applies');
    assert.ok(ids.includes('quiet/main.tf non-eu-region') === false && (single.suppressed ?? []).length >= 2);
    const { result, batches, linted, workerBatches } = lintOnThreads(CLI, FILES);
    assert.ok(batches >= 8);
    assert.ok(workerBatches >= 1, 'the worker linted batches');
    assert.deepEqual(new Set(linted), new Set(FILES), 'every file comes back as the run’s own source file');
    assert.deepEqual(shown(result), shown(single));
  });

  it('lints every batch on its own thread when the worker cannot start', function () {
    this.timeout(60000);
    const { result, workerBatches } = lintOnThreads(path.join(__dirname, 'no-such-worker.js'), FILES);
    assert.equal(workerBatches, 0);
    assert.deepEqual(shown(result), shown(lint(FILES, { rules: RULES, settingsFor, today: TODAY })));
  });

  it('lints the batches of a worker that claims them and never answers on its own thread, after a while', function () {
    this.timeout(60000);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'snclint-threads-'));
    try {
      const script = path.join(dir, 'silent-worker.js');
      fs.writeFileSync(
        script,
        "const { workerData, parentPort } = require('node:worker_threads');\n" +
          'const claims = new Int32Array(workerData.claims);\n' +
          "parentPort.on('message', (m) => { Atomics.compareExchange(claims, m.index, 0, 1); });\n",
      );
      const { result, workerBatches } = lintOnThreads(script, FILES, 300);
      assert.equal(workerBatches, 0);
      assert.deepEqual(shown(result), shown(lint(FILES, { rules: RULES, settingsFor, today: TODAY })));
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('uses one thread for a small run, and for a large one a thread per core but one, up to four, unless told', () => {
    assert.equal(threadsFor('auto', 1, 50_000_000, 8), 1);
    assert.equal(threadsFor('auto', 10, 1000, 8), 1);
    assert.equal(threadsFor('auto', 10, 50_000_000, 2), 1);
    assert.equal(threadsFor('auto', 10, 50_000_000, 3), 2);
    assert.equal(threadsFor('auto', 10, 50_000_000, 16), 4);
    assert.equal(threadsFor('auto', 3, 50_000_000, 16), 3);
    assert.equal(threadsFor(3, 10, 10), 3);
    assert.equal(threadsFor(8, 2, 10), 2);
  });

  it('reads --concurrency as a number, auto or off', () => {
    const of = (v: string) => {
      const c = parseArgs(['--concurrency', v, '.']);
      return c.kind === 'lint' ? c.concurrency : undefined;
    };
    assert.equal(of('2'), 2);
    assert.equal(of('auto'), 'auto');
    assert.equal(of('off'), 1);
    assert.throws(() => parseArgs(['--concurrency', '0']), UsageError);
    assert.throws(() => parseArgs(['--concurrency', 'many']), UsageError);
    assert.throws(() => parseArgs(['--concurrency']), UsageError);
  });

  describe('the command', () => {
    const temps = new Temps();
    after(() => temps.cleanup());

    it('writes the same reports on two threads as on one, over a run of many batches', function () {
      this.timeout(120000);
      // Forty folders of about 100 KB each: several batches, findings in every one.
      const files: Record<string, string> = {};
      for (let d = 0; d < 40; d++) {
        let text = `provider "aws" {\n  region = "${d % 2 ? 'us-east-1' : 'eu-west-3'}"\n}\n`;
        for (let i = 0; text.length < 100_000; i++)
          text += `\nresource "aws_ebs_volume" "v${i}" {\n  availability_zone = "eu-west-3a"\n  size              = ${i + 1}\n  encrypted         = ${i % 3 ? 'true' : 'false'}\n}\n`;
        files[`src/f${d}/main.tf`] = text;
        files[`src/k${d}/pod.yaml`] = pod(`p${d}`, `ns${d % 3}`);
      }
      const dir = temps.make(files);
      const run = (threads: string, name: string) => {
        const r = cli(
          ['--concurrency', threads, '--format', `json=${name}.json`, '--format', `sarif=${name}.sarif`, '--fail-on', 'none', 'src'],
          dir,
        );
        assert.equal(r.status, 0, r.stderr);
        return ['json', 'sarif'].map((ext) => fs.readFileSync(path.join(dir, `${name}.${ext}`), 'utf8'));
      };
      const [oneJson, oneSarif] = run('off', 'one');
      const [twoJson, twoSarif] = run('2', 'two');
      assert.ok(JSON.parse(oneJson!).findings.length > 1000);
      assert.equal(twoJson, oneJson);
      assert.equal(twoSarif, oneSarif);
    });
  });
});
