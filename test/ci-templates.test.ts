/** The GitHub Action and the GitLab CI template: their inputs, and their lint scripts run as CI runs them. */
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse } from 'yaml';
import { CLI, ROOT, Temps, childEnv, ensureBuilt } from './harness/cli';

interface ActionStep {
  readonly id?: string;
  readonly name?: string;
  readonly uses?: string;
  readonly run?: string;
  readonly if?: string;
  readonly env?: Record<string, string>;
  readonly with?: Record<string, string>;
}

interface Action {
  readonly inputs: Record<string, { readonly default?: string }>;
  readonly outputs: Record<string, unknown>;
  readonly runs: { readonly using: string; readonly steps: readonly ActionStep[] };
}

interface GitlabTemplate {
  readonly variables: Record<string, string>;
  readonly '.snclint': { readonly script: readonly string[]; readonly artifacts: { readonly reports: Record<string, string> } };
  readonly snclint: { readonly extends: string };
}

const VOLUME = 'resource "aws_ebs_volume" "v" {\n  size = 10\n}\n';
const action = parse(fs.readFileSync(path.join(ROOT, 'action.yml'), 'utf8')) as Action;
const gitlab = parse(fs.readFileSync(path.join(ROOT, 'snclint.gitlab-ci.yml'), 'utf8')) as GitlabTemplate;

function bash(script: string, cwd: string, env: Record<string, string>): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync('bash', ['-e', '-c', script], { cwd, env: childEnv(env), encoding: 'utf8', timeout: 60000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('CI templates', function () {
  this.timeout(60000);
  const temps = new Temps();
  before(ensureBuilt);
  after(() => temps.cleanup());

  describe('GitHub Action', () => {
    const lint = action.runs.steps.find((s) => s.id === 'lint')!;
    const run = (dir: string, inputs: Record<string, string>) => {
      const output = path.join(dir, 'github-output');
      fs.writeFileSync(output, '');
      const env: Record<string, string> = { SNCLINT: CLI, GITHUB_OUTPUT: output };
      for (const [k, v] of Object.entries(lint.env ?? {})) {
        const m = /^\$\{\{ inputs\.([a-z-]+) \}\}$/.exec(v);
        if (m) env[k] = inputs[m[1]!] ?? action.inputs[m[1]!]?.default ?? '';
      }
      const r = bash(lint.run!, dir, env);
      return { ...r, exitCode: /exit-code=(\d+)/.exec(fs.readFileSync(output, 'utf8'))?.[1] };
    };

    it('has inputs for paths, formats, fail level and baseline, and uploads SARIF to code scanning', () => {
      for (const input of ['paths', 'formats', 'fail-on', 'baseline', 'upload-sarif', 'sarif-file']) assert.ok(action.inputs[input], input);
      assert.equal(action.runs.using, 'composite');
      const upload = action.runs.steps.find((s) => s.uses?.startsWith('github/codeql-action/upload-sarif@'))!;
      assert.ok(upload?.if?.startsWith('always()'), 'uploads even when findings fail the lint step');
      assert.ok(upload.with, 'with the SARIF file');
      assert.equal(upload.with?.sarif_file, '${{ inputs.sarif-file }}');
      assert.equal(
        action.runs.steps[action.runs.steps.length - 1]!.env?.CODE,
        '${{ steps.lint.outputs.exit-code }}',
        'the last step fails with the lint result',
      );
      assert.ok(
        Object.values(lint.env ?? {}).every((v) => !/inputs\./.test(lint.run!) && v),
        'inputs reach the script as variables only',
      );
    });

    it('writes SARIF and the formats asked, records the exit code, and takes paths with spaces as separate words, never globs', () => {
      const dir = temps.make({ 'infra/main.tf': VOLUME, 'k8s/ok.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n' });
      const r = run(dir, { paths: 'infra k8s', formats: 'github json=out/snclint.json' });
      assert.equal(r.exitCode, '1', r.stderr);
      assert.match(r.stdout, /^::error file=infra\/main\.tf,line=1/m);
      const sarif = JSON.parse(fs.readFileSync(path.join(dir, 'snclint.sarif'), 'utf8')) as { runs: { results: { ruleId: string }[] }[] };
      assert.ok(sarif.runs[0]!.results.some((x) => x.ruleId === 'unencrypted-volume'));
      assert.ok(fs.existsSync(path.join(dir, 'out/snclint.json')));
      assert.equal(run(dir, { paths: '*', 'fail-on': 'none' }).exitCode, '2', 'a path named "*" is not expanded: it does not exist');
      assert.equal(run(dir, { paths: 'infra', 'fail-on': 'none' }).exitCode, '0');
    });

    it('fails only on findings not in the baseline', () => {
      const dir = temps.make({ 'main.tf': VOLUME });
      assert.equal(
        spawnSync(process.execPath, [CLI, '--baseline', 'base.json', '--write-baseline', '.'], { cwd: dir, env: childEnv() }).status,
        0,
      );
      assert.equal(run(dir, { baseline: 'base.json', 'upload-sarif': 'false' }).exitCode, '0');
    });
  });

  describe('GitLab CI template', () => {
    const job = gitlab['.snclint'];

    it('gives Code Quality and JUnit reports, and needs the package named', () => {
      assert.equal(gitlab.snclint.extends, '.snclint');
      assert.deepEqual(job.artifacts.reports, { codequality: 'gl-code-quality-report.json', junit: 'snclint-junit.xml' });
      const dir = temps.make({});
      const r = bash(job.script[0]!, dir, { ...gitlab.variables });
      assert.equal(r.status, 2);
      assert.match(r.stderr, /set SNCLINT_PACKAGE/);
    });

    it('its lint script writes both reports with snclint on the PATH', () => {
      const dir = temps.make({ 'main.tf': VOLUME });
      const bin = path.join(dir, '.bin');
      fs.mkdirSync(bin);
      fs.writeFileSync(path.join(bin, 'snclint'), `#!/bin/sh\nexec "${process.execPath}" "${CLI}" "$@"\n`, { mode: 0o755 });
      const r = bash(job.script[job.script.length - 1]!, dir, { ...gitlab.variables, PATH: `${bin}:${process.env.PATH}` });
      assert.equal(r.status, 1, r.stderr);
      const quality = JSON.parse(fs.readFileSync(path.join(dir, 'gl-code-quality-report.json'), 'utf8')) as { check_name: string }[];
      assert.ok(quality.some((q) => q.check_name === 'unencrypted-volume'));
      assert.match(fs.readFileSync(path.join(dir, 'snclint-junit.xml'), 'utf8'), /<testsuites/);
    });
  });
});
