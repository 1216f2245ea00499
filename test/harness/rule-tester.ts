/**
 * Table-driven rule tests. For each rule: valid cases give no finding; invalid cases give exactly
 * the findings listed, with exact ranges; the text after the fixes is checked, parses, re-lints
 * clean for the rule, raises no new finding from other rules, and fixing again changes nothing.
 * The rule's own documentation examples are run the same way.
 */
import { strict as assert } from 'node:assert';
import type { Rule } from '../../server/src/lint/rule';
import { SourceFile, languageOf } from '../../server/src/engine/source';
import type { Finding } from '../../server/src/engine/types';
import { lint } from '../../server/src/lint/linter';
import { applyEdits, fixEdits } from '../../server/src/engine/fixer';
import { DEFAULT_SETTINGS, type Settings } from '../../server/src/config/settings';
import { RULES } from '../../rules';
import { fixTemplate, messageTemplate } from '../../server/src/i18n/catalogue';
import { placeholdersOf } from '../../server/src/lint/rule';
import { findingViolations } from './invariants';
import { nullPaddingFindings } from './null-padding';

export interface Case {
  readonly name?: string;
  /** The file under test. */
  readonly code: string;
  /** Its name; `main.tf` by default, `manifest.yaml` when the code looks like YAML. */
  readonly filename?: string;
  /** Other files of the same directory (Terraform module siblings, tfvars). */
  readonly siblings?: Readonly<Record<string, string>>;
  readonly settings?: Partial<Settings>;
}

export interface ExpectedFinding {
  /** The exact text the finding's range covers. */
  readonly text: string;
  /** 1-based line where the range starts. */
  readonly line: number;
  /** A substring (or pattern) of the message. */
  readonly message?: string | RegExp;
  readonly severity?: Finding['severity'];
  /** The message id the rule reports (rules that report by id). */
  readonly messageId?: string;
  /** Placeholder values the report carries; only the keys given are compared. */
  readonly data?: Readonly<Record<string, string | number>>;
  /** The fix id of the finding's preferred fix (its first when none is preferred). */
  readonly fixId?: string;
  /** Placeholder values of that fix's title; only the keys given are compared. */
  readonly fixData?: Readonly<Record<string, string | number>>;
}

export interface InvalidCase extends Case {
  readonly errors: readonly ExpectedFinding[];
  /** The file after applying each finding's preferred fix; `null` when no fix is offered. */
  readonly output: string | null;
}

function guessName(code: string): string {
  return /^\s*(apiVersion|kind|---)/m.test(code) && !/^\s*(resource|provider|terraform|variable|data|module)\s/m.test(code)
    ? 'manifest.yaml'
    : 'main.tf';
}

function run(c: Case, code: string = c.code): { file: SourceFile; findings: Finding[]; syntax: string[] } {
  const name = c.filename ?? guessName(c.code);
  const file = new SourceFile(`test/${name}`, code, languageOf(name) ?? 'terraform');
  const others = Object.entries(c.siblings ?? {}).map(([n, t]) => new SourceFile(`test/${n}`, t, languageOf(n) ?? 'terraform'));
  const result = lint([file, ...others], { rules: RULES, settings: { ...DEFAULT_SETTINGS, ...c.settings } });
  const internal = result.errors.filter((e) => e.kind === 'internal');
  assert.deepEqual(
    internal.map((e) => e.message),
    [],
    'no internal error',
  );
  assert.deepEqual(result.findings.flatMap(findingViolations), [], 'every finding holds the invariants');
  return {
    file,
    findings: result.findings.filter((f) => f.file === file),
    syntax: result.errors.filter((e) => e.kind === 'syntax' && e.file === file.path).map((e) => e.message),
  };
}

function describeFinding(f: Finding): string {
  const p = f.file.positionAt(f.range.start);
  return `${f.ruleId} line ${p.line + 1} "${f.file.text.slice(f.range.start, f.range.end)}": ${f.message}`;
}

/** Registers mocha tests for one rule. */
export function testRule(rule: Rule, cases: { valid: readonly Case[]; invalid: readonly InvalidCase[] }): void {
  const id = rule.meta.id;
  const mine = (fs: Finding[]): Finding[] => fs.filter((f) => f.ruleId === id);

  describe(`rule ${id}`, () => {
    it('has complete metadata', () => {
      const m = rule.meta;
      assert.match(m.id, /^[a-z]+(-[a-z]+)*$/);
      for (const k of ['title', 'description', 'rationale', 'remediation'] as const) assert.ok(m[k].length > 10, `${k} is written`);
      assert.ok(m.requirements.length > 0, 'cites SecNumCloud requirements');
      assert.ok(m.examples.good.length > 0 && m.examples.bad.length > 0, 'has good and bad examples');
    });

    describe('examples', () => {
      ruleExamples(rule).forEach(({ code, filename, good, i }) => {
        it(`${good ? 'good' : 'bad'} example ${i + 1} ${good ? 'passes' : 'is reported'}`, () => {
          const r = run({ code, filename });
          assert.deepEqual(r.syntax, []);
          const n = mine(r.findings).length;
          if (good) assert.equal(n, 0, mine(r.findings).map(describeFinding).join('\n'));
          else assert.ok(n > 0, 'the bad example is reported');
        });
      });
    });

    describe('null padding', () => {
      ruleExamples(rule).forEach(({ code, good, i }) => {
        if (guessName(code) !== 'main.tf') return;
        it(`${good ? 'good' : 'bad'} example ${i + 1} gives the same findings with unset arguments written as null`, () => {
          const r = nullPaddingFindings(rule, code);
          if (r) assert.deepEqual(r.after, r.before, `padded text:\n${r.padded}`);
        });
      });
    });

    describe('valid', () => {
      cases.valid.forEach((c, i) => {
        it(c.name ?? `valid case ${i + 1}`, () => {
          const r = run(c);
          assert.deepEqual(r.syntax, [], 'the case parses');
          assert.deepEqual(mine(r.findings).map(describeFinding), []);
        });
      });
    });

    describe('invalid', () => {
      cases.invalid.forEach((c, i) => {
        it(c.name ?? `invalid case ${i + 1}`, () => {
          const r = run(c);
          assert.deepEqual(r.syntax, [], 'the case parses');
          const got = mine(r.findings);
          assert.equal(got.length, c.errors.length, `finding count:\n${got.map(describeFinding).join('\n')}`);
          got.forEach((f, j) => {
            const want = c.errors[j]!;
            assert.equal(f.file.text.slice(f.range.start, f.range.end), want.text, `finding ${j + 1} range text`);
            assert.equal(f.file.positionAt(f.range.start).line + 1, want.line, `finding ${j + 1} line`);
            if (typeof want.message === 'string')
              assert.ok(f.message.includes(want.message), `message "${f.message}" includes "${want.message}"`);
            else if (want.message) assert.match(f.message, want.message);
            if (want.severity) assert.equal(f.severity, want.severity);
            if (want.messageId !== undefined) assert.equal(f.messageKey?.id, want.messageId, `finding ${j + 1} message id`);
            for (const [k, v] of Object.entries(want.data ?? {})) assert.equal(f.messageKey?.data[k], v, `finding ${j + 1} data ${k}`);
            if (f.messageKey) {
              const missing = placeholdersOf(f.messageKey.template).filter((k) => f.messageKey!.data[k] === undefined);
              assert.deepEqual(missing, [], `finding ${j + 1} fills every placeholder of ${f.messageKey.id}`);
            }
            const preferred = f.fixes.find((x) => x.preferred) ?? f.fixes[0];
            if (want.fixId !== undefined) assert.equal(preferred?.titleKey?.id, want.fixId, `finding ${j + 1} fix id`);
            for (const [k, v] of Object.entries(want.fixData ?? {}))
              assert.equal(preferred?.titleKey?.data[k], v, `finding ${j + 1} fix data ${k}`);
            for (const x of f.fixes) {
              assert.ok(x.titleKey, `finding ${j + 1}: the fix "${x.title}" names its title by a fix id`);
              const missing = placeholdersOf(x.titleKey.template).filter((k) => x.titleKey!.data[k] === undefined);
              assert.deepEqual(missing, [], `finding ${j + 1} fix ${x.titleKey.id} fills every placeholder`);
            }
            assert.equal(f.requirements, rule.meta.requirements);
          });

          const edits = fixEdits(got, 'unsafe');
          if (c.output === null) {
            assert.equal(edits.length, 0, 'no fix is offered');
            return;
          }
          assert.ok(edits.length > 0, 'a fix is offered');
          const fixed = applyEdits(r.file.text, edits).text;
          assert.equal(fixed, c.output, 'text after the fixes');
          const again = run(c, fixed);
          assert.deepEqual(again.syntax, [], 'the fixed text parses');
          // Findings that offered no fix remain; every fixed one is gone.
          const unfixable = got.filter((f) => f.fixes.length === 0).map((f) => f.message);
          assert.deepEqual(
            mine(again.findings).map((f) => f.message),
            unfixable,
            'the fixed text lints clean for the rule',
          );
          const before = new Set(r.findings.filter((f) => f.ruleId !== id).map((f) => `${f.ruleId}:${f.message}`));
          const added = again.findings.filter((f) => f.ruleId !== id && !before.has(`${f.ruleId}:${f.message}`));
          assert.deepEqual(added.map(describeFinding), [], 'the fix raises no new finding from other rules');
          assert.equal(applyEdits(fixed, fixEdits(mine(again.findings), 'unsafe')).text, fixed, 'fixing again changes nothing');
        });
      });
    });

    it('has a French text for every message and fix title its invalid cases and bad examples produce', () => {
      const runs = [...cases.invalid.map((c) => run(c)), ...rule.meta.examples.bad.map((e) => run({ code: e.code, filename: e.filename }))];
      const findings = runs.flatMap((r) => mine(r.findings));
      const messages = [...new Set(findings.map((f) => f.messageKey?.id ?? f.message))].filter((m) => !messageTemplate(id, m, 'fr'));
      const titles = [...new Set(findings.flatMap((f) => f.fixes.map((x) => x.titleKey?.id ?? x.title)))].filter(
        (x) => !fixTemplate(id, x, 'fr'),
      );
      assert.deepEqual(
        messages,
        [],
        `message ids with no template under rules.${id} in rules/i18n/messages.fr.json:\n${messages.join('\n')}`,
      );
      assert.deepEqual(titles, [], `fix ids with no template under fixes.${id} in rules/i18n/messages.fr.json:\n${titles.join('\n')}`);
    });

    it('offers every fix id it declares in one of its invalid cases or bad examples', () => {
      const runs = [...cases.invalid.map((c) => run(c)), ...rule.meta.examples.bad.map((e) => run({ code: e.code, filename: e.filename }))];
      const offered = new Set(runs.flatMap((r) => mine(r.findings).flatMap((f) => f.fixes.map((x) => x.titleKey?.id))));
      assert.deepEqual(
        Object.keys(rule.meta.fixes ?? {}).filter((x) => !offered.has(x)),
        [],
        'declared fix ids no test case offers',
      );
    });
  });
}

function ruleExamples(rule: Rule): { code: string; filename?: string; good: boolean; i: number }[] {
  return [
    ...rule.meta.examples.good.map((e, i) => ({ code: e.code, filename: e.filename, good: true, i })),
    ...rule.meta.examples.bad.map((e, i) => ({ code: e.code, filename: e.filename, good: false, i })),
  ];
}
