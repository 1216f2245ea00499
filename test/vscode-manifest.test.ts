/** The VS Code manifest lives beside HashiCorp's Terraform extension: it never replaces that extension's grammar or language configuration. */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ROOT } from './harness/cli';

interface Language {
  readonly id: string;
  readonly extensions?: readonly string[];
  readonly aliases?: readonly string[];
  readonly configuration?: string;
  readonly filenames?: readonly string[];
  readonly firstLine?: string;
}

interface Grammar {
  readonly language?: string;
  readonly scopeName: string;
  readonly path: string;
  readonly injectTo?: readonly string[];
}

interface Manifest {
  readonly activationEvents: readonly string[];
  readonly contributes: { readonly languages: readonly Language[]; readonly grammars: readonly Grammar[] };
}

const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as Manifest;

/**
 * What HashiCorp's extension (hashicorp.terraform, package.json of v2.34.5) contributes: the
 * language ids it owns, with a language configuration, and the scopes of its grammars.
 */
const HASHICORP = {
  languages: ['terraform', 'terraform-vars', 'terraform-stack', 'terraform-deploy', 'terraform-test', 'terraform-mock'],
  scopes: ['source.hcl.terraform', 'source.hcl'],
};

describe('VS Code manifest beside HashiCorp Terraform', () => {
  const { languages, grammars } = manifest.contributes;

  it('declares the shared language ids by file extension only: no configuration, alias, file name or first line to compete with', () => {
    const shared = languages.filter((l) => HASHICORP.languages.includes(l.id));
    assert.deepEqual(shared.map((l) => l.id).sort(), ['terraform', 'terraform-vars']);
    for (const l of shared) assert.deepEqual(Object.keys(l).sort(), ['extensions', 'id'], `${l.id} adds nothing but its file extensions`);
    assert.deepEqual(shared.find((l) => l.id === 'terraform')?.extensions, ['.tf', '.tofu']);
    assert.deepEqual(shared.find((l) => l.id === 'terraform-vars')?.extensions, ['.tfvars']);
  });

  it("binds no grammar to a language and takes no scope of HashiCorp's: their highlighting stays theirs", () => {
    for (const g of grammars) {
      assert.equal(g.language, undefined, `${g.scopeName} is bound to no language`);
      assert.ok(!HASHICORP.scopes.includes(g.scopeName), `${g.scopeName} is not one of HashiCorp's scopes`);
    }
  });

  it("injects only the suppression comment grammar, into HashiCorp's Terraform scope and YAML", () => {
    assert.equal(grammars.length, 1);
    const g = grammars[0]!;
    assert.ok(g.injectTo?.includes('source.hcl.terraform'));
    assert.ok(g.injectTo?.includes('source.yaml'));
    const file = JSON.parse(fs.readFileSync(path.join(ROOT, g.path), 'utf8')) as { scopeName: string; injectionSelector: string };
    assert.equal(file.scopeName, g.scopeName);
    assert.equal(file.injectionSelector, 'L:comment', 'it colours inside comments only');
  });

  it('still starts on Terraform files whichever extension gives the language', () => {
    for (const e of ['onLanguage:terraform', 'onLanguage:terraform-vars', 'workspaceContains:**/*.tf'])
      assert.ok(manifest.activationEvents.includes(e), e);
  });

  it('every file a contribution names exists and ships in the VSIX', () => {
    const shipped = fs.readFileSync(path.join(ROOT, '.vscodeignore'), 'utf8');
    for (const p of [...grammars.map((g) => g.path), ...languages.flatMap((l) => (l.configuration ? [l.configuration] : []))]) {
      assert.ok(fs.existsSync(path.join(ROOT, p)), p);
      assert.ok(shipped.includes(`!${path.dirname(p.replace(/^\.\//, ''))}/**`), `${p} is in the VSIX`);
    }
  });
});
