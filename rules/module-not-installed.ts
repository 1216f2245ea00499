/** module-not-installed: registry, git and other remote modules are checked only where init installed them, as they are called. */
import { defineRule } from '../server/src/lint/rule';
import { attr } from '../server/src/terraform/ast';
import { type InstallMismatch, installationOf } from '../server/src/terraform/project';

/** At most this many call addresses are named in the message. */
const NAMED = 3;

/** The message of each kind of difference between a call and what init installed. */
const MISMATCH = { version: 'version-mismatch', source: 'source-mismatch', twice: 'installed-twice' } as const satisfies Record<
  InstallMismatch['kind'],
  string
>;

export default defineRule({
  meta: {
    id: 'module-not-installed',
    title: 'Install the modules a root module calls, so that they are checked',
    description:
      'snclint never fetches a module: calls whose source is a registry, git, HTTP, S3 or GCS address are ' +
      'followed through the `.terraform/modules/modules.json` that `terraform init` or `tofu init` writes, ' +
      "and checked with the call's inputs. Reports, once per root module, the calls that no installed " +
      "module resolves; and, at the call, an installed module whose version no longer meets the call's " +
      '`version` constraint, whose source changed, or that is listed twice.',
    rationale:
      'Most of what a root module deploys is decided inside the modules it calls: a call left unread is a ' +
      'part of the infrastructure nobody checked. SecNumCloud 5.1 asks for stable, patched software ' +
      'configured for the best level of security; a module older than its constraint may lack the fixes ' +
      'the constraint asks for.',
    remediation:
      'Run terraform init (or tofu init) in the root module before snclint, as CI already does before ' +
      'plan; after changing a version or a source, run it again (init -upgrade). Turn the rule off ' +
      '(module-not-installed: off) where modules are not installed on purpose.',
    severity: 'info',
    requirements: ['5.1.a'],
    fixable: false,
    covers: [
      'module calls with registry, git, HTTP, S3, GCS and other non-local sources',
      '.terraform/modules/modules.json written by terraform init and tofu init',
    ],
    limits:
      'Only what init installed is read: a module is never fetched, and a call whose source is not known ' +
      '(built from a variable) is not counted.',
    messages: {
      'one-not-installed':
        '1 module call with a non-local source ({{calls}}) is not followed: no ' +
        '.terraform/modules/modules.json lists it. Run terraform init (or tofu init) to make it checkable.',
      'many-not-installed':
        '{{count}} module calls with non-local sources ({{calls}}) are not followed: no ' +
        '.terraform/modules/modules.json lists them. Run terraform init (or tofu init) to make them ' +
        'checkable.',
      'one-not-listed':
        '1 module call with a non-local source ({{calls}}) is not followed: .terraform/modules/modules.json ' +
        'does not list it, or its folder is missing. Run terraform init (or tofu init) to make it checkable.',
      'many-not-listed':
        '{{count}} module calls with non-local sources ({{calls}}) are not followed: ' +
        '.terraform/modules/modules.json does not list them, or their folders are missing. Run terraform ' +
        'init (or tofu init) to make them checkable.',
      'version-mismatch':
        '{{module}} asks for version {{wanted}}, but {{installed}} is installed ' +
        '(.terraform/modules/modules.json): run terraform init -upgrade (or tofu init -upgrade). The ' +
        'installed module is what snclint checks.',
      'source-mismatch':
        '{{module}} calls {{wanted}}, but {{installed}} is installed (.terraform/modules/modules.json): run ' +
        'terraform init (or tofu init). The installed module is what snclint checks.',
      'installed-twice':
        '{{module}} is installed twice (.terraform/modules/modules.json lists it more than once): run ' +
        'terraform init (or tofu init) again. The last entry, {{installed}}, is what snclint checks.',
    },
    examples: {
      good: [{ language: 'terraform', code: 'module "network" {\n  source = "./modules/network"\n}\n' }],
      bad: [{ language: 'terraform', code: 'module "vpc" {\n  source  = "terraform-aws-modules/vpc/aws"\n  version = "~> 5.0"\n}\n' }],
    },
  },
  check(ctx) {
    for (const m of ctx.terraform) {
      const inst = installationOf(m);
      if (!inst) continue;
      const first = inst.notFollowed[0];
      if (first) {
        const n = inst.notFollowed.length;
        const names =
          inst.notFollowed
            .slice(0, NAMED)
            .map((c) => c.address)
            .join(', ') + (n > NAMED ? ` and ${n - NAMED} more` : '');
        ctx.report({
          file: first.file,
          range: first.block.headerRange,
          messageId: inst.manifest
            ? n === 1
              ? 'one-not-listed'
              : 'many-not-listed'
            : n === 1
              ? 'one-not-installed'
              : 'many-not-installed',
          data: { count: n, calls: names },
        });
      }
      for (const mm of inst.mismatches) {
        const at =
          mm.kind === 'version' ? attr(mm.block.body, 'version') : mm.kind === 'source' ? attr(mm.block.body, 'source') : undefined;
        ctx.report({
          file: mm.file,
          range: at ? at.expr.range : mm.block.headerRange,
          messageId: MISMATCH[mm.kind],
          data: { module: mm.address, wanted: mm.wanted, installed: mm.installed },
          severity: 'warning',
        });
      }
    }
  },
});
