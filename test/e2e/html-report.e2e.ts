/**
 * End-to-end: the `--format html` evidence report rendered in Chromium, in English and French,
 * offline (nothing requested but the file itself). Screenshots land in test-results/html-report/.
 */
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type Browser } from 'playwright-core';

const ROOT = resolve(__dirname, '../..');
const SHOTS = join(ROOT, 'test-results/html-report');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
/** The secrets written in the fixture: no byte of them may reach the report. */
const SECRETS = ['Hx7-Qr92-Vz41-Secret', 'ghp_abcdefghijklmnopqrstuvwxyz0123456789'];

describe('HTML evidence report in Chromium', function () {
  this.timeout(300000);
  let browser: Browser | undefined;
  let dir = '';

  before(function () {
    if (!existsSync(CHROMIUM)) {
      console.log(`    skipped: ${CHROMIUM} is not installed (apt-get install chromium; .ci/run installs it)`);
      this.skip();
    }
    if (!existsSync(join(ROOT, 'server/out/cli.js'))) spawnSync(process.execPath, ['esbuild.mjs'], { cwd: ROOT, stdio: 'inherit' });
    mkdirSync(SHOTS, { recursive: true });
    dir = mkdtempSync(join(tmpdir(), 'snclint-html-'));
    // The fixture: findings of every severity, a secret in Terraform and in a manifest, a live and an
    // expired suppression, a file that does not parse, and a file named that snclint does not read.
    cpSync(join(ROOT, 'test/fixtures/html-report'), dir, { recursive: true });
  });
  after(async () => {
    await browser?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  for (const [locale, lang, words] of [
    [
      'en',
      'en_US.UTF-8',
      [
        'SecNumCloud 3.2 evidence report',
        'Findings by requirement',
        'Rules ran, no finding',
        'Not checkable from code',
        'scratch disk wiped nightly (RISK-142)',
        '2027-06-30',
        'syntax error, checked in part',
        'NOTES.md',
        'Configuration in force',
        '--fail-on error',
      ],
    ],
    [
      'fr',
      'fr_FR.UTF-8',
      [
        'Rapport de preuves SecNumCloud 3.2',
        'Constats par exigence',
        'Règles exécutées, sans constat',
        'Non vérifiable depuis le code',
        'scratch disk wiped nightly (RISK-142)',
        '2027-06-30',
        'erreur de syntaxe, vérifié en partie',
        'NOTES.md',
        'Configuration en vigueur',
        "n'est pas chiffré",
      ],
    ],
  ] as const) {
    it(`renders offline in ${locale}: status per requirement, charts, findings with masked excerpts, suppressions, files not checked, configuration`, async () => {
      const out = join(dir, `report-${locale}.html`);
      const r = spawnSync(process.execPath, [join(ROOT, 'server/out/cli.js'), '--format', `html=${out}`, '.', 'NOTES.md'], {
        cwd: dir,
        encoding: 'utf8',
        env: { ...process.env, LANG: lang, LC_ALL: '', LC_MESSAGES: '' },
      });
      assert.equal(r.status, 1, r.stderr);
      const html = readFileSync(out, 'utf8');
      for (const s of SECRETS) assert.ok(!html.includes(s), `the report never holds the secret ${s.slice(0, 4)}…`);
      browser ??= await chromium.launch({
        executablePath: CHROMIUM,
        args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run'],
      });
      const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
      const requests: string[] = [];
      page.on('request', (req) => requests.push(req.url()));
      await page.goto(`file://${out}`);
      assert.deepEqual(requests, [`file://${out}`], 'the report loads nothing');
      const text = await page.locator('body').innerText();
      for (const w of words) assert.ok(text.includes(w), `the page shows "${w}"`);
      assert.equal(await page.locator('figure.chart svg').count(), 3, 'three charts');
      assert.ok((await page.locator('figure.chart svg rect').count()) >= 3, 'the charts have bars');
      assert.ok((await page.locator('article.finding pre.code span.hit').count()) > 0, 'excerpts mark the finding lines');
      assert.ok(text.includes('••••••'), 'secrets show masked');
      const chart = await page.locator('figure.chart').first().boundingBox();
      assert.ok(chart && chart.width > 200 && chart.height > 40, 'the charts have a size');
      await page.screenshot({ path: join(SHOTS, `report-${locale}.png`) });
      await page.screenshot({ path: join(SHOTS, `report-${locale}-full.png`), fullPage: true });
      await page.close();
    });
  }
});
