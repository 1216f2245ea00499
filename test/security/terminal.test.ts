/** Control characters from repository files never reach the terminal raw: the built CLI prints them as visible escapes. */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Temps, cli, ensureBuilt } from '../harness/cli';
import { escapeJsonForTerminal, escapeTerminal, escapeTerminalLines } from '../../server/src/output/terminal';

const ESC = '\u001b';
/** A name that retitles the terminal, clears it, rings the bell and reverses the text after it. */
const HOSTILE = `api${ESC}]0;owned\u0007${ESC}[2J\u202eevil`;
const SHOWN = 'api\\x1b]0;owned\\x07\\x1b[2J\\u202eevil';
// Any character a terminal would obey (newline and, for coloured output, SGR colour codes aside).
const RAW = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

/** A Deployment named `name` (YAML double-quoted escapes), pinned to us-east-1. */
function deployment(name: string): string {
  return `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: "${name}"\nspec:\n  template:\n    spec:\n      nodeSelector:\n        topology.kubernetes.io/region: us-east-1\n      containers:\n        - name: app\n          image: nginx\n`;
}
/** Every string inside a parsed JSON value. */
function strings(x: unknown): string[] {
  if (typeof x === 'string') return [x];
  if (typeof x === 'object' && x !== null) return Object.values(x).flatMap(strings);
  return [];
}

const YAML_NAME = 'api\\e]0;owned\\a\\e[2J\\u202eevil';

describe('terminal output escapes what files contain', function () {
  this.timeout(30000);
  const temps = new Temps();
  before(() => ensureBuilt());
  after(() => temps.cleanup());

  it('stylish: an object name with escape sequences and a bidi override is shown escaped, in messages and file names', () => {
    const dir = temps.make({ 'deploy.yaml': deployment(YAML_NAME) });
    const hostileFile = `x${ESC}[31m\u009b2J.yaml`;
    fs.writeFileSync(path.join(dir, hostileFile), deployment('plain'));
    const r = cli(['.'], dir);
    assert.equal(r.status, 1, r.stderr);
    assert.doesNotMatch(r.stdout, RAW);
    assert.ok(r.stdout.includes(`Deployment ${SHOWN} is scheduled in region us-east-1`), r.stdout);
    assert.ok(r.stdout.includes('x\\x1b[31m\\x9b2J.yaml'), r.stdout);
  });

  it("stylish in colour: the only escape sequences are snclint's own colours", () => {
    const dir = temps.make({ 'deploy.yaml': deployment(YAML_NAME) });
    const r = cli(['.'], dir, { env: { FORCE_COLOR: '1' } });
    const withoutColours = r.stdout.replace(/\u001b\[\d+m/g, '');
    assert.notEqual(withoutColours, r.stdout, 'colours are used');
    assert.doesNotMatch(withoutColours, RAW);
    assert.ok(withoutColours.includes(SHOWN));
  });

  it('a suppression reason and the suppressed list are escaped too', () => {
    const dir = temps.make({
      'main.tf': `# snclint:ignore non-eu-region -- ok ${ESC}[2J\u202e reason\nprovider "aws" {\n  region = "us-east-1"\n}\n`,
    });
    const r = cli(['--report-suppressed', '.'], dir);
    assert.doesNotMatch(r.stdout, RAW);
    assert.match(r.stdout, /reason: ok \\x1b\[2J\\u202e reason/);
  });

  it('github: annotations carry no raw control character', () => {
    const dir = temps.make({ 'deploy.yaml': deployment(YAML_NAME) });
    const r = cli(['--format', 'github', '.'], dir);
    assert.doesNotMatch(r.stdout, RAW);
    assert.ok(r.stdout.includes(SHOWN));
  });

  it('json, sarif and gitlab: the values are unchanged, and no character a terminal obeys is written raw', () => {
    const dir = temps.make({ 'deploy.yaml': deployment(`${YAML_NAME}\\x85\\u2066`) });
    for (const format of ['json', 'sarif', 'gitlab']) {
      const r = cli(['--format', format, '.'], dir);
      assert.doesNotMatch(r.stdout, RAW, format);
      assert.ok(r.stdout.includes('\\u001b]0;owned\\u0007\\u001b[2J\\u202eevil\\u0085\\u2066'), format);
      assert.ok(
        strings(JSON.parse(r.stdout)).some((t) => t.includes(`${HOSTILE}\u0085\u2066`)),
        format,
      );
    }
  });

  it('stderr: warnings and configuration errors quoting file names and keys are escaped', () => {
    const dir = temps.make({ 'main.tf': 'provider "aws" {\n  region = "eu-west-3"\n}\n' });
    const notLinted = `notes${ESC}]0;owned\u0007.txt`;
    fs.writeFileSync(path.join(dir, notLinted), 'text');
    const warned = cli([notLinted, 'main.tf'], dir);
    assert.doesNotMatch(warned.stderr, RAW);
    assert.ok(warned.stderr.includes('notes\\x1b]0;owned\\x07.txt'), warned.stderr);

    fs.writeFileSync(path.join(dir, '.snclint.yml'), `rules:\n  "weak${ESC}[2J\u202e": off\n`);
    const bad = cli(['.'], dir);
    assert.equal(bad.status, 2);
    assert.doesNotMatch(bad.stderr, RAW);
    assert.ok(bad.stderr.includes('weak\\x1b[2J\\u202e'), bad.stderr);
  });

  it('--print-config and --list-rules print no raw control character', () => {
    const dir = temps.make({ '.snclint.yml': 'regions:\n  custom:\n    "Region\\u009b2J\\u202e": FR\n', 'main.tf': '' });
    const r = cli(['--print-config', 'main.tf'], dir);
    assert.equal(r.status, 0, r.stderr);
    assert.doesNotMatch(r.stdout, RAW);
    assert.deepEqual(JSON.parse(r.stdout).customRegions, { 'Region\u009b2J\u202e': 'FR' });
    for (const args of [['--list-rules'], ['--list-rules', '--format', 'json']]) assert.doesNotMatch(cli(args, dir).stdout, RAW);
  });
});

describe('terminal escaping', () => {
  it('shows C0, DEL, C1 and bidi controls as visible escapes, and leaves other text alone', () => {
    assert.equal(escapeTerminal(`a${ESC}[2Jb\u0007\u007f\u0085\u202a\u2069\t\n\r`), 'a\\x1b[2Jb\\x07\\x7f\\x85\\u202a\\u2069\\t\\n\\r');
    assert.equal(escapeTerminal('région é 区域 \u200b ✓'), 'région é 区域 \u200b ✓');
    assert.equal(escapeTerminalLines(`one${ESC}\ntwo\r\n`), 'one\\x1b\ntwo\\r\n');
    assert.equal(escapeJsonForTerminal(JSON.stringify({ a: `x${ESC}\u009b\u202e` })), '{"a":"x\\u001b\\u009b\\u202e"}');
    assert.deepEqual(JSON.parse(escapeJsonForTerminal(JSON.stringify({ a: '\u0085\u2066' }))), { a: '\u0085\u2066' });
  });
});
