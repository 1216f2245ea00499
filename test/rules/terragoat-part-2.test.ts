/**
 * The operations, exposure, secrets and sovereignty rules against terragoat, the intentionally
 * insecure Terraform of ../shared/corpus/terragoat: every item its KNOWN_CONTENT.md lists for these
 * families is found where it stands (a line inside the reported range), and nothing is reported
 * for what it lists wrongly (aws/db-app.tf:147-150 is an egress rule, not an ingress one).
 */
import { strict as assert } from 'node:assert';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { lint } from '../../server/src/lint/linter';
import { SourceFile, languageOf } from '../../server/src/engine/source';
import type { Finding } from '../../server/src/engine/types';
import { RULES } from '../../rules';

const ROOT = join(__dirname, '..', '..', '..', 'shared', 'corpus', 'terragoat', 'terraform');

function walk(dir: string, out: string[]): string[] {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) walk(p, out);
    else if (languageOf(p)) out.push(p);
  }
  return out;
}

/**
 * [rule, file under terraform/, 1-based line that the finding's range must cover]. KNOWN_CONTENT.md
 * also lists aws/providers.tf:10 and aws/lambda.tf:45: AWS's documentation example keys
 * (AKIAIOSFODNN7EXAMPLE), valid nowhere, which hardcoded-secret treats as placeholders.
 */
const KNOWN: readonly [string, string, number][] = [
  ['hardcoded-secret', 'aws/ec2.tf', 15],
  ['hardcoded-secret', 'azure/mssql.tf', 26],
  ['hardcoded-secret', 'azure/sql.tf', 15],
  ['hardcoded-secret', 'azure/sql.tf', 83],
  ['backup-disabled', 'aws/db-app.tf', 18],
  ['backup-disabled', 'aws/rds.tf', 4],
  ['admin-port-exposed', 'aws/ec2.tf', 95],
  ['admin-port-exposed', 'gcp/networks.tf', 22],
  ['admin-port-exposed', 'gcp/gke.tf', 19],
  ['public-data-exposure', 'aws/db-app.tf', 22],
  ['log-retention', 'azure/logging.tf', 8],
  ['log-retention', 'azure/mssql.tf', 163],
  ['log-retention', 'azure/sql.tf', 41],
  ['log-retention', 'azure/storage.tf', 35],
  ['audit-logging', 'azure/networking.tf', 126],
  ['audit-logging', 'gcp/gke.tf', 8],
  ['extraterritorial-provider', 'aws/providers.tf', 2],
];

describe('terragoat: operations, exposure, secrets and sovereignty', function () {
  this.timeout(60_000);
  let findings: readonly Finding[] = [];
  before(function () {
    if (!existsSync(ROOT)) this.skip();
    const files = walk(ROOT, []).map((p) => new SourceFile(p, readFileSync(p, 'utf8'), languageOf(p)!));
    findings = lint(files, { rules: RULES }).findings;
  });

  const covers = (f: Finding, line: number): boolean =>
    f.file.positionAt(f.range.start).line + 1 <= line && line <= f.file.positionAt(f.range.end).line + 1;
  const at = (rel: string): Finding[] => findings.filter((f) => f.file.path.endsWith(join('terraform', rel)));

  for (const [rule, rel, line] of KNOWN) {
    it(`${rule} at ${rel}:${line}`, () => {
      const here = at(rel).filter((f) => f.ruleId === rule);
      assert.ok(
        here.some((f) => covers(f, line)),
        `found instead: ${here.map((f) => `${f.file.positionAt(f.range.start).line + 1}: ${f.message}`).join('; ') || 'nothing'}`,
      );
    });
  }

  it('reports no admin port for the egress rule of aws/db-app.tf', () => {
    assert.deepEqual(
      at('aws/db-app.tf')
        .filter((f) => f.ruleId === 'admin-port-exposed')
        .map((f) => f.message),
      [],
    );
  });

  it('never shows a whole secret in a message', () => {
    for (const secret of ['AdminPassword123!', 'Aa12345678']) {
      assert.deepEqual(
        findings.filter((f) => f.message.includes(secret)).map((f) => f.message),
        [],
      );
    }
  });
});

describe('kubernetes-goat: hardcoded-secret', function () {
  this.timeout(60_000);
  const dir = join(__dirname, '..', '..', '..', 'shared', 'corpus', 'kubernetes-goat', 'scenarios');
  let findings: readonly Finding[] = [];
  before(function () {
    if (!existsSync(dir)) this.skip();
    const files = walk(dir, []).map((p) => new SourceFile(p, readFileSync(p, 'utf8'), languageOf(p)!));
    findings = lint(files, { rules: RULES }).findings.filter((f) => f.ruleId === 'hardcoded-secret');
  });

  it('reports the Secret with data of scenarios/system-monitor/deployment.yaml', () => {
    const here = findings.filter((f) => f.file.path.endsWith(join('system-monitor', 'deployment.yaml')));
    assert.deepEqual(
      here.map((f) => f.message),
      ['Secret goatvault holds 1 literal value in data (k8sgoatvaultkey).'],
    );
  });
});
