/** hardcoded-secret: credentials are kept in a secret store, not written in the code. */
import { defineRule, type RuleContext, type RuleFix } from '../server/src/lint/rule';
import type { Range, SourceFile } from '../server/src/engine/source';
import { type Attribute, type Block, type Body, type Expr, attr } from '../server/src/terraform/ast';
import type { Value } from '../server/src/engine/value';
import type { TerraformModule, TfFile } from '../server/src/terraform/model';
import { type SecretKind, isLiteralSecret, isSecretName, knownSecretIn, secretMessage } from './support/secrets';
import { checkKubernetesSecrets } from './support/k8s-secrets';

/** The text of an expression written as a plain quoted string or heredoc, without interpolation. */
function literalText(e: Expr): string | undefined {
  if (e.kind !== 'template') return undefined;
  // Most strings are one piece of text: no array nor join for them.
  if (e.parts.length === 1) return e.parts[0]!.kind === 'text' ? e.parts[0]!.value : undefined;
  if (e.parts.some((p) => p.kind !== 'text')) return undefined;
  return e.parts.map((p) => (p.kind === 'text' ? p.value : '')).join('');
}

/** Which branch of a conditional Terraform takes, when its condition is known. */
type Decide = (cond: Expr) => boolean | undefined;

/**
 * Judges every string literal inside the value of `a`, with the name it is assigned to when there is
 * one; branches not taken are skipped.
 */
function stringsIn(w: Walk, a: Attribute, e: Expr, name: string | undefined): void {
  const text = literalText(e);
  if (text !== undefined) {
    reportString(w, e, text, name, a);
    return;
  }
  if (e.kind === 'object') {
    for (const item of e.items) {
      const key = item.key.kind === 'traversal' && !item.key.steps.length ? item.key.root : literalText(item.key);
      stringsIn(w, a, item.value, key);
    }
  } else if (e.kind === 'tuple') for (const i of e.items) stringsIn(w, a, i, name);
  // Function arguments are not the value assigned to the name (lookup(m, "password", null)):
  // only a well-known credential format is looked for there.
  else if (e.kind === 'call') for (const k of e.args) stringsIn(w, a, k, undefined);
  else if (e.kind === 'paren') stringsIn(w, a, e.inner, name);
  else if (e.kind === 'conditional') {
    const taken = w.judge.decide(e.cond);
    if (taken !== false) stringsIn(w, a, e.then, name);
    if (taken !== true) stringsIn(w, a, e.else, name);
  } else if (e.kind === 'template') {
    for (const p of e.parts)
      if (p.kind === 'text' && knownSecretIn(p.value))
        reportString(w, { kind: 'template', parts: [p], heredoc: false, range: p.range }, p.value, undefined, a);
  }
}

/** A variable name for a secret moved out of a resource, unused in the module. */
function variableName(mod: TerraformModule, owner: string, name: string): string {
  const base = `${owner}_${name}`.replace(/[^A-Za-z0-9_]/g, '_');
  let n = base;
  for (let i = 2; mod.variables.has(n); i++) n = `${base}_${i}`;
  return n;
}

/** Replaces a literal with a new sensitive variable declared at the end of the file. */
function moveToVariable(file: SourceFile, range: Range, name: string): RuleFix<'move-to-variable'> {
  const eol = file.eol;
  const tail = file.text.endsWith('\n') ? '' : eol;
  const decl = `${tail}${eol}variable "${name}" {${eol}  type      = string${eol}  sensitive = true${eol}}${eol}`;
  return {
    fixId: 'move-to-variable',
    data: { name },
    safety: 'unsafe',
    preferred: true,
    edits: [
      { range, newText: `var.${name}` },
      { range: { start: file.text.length, end: file.text.length }, newText: decl },
    ],
  };
}

/** A condition's known truth value, as Terraform converts it (a bool or the strings "true"/"false"). */
function decided(v: Value): boolean | undefined {
  if (v.kind === 'bool') return v.value;
  if (v.kind === 'string' && (v.value === 'true' || v.value === 'false')) return v.value === 'true';
  return undefined;
}

/** The blocks of each module that create at least one instance, gathered once (a module may hold thousands). */
const instantiated = new WeakMap<TerraformModule, ReadonlySet<Block>>();

/** Whether a resource, data or module block creates no instance (`count = 0`, an empty `for_each`). */
function hasNoInstance(mod: TerraformModule, b: Block): boolean {
  if (b.type === 'module') return !mod.moduleCalls.some((c) => c.name === b.labels[0]);
  if (b.type !== 'resource' && b.type !== 'data') return false;
  let declared = instantiated.get(mod);
  if (!declared) instantiated.set(mod, (declared = new Set(mod.resources.map((r) => r.declared))));
  return !declared.has(b);
}

/** The message ids this rule reports. */
type Id = `${'attribute' | 'default' | 'env'}-${SecretKind}` | 'secret-value' | 'secret-values';

/** What a walk reports to, how it takes a conditional's branch and whether it skips a block with no instance. */
interface Judge {
  readonly report: RuleContext<Id>['report'];
  readonly decide: Decide;
  readonly hasNoInstance: (b: Block) => boolean;
}

/** The walk of one block (or var file). */
interface Walk {
  readonly judge: Judge;
  readonly mod: TerraformModule;
  readonly file: SourceFile;
  readonly owner: string;
  readonly ownerLabel: string;
  readonly fixable: boolean;
  /** Where the strings reported in the block start: each is reported once. Made at the first report. */
  seen?: Set<number>;
}

function reportString(
  w: Walk,
  expr: Expr,
  text: string,
  name: string | undefined,
  attrOf: Attribute | undefined,
  fixable = w.fixable,
): void {
  if (w.seen?.has(expr.range.start)) return;
  const known = knownSecretIn(text);
  const byName = name !== undefined && isSecretName(name) && isLiteralSecret(text);
  if (!known && !byName) return;
  (w.seen ??= new Set()).add(expr.range.start);
  const what = secretMessage(known, text);
  const where = name ? `${name}` : 'a string';
  const plain = attrOf && attrOf.expr === expr && !(expr.kind === 'template' && expr.heredoc);
  const fixes = fixable && plain && name ? [moveToVariable(w.file, expr.range, variableName(w.mod, w.ownerLabel, name))] : [];
  // Inside a longer text (user data, a script), point at the credential itself.
  const at = known && !plain ? w.file.text.slice(expr.range.start, expr.range.end).indexOf(known.match) : -1;
  const range = at >= 0 ? { start: expr.range.start + at, end: expr.range.start + at + known!.match.length } : expr.range;
  w.judge.report({ file: w.file, range, messageId: `attribute-${what.kind}`, data: { owner: w.owner, name: where, ...what.data }, fixes });
}

function walkBody(w: Walk, body: Body): void {
  for (const a of body.attributes) stringsIn(w, a, a.expr, a.name);
  for (const b of body.blocks) {
    // env { name = "DB_PASSWORD" value = "..." } in kubernetes_* resources and similar name/value pairs.
    const n = attr(b.body, 'name');
    const v = attr(b.body, 'value');
    const nameText = n ? literalText(n.expr) : undefined;
    if (v && nameText !== undefined) {
      const text = literalText(v.expr);
      if (text !== undefined) reportString(w, v.expr, text, nameText, undefined, false);
    }
    walkBody(w, b.body);
  }
}

function checkTerraform(ctx: RuleContext<Id>, mod: TerraformModule): void {
  const judge: Judge = {
    report: (r) => ctx.report(r),
    decide: (cond) => decided(mod.evaluate(cond)),
    hasNoInstance: (b) => hasNoInstance(mod, b),
  };
  // Variables files loaded automatically are part of the repository as much as the code.
  for (const vf of mod.varFiles) {
    const base = vf.source.path.slice(Math.max(vf.source.path.lastIndexOf('/'), vf.source.path.lastIndexOf('\\')) + 1);
    walkBody({ judge, mod, file: vf.source, owner: base, ownerLabel: base, fixable: false }, vf.config.body);
  }
  if (mayReport(mod)) checkFiles(mod, judge);
}

/**
 * Whether the module's files hold anything this rule could report under some condition and count:
 * the walk with every branch taken and every block instantiated finds a superset of what any
 * instance of the module reports. Worked out once per set of files, which the module and every
 * instance of it (one per call) share, so a module without secrets costs one walk, not one per call.
 */
const reportable = new WeakMap<readonly TfFile[], boolean>();

function mayReport(mod: TerraformModule): boolean {
  let found = reportable.get(mod.files);
  if (found === undefined) {
    let any = false;
    checkFiles(mod, {
      report: () => {
        any = true;
      },
      decide: () => undefined,
      hasNoInstance: () => false,
    });
    reportable.set(mod.files, (found = any));
  }
  return found;
}

function checkFiles(mod: TerraformModule, judge: Judge): void {
  for (const f of mod.files) {
    for (const b of f.config.body.blocks) {
      if (b.type === 'variable') {
        const name = b.labels[0] ?? '';
        const def = attr(b.body, 'default');
        const text = def ? literalText(def.expr) : undefined;
        if (!def || text === undefined) {
          if (def)
            walkBody(
              { judge, mod, file: f.source, owner: `var.${name}`, ownerLabel: name, fixable: false },
              { ...b.body, attributes: [def], blocks: [] },
            );
          continue;
        }
        const sens = attr(b.body, 'sensitive')?.expr;
        const sensitive = sens?.kind === 'literal' && sens.value === true;
        const known = knownSecretIn(text);
        if (!known && !((isSecretName(name) || sensitive) && isLiteralSecret(text))) continue;
        const lineStart = f.source.offsetAt({ line: f.source.positionAt(def.range.start).line, character: 0 });
        const lineEnd = f.source.offsetAt({ line: f.source.positionAt(def.range.end).line + 1, character: 0 });
        const ownLine =
          f.source.text.slice(lineStart, def.range.start).trim() === '' && f.source.text.slice(def.range.end, lineEnd).trim() === '';
        const secret = secretMessage(known, text);
        judge.report({
          file: f.source,
          range: def.expr.range,
          messageId: `default-${secret.kind}`,
          data: { variable: name, ...secret.data },
          fixes: ownLine
            ? [
                {
                  fixId: 'remove-default',
                  safety: 'unsafe',
                  preferred: true,
                  edits: [{ range: { start: lineStart, end: lineEnd }, newText: '' }],
                },
              ]
            : [],
        });
        continue;
      }
      if (
        (b.type === 'resource' || b.type === 'data' || b.type === 'provider' || b.type === 'module' || b.type === 'locals') &&
        !judge.hasNoInstance(b)
      ) {
        const owner =
          b.type === 'resource'
            ? b.labels.join('.')
            : b.type === 'data'
              ? `data.${b.labels.join('.')}`
              : b.type === 'provider'
                ? `provider "${b.labels[0] ?? ''}"`
                : b.type === 'module'
                  ? `module.${b.labels[0] ?? ''}`
                  : 'locals';
        const ownerLabel = b.type === 'locals' ? 'local' : (b.labels[b.labels.length - 1] ?? b.type);
        walkBody({ judge, mod, file: f.source, owner, ownerLabel, fixable: b.type !== 'locals' && f.config.syntax === 'hcl' }, b.body);
      }
    }
  }
}

export default defineRule({
  meta: {
    id: 'hardcoded-secret',
    title: 'Keep secrets out of the code',
    description:
      "Reports passwords, keys and tokens written as literals: arguments and object keys with a secret's " +
      'name (password, secret_key, token, ...) in resources, providers, modules and locals; variable ' +
      'defaults of secret-named or sensitive variables; values in terraform.tfvars and *.auto.tfvars; ' +
      'well-known credential formats anywhere (AWS access keys, private keys in user data, GitHub, Slack, ' +
      'Google, Stripe and Azure storage keys, passwords in connection strings); Kubernetes Secret ' +
      "manifests with literal data or stringData; container environment variables with a secret's name " +
      'and a literal value. Messages never show more than four characters of a value.',
    rationale:
      'SecNumCloud 10.5 requires secrets and keys to be kept in a security container, never in clear. A ' +
      'secret committed to a repository is copied to every clone, build log and state file, and cannot be ' +
      'revoked from there.',
    remediation:
      'Move the value to a secret store (Vault, a cloud secret manager, Sealed Secrets or External ' +
      'Secrets) and pass it as a sensitive variable or a secretKeyRef; then rotate the exposed credential.',
    severity: 'error',
    requirements: ['10.5.c', '10.5.d'],
    fixable: true,
    covers: [
      'Terraform resources, data sources, providers, modules, locals, variable defaults and auto-loaded tfvars',
      'kubernetes_* resources env blocks',
      'Kubernetes Secret data and stringData',
      'container env of Pod, Deployment, StatefulSet, DaemonSet, ReplicaSet, Job, CronJob',
    ],
    limits:
      'A value is judged by its name and its form: a secret under an unremarkable name in an unknown ' +
      'format is not found. Placeholders are left alone (a repeated character, values marked fake, ' +
      "example, dummy, sample, placeholder or redacted, `<...>`, AWS's documentation example keys, PEM " +
      'blocks with an elided body), as are values in a conditional branch Terraform does not take and ' +
      'resources or module calls with no instance (`count = 0`); a placeholder of another shape under a ' +
      "secret's name is reported. A Kubernetes Secret meant to be encrypted later (SOPS) is reported " +
      'while in clear.',
    messages: {
      'attribute-literal': '{{owner}} sets {{name}} to a literal value {{sample}} ({{length}} characters).',
      'attribute-known': '{{owner}} sets {{name}} to {{secret}} {{sample}} ({{length}} characters).',
      'attribute-private-key': '{{owner}} sets {{name}} to {{secret}}.',
      'default-literal': 'var.{{variable}} has a default that is a literal secret {{sample}} ({{length}} characters).',
      'default-known': 'var.{{variable}} has a default that is {{secret}} {{sample}} ({{length}} characters).',
      'default-private-key': 'var.{{variable}} has a default that is {{secret}}.',
      'env-literal': '{{object}} sets {{name}} of container {{container}} to a literal value {{sample}} ({{length}} ' + 'characters).',
      'env-known': '{{object}} sets {{name}} of container {{container}} to {{secret}} {{sample}} ({{length}} ' + 'characters).',
      'env-private-key': '{{object}} sets {{name}} of container {{container}} to {{secret}}.',
      'secret-value': '{{object}} holds 1 literal value in {{key}} ({{names}}).',
      'secret-values': '{{object}} holds {{count}} literal values in {{key}} ({{names}}).',
    },
    fixes: {
      'move-to-variable': 'Move the value to a sensitive variable var.{{name}}',
      'remove-default': 'Remove the default (pass the value at apply time)',
    },
    examples: {
      good: [
        {
          language: 'terraform',
          code: 'variable "db_password" {\n  type      = string\n  sensitive = true\n}\n\nresource "aws_db_instance" "db" {\n  username = "admin"\n  password = var.db_password\n}\n',
        },
        {
          language: 'yaml',
          code: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: api\nspec:\n  containers:\n    - name: api\n      image: api:1.0\n      env:\n        - name: DB_PASSWORD\n          valueFrom:\n            secretKeyRef:\n              name: db\n              key: password\n',
        },
      ],
      bad: [
        { language: 'terraform', code: 'resource "aws_db_instance" "db" {\n  username = "admin"\n  password = "Sup3rS3cret!"\n}\n' },
        { language: 'yaml', code: 'apiVersion: v1\nkind: Secret\nmetadata:\n  name: db\nstringData:\n  password: Sup3rS3cret!\n' },
      ],
    },
  },
  check(ctx) {
    for (const mod of ctx.terraform) checkTerraform(ctx, mod);
    checkKubernetesSecrets(ctx);
  },
});
