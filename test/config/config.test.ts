/** Configuration files: validation with positions, presets, cascading, overrides, ignore globs. */
import { strict as assert } from 'node:assert';
import * as path from 'node:path';
import { parseConfig, type ConfigProblem } from '../../server/src/config/schema';
import { ConfigLoader } from '../../server/src/config/loader';
import { PENDING_RULE_IDS, PRESET_ENTRIES, PRESET_NAMES, presetLevels } from '../../server/src/config/presets';
import type { ConfigVocabulary, RegionTable } from '../../server/src/config/vocabulary';
import { CONFIG_VOCABULARY, KNOWN_RULES } from '../../rules/vocabulary';
import { RULES } from '../../rules';
import type { RuleMeta } from '../../server/src/lint/rule';

const FILE = '/repo/.snclint.yml';

function problems(text: string, vocabulary: ConfigVocabulary = CONFIG_VOCABULARY): ConfigProblem[] {
  const p = parseConfig(FILE, text, vocabulary);
  assert.ok(p.problems.length > 0 ? p.config === undefined : p.config !== undefined, 'a config or problems, never both');
  return [...p.problems];
}

function one(text: string): ConfigProblem {
  const p = problems(text);
  assert.equal(p.length, 1, JSON.stringify(p));
  return p[0]!;
}

/** What `recommended` sets apart from the rules' own defaults (present in every resolved configuration). */
const RECOMMENDED: Record<string, string> = Object.fromEntries(
  KNOWN_RULES.filter((m) => presetLevels('recommended', KNOWN_RULES)[m.id] !== m.severity).map((m) => [
    m.id,
    presetLevels('recommended', KNOWN_RULES)[m.id]!,
  ]),
);

/** A loader over an in-memory tree of absolute paths. */
function loader(files: Record<string, string>): ConfigLoader {
  return new ConfigLoader((f) => files[f], CONFIG_VOCABULARY);
}

describe('configuration files', () => {
  describe('validation', () => {
    it('accepts a full configuration', () => {
      const text = [
        'root: true',
        'extends: strict',
        'rules:',
        '  weak-tls: warning',
        '  admin-without-mfa: { level: off }',
        'regions:',
        '  policy: [FR, de]',
        '  custom: { RegionOne: FR }',
        '  preferred: { aws: eu-central-1, ovh: eu-west-gra }',
        'ignore: ["legacy/**"]',
        'overrides:',
        '  - files: ["k8s/**"]',
        '    rules: { non-eu-region: info }',
        'terraform:',
        '  varFiles: [env/prod.tfvars]',
        '',
      ].join('\n');
      const p = parseConfig(FILE, text, CONFIG_VOCABULARY);
      assert.deepEqual(p.problems, []);
      const c = p.config!;
      assert.equal(c.root, true);
      assert.equal(c.extends, 'strict');
      assert.deepEqual(c.rules, { 'weak-tls': { level: 'warning' }, 'admin-without-mfa': { level: 'off' } });
      assert.deepEqual(c.regions, {
        policy: { countries: ['FR', 'DE'] },
        custom: { RegionOne: 'FR' },
        preferred: { aws: 'eu-central-1', ovh: 'eu-west-gra' },
      });
      assert.deepEqual(c.ignore, ['legacy/**']);
      assert.deepEqual(c.overrides, [{ files: ['k8s/**'], rules: { 'non-eu-region': { level: 'info' } }, regions: {} }]);
      assert.deepEqual(c.varFiles, [path.resolve('/repo/env/prod.tfvars')]);
    });

    it('reads the same configuration written as JSON', () => {
      const p = parseConfig(
        '/repo/.snclint.json',
        '{\n  "extends": "recommended",\n  "rules": { "weak-tls": "info" }\n}\n',
        CONFIG_VOCABULARY,
      );
      assert.deepEqual(p.problems, []);
      assert.deepEqual(p.config!.rules, { 'weak-tls': { level: 'info' } });
    });

    it('accepts an empty file', () => {
      assert.deepEqual(problems(''), []);
      assert.deepEqual(problems('# nothing yet\n'), []);
    });

    it('reports an unknown key with its line and column', () => {
      const p = one('extends: recommended\nrule:\n  weak-tls: off\n');
      assert.deepEqual([p.file, p.line, p.column, p.endLine, p.endColumn], [FILE, 2, 1, 2, 5]);
      assert.match(
        p.message,
        /Unknown key "rule" in the configuration \(expected root, extends, rules, regions, ignore, overrides, terraform, maxFileSize, qualifiedEndpoints\). Did you mean "rules"\?$/,
      );
    });

    it('reports an unknown rule id on its key', () => {
      const p = one('rules:\n  non-eu-regions: off\n');
      assert.deepEqual([p.line, p.column], [2, 3]);
      assert.match(p.message, /Unknown rule "non-eu-regions" \(known rules: non-eu-region, [^)]*\)\. Did you mean "non-eu-region"\?$/);
      assert.doesNotMatch(one('rules:\n  something-else: off\n').message, /Did you mean/);
    });

    it('reports a bad level, preset, policy, country and region on the value', () => {
      assert.match(
        one('rules:\n  weak-tls: fatal\n').message,
        /"fatal" is not a valid level for rule weak-tls \(expected error, warning, info, off\)/,
      );
      assert.match(one('extends: paranoid\n').message, /"paranoid" is not a valid preset for "extends" \(expected recommended, strict\)/);
      assert.match(one('regions:\n  policy: world\n').message, /"world" is not a valid region policy/);
      const c = one('regions:\n  policy: [FR, France]\n');
      assert.deepEqual([c.line, c.column], [2, 16]);
      assert.match(c.message, /"France" is not an ISO 3166-1 alpha-2 country code/);
      assert.match(one('regions:\n  preferred: { aws: eu-west-9 }\n').message, /"eu-west-9" is not a aws region snclint knows/);
      assert.match(one('regions:\n  preferred: { digitalocean: fra1 }\n').message, /Unknown cloud "digitalocean"/);
      assert.match(
        one('regions:\n  policy: fr\n  preferred: { aws: eu-west-1 }\n').message,
        /The preferred aws region eu-west-1 \(IE\) is outside the region policy/,
      );
      assert.deepEqual(problems('regions:\n  policy: fr\n  preferred: { aws: eu-west-3 }\n'), []);
      assert.match(one('root: yes please\n').message, /"root" must be true or false/);
      assert.match(one('ignore: legacy\n').message, /"ignore" must be a list of strings/);
    });

    it('checks preferred regions against the region table the host passes in, not one of its own', () => {
      const table: RegionTable = {
        providers: ['acme'],
        lists: (provider, code) => provider === 'acme' && code.toLowerCase() === 'par-1',
        place: (_provider, code, _custom, policy) =>
          code.toLowerCase() === 'par-1' ? { country: 'FR', inside: policy !== 'eea' } : undefined,
      };
      const vocabulary: ConfigVocabulary = { rules: KNOWN_RULES, regions: table };
      assert.deepEqual(problems('regions:\n  preferred: { acme: PAR-1 }\n', vocabulary), []);
      assert.deepEqual(
        problems('regions:\n  preferred: { aws: eu-west-3 }\n', vocabulary).map((p) => p.message),
        ['Unknown cloud "aws" (known: acme).'],
      );
      assert.deepEqual(
        problems('regions:\n  preferred: { acme: lon-1 }\n', vocabulary).map((p) => p.message),
        ['"lon-1" is not a acme region snclint knows (declare it under regions.custom if it is yours).'],
      );
      assert.deepEqual(
        problems('regions:\n  policy: eea\n  preferred: { acme: par-1 }\n', vocabulary).map((p) => p.message),
        ['The preferred acme region par-1 (FR) is outside the region policy, so fixes could not propose it.'],
      );
    });

    it('accepts a preferred region declared under custom, in either order', () => {
      assert.deepEqual(
        problems('regions:\n  preferred: { openstack: RegionOne }\n  custom: { RegionOne: FR }\n').map((p) => p.message),
        ['Unknown cloud "openstack" (known: alibaba, aws, azure, exoscale, gcp, gcp-s3ns, hetzner, ibm, oci, outscale, ovh, scaleway).'],
      );
      assert.deepEqual(problems('regions:\n  preferred: { ovh: RegionOne }\n  custom: { RegionOne: FR }\n'), []);
    });

    it('checks rule options against what the rule declares', () => {
      assert.match(one('rules:\n  weak-tls: { level: error, options: { minimum: "1.3" } }\n').message, /Rule weak-tls takes no options/);
      const withOptions: RuleMeta = {
        ...RULES[0]!.meta,
        options: { allow: { type: 'string[]', description: 'x' }, strictness: { type: 'string', enum: ['low', 'high'], description: 'y' } },
      };
      const p = parseConfig(FILE, `rules:\n  ${withOptions.id}:\n    options: { allow: [a, b], strictness: high }\n`, {
        ...CONFIG_VOCABULARY,
        rules: [withOptions],
      });
      assert.deepEqual(p.config!.rules[withOptions.id], { options: { allow: ['a', 'b'], strictness: 'high' } });
      const bad = parseConfig(FILE, `rules:\n  ${withOptions.id}:\n    options: { allow: a, strictness: mid, other: 1 }\n`, {
        ...CONFIG_VOCABULARY,
        rules: [withOptions],
      });
      assert.deepEqual(
        bad.problems.map((x) => x.message),
        [
          `"allow" of rule ${withOptions.id} must be a list of strings.`.replace('"allow"', 'option allow'),
          `"mid" is not a valid value for option strictness of rule ${withOptions.id} (expected low, high).`,
          `Rule ${withOptions.id} has no option "other" (expected allow, strictness).`,
        ],
      );
    });

    it('reports YAML syntax errors and duplicate keys with their position', () => {
      const p = problems('rules:\n  weak-tls: [off\n');
      assert.ok(p.length >= 1);
      assert.equal(p[0]!.line, 3);
      const d = problems('rules: {}\nrules: {}\n');
      assert.equal(d[0]!.line, 2);
      assert.match(d[0]!.message, /unique/i);
    });

    it('reports an override without files, and unknown keys inside overrides', () => {
      const p = problems('overrides:\n  - rules: { weak-tls: off }\n  - files: [a]\n    ignore: [b]\n');
      assert.deepEqual(
        p.map((x) => [x.line, x.message]),
        [
          [2, 'An override needs "files": the globs it applies to.'],
          [4, 'Unknown key "ignore" in an override (expected files, extends, rules, regions).'],
        ],
      );
    });
  });

  describe('presets', () => {
    it('puts every rule in both presets, at its default in recommended and raised in strict', () => {
      for (const name of PRESET_NAMES)
        assert.deepEqual(Object.keys(presetLevels(name, KNOWN_RULES)).sort(), KNOWN_RULES.map((r) => r.id).sort());
      const recommended = presetLevels('recommended', KNOWN_RULES);
      const strict = presetLevels('strict', KNOWN_RULES);
      for (const meta of KNOWN_RULES) {
        if (PRESET_ENTRIES.recommended[meta.id]) continue;
        assert.equal(recommended[meta.id], meta.severity, meta.id);
        assert.equal(strict[meta.id], meta.severity === 'info' ? 'warning' : 'error', meta.id);
      }
    });

    it('names in its explicit entries only rules of the registry or rules on their way', () => {
      const known = new Set(KNOWN_RULES.map((r) => r.id));
      for (const name of PRESET_NAMES) {
        for (const id of Object.keys(PRESET_ENTRIES[name])) assert.ok(known.has(id) || PENDING_RULE_IDS.includes(id), `${name}: ${id}`);
      }
    });

    it('applies explicit entries when the rule exists', () => {
      const cmk: RuleMeta = { ...RULES[0]!.meta, id: 'customer-managed-key', severity: 'warning' };
      assert.equal(presetLevels('recommended', [cmk])['customer-managed-key'], 'off');
      assert.equal(presetLevels('strict', [cmk])['customer-managed-key'], 'warning');
    });
  });

  describe('discovery and resolution', () => {
    const root = path.resolve('/work/repo');
    const at = (p: string) => path.join(root, p);

    it('uses the defaults without any configuration', () => {
      const r = loader({}).load(at('main.tf'));
      assert.deepEqual(r.problems, []);
      assert.deepEqual(r.settings.rules, RECOMMENDED);
      assert.equal(r.settings.regionPolicy, 'eu');
      assert.equal(r.ignored, false);
    });

    it('cascades from the outermost to the nearest file, and root: true stops the walk', () => {
      const files = {
        [at('.snclint.yml')]: 'rules: { weak-tls: warning, admin-without-mfa: info }\nregions: { policy: eea }\n',
        [at('team/.snclint.json')]: '{ "rules": { "weak-tls": "off" } }',
        [at('island/.snclint.yml')]: 'root: true\nrules: { unencrypted-volume: warning }\n',
        [path.resolve('/work/.snclint.yml')]: 'rules: { non-eu-region: info }\n',
      };
      const l = loader(files);
      const team = l.load(at('team/infra/main.tf'));
      assert.deepEqual(team.settings.rules, { ...RECOMMENDED, 'non-eu-region': 'info', 'weak-tls': 'off', 'admin-without-mfa': 'info' });
      assert.equal(team.settings.regionPolicy, 'eea');
      assert.deepEqual(team.sources, [path.resolve('/work/.snclint.yml'), at('.snclint.yml'), at('team/.snclint.json')]);
      const island = l.load(at('island/x/main.tf'));
      assert.deepEqual(island.settings.rules, { ...RECOMMENDED, 'unencrypted-volume': 'warning' });
      assert.deepEqual(island.sources, [at('island/.snclint.yml')]);
    });

    it("applies strict, then the file's own levels, and keeps explicit levels", () => {
      const l = loader({ [at('.snclint.yml')]: 'extends: strict\nrules: { weak-tls: error, non-eu-region: warning }\n' });
      const r = l.load(at('main.tf'));
      assert.equal(r.settings.rules['non-eu-region'], 'warning');
      assert.equal(r.settings.rules['weak-tls'], 'error', 'an explicit level is kept even when it equals the default');
      assert.equal(r.settings.rules['invalid-suppression'], 'error', 'strict raises warnings');
    });

    it('applies overrides by glob and ignore globs relative to the configuration', () => {
      const l = loader({
        [at('.snclint.yml')]: [
          'ignore: [vendor/, "**/*.generated.tf", /top.tf]',
          'overrides:',
          '  - files: ["legacy/**"]',
          '    rules: { unencrypted-volume: off }',
          '    regions: { policy: eea, preferred: { aws: eu-north-1 } }',
          '  - files: "*.yaml"',
          '    extends: strict',
          '',
        ].join('\n'),
      });
      const legacy = l.load(at('legacy/a/main.tf')).settings;
      assert.equal(legacy.rules['unencrypted-volume'], 'off');
      assert.equal(legacy.regionPolicy, 'eea');
      assert.equal(legacy.preferredRegions.aws, 'eu-north-1');
      assert.equal(legacy.preferredRegions.azure, 'francecentral', 'defaults stay for other clouds');
      assert.equal(l.load(at('other/main.tf')).settings.rules['unencrypted-volume'], undefined);
      assert.equal(l.load(at('k8s/deep/app.yaml')).settings.rules['invalid-suppression'], 'error');
      assert.equal(l.load(at('vendor/x/main.tf')).ignored, true);
      assert.equal(l.load(at('a/b/x.generated.tf')).ignored, true);
      assert.equal(l.load(at('top.tf')).ignored, true);
      assert.equal(l.load(at('sub/top.tf')).ignored, false, 'a leading slash anchors to the folder');
      assert.equal(l.load(at('main.tf')).ignored, false);
    });

    it('reports problems and keeps the last good version of a file that turns invalid', () => {
      const files: Record<string, string> = { [at('.snclint.yml')]: 'rules: { weak-tls: off }\n' };
      const l = loader(files);
      assert.equal(l.load(at('main.tf')).settings.rules['weak-tls'], 'off');
      files[at('.snclint.yml')] = 'rules: { weak-tls: of }\n';
      l.invalidate(at('.snclint.yml'));
      const r = l.load(at('main.tf'));
      assert.equal(r.problems.length, 1);
      assert.equal(r.problems[0]!.file, at('.snclint.yml'));
      assert.equal(r.settings.rules['weak-tls'], 'off', 'the last good configuration stays in force');
      const fresh = loader(files).load(at('main.tf'));
      assert.equal(fresh.settings.rules['weak-tls'], undefined, 'with no good version, the defaults apply');
    });

    it('resolves varFiles from the nearest configuration that sets them', () => {
      const l = loader({ [at('.snclint.yml')]: 'terraform: { varFiles: [prod.tfvars, ../shared.tfvars] }\n' });
      assert.deepEqual(l.load(at('x/main.tf')).settings.varFiles, [at('prod.tfvars'), path.resolve(root, '../shared.tfvars')]);
    });
  });
});
