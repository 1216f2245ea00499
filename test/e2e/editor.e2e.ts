/**
 * End-to-end: the packaged VSIX in code-server, driven through Chromium as a person would use it
 * (`npm run test:e2e`). Screenshots land in test-results/e2e/.
 */
import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';
import { CodeServer, setupCodeServer } from './code-server';

const ROOT = resolve(__dirname, '../..');
const SHOTS = join(ROOT, 'test-results/e2e');
const VSIX = join(ROOT, 'test-results/snclint-e2e.vsix');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
/** How long the UI gets to show something; generous because two cores are shared with the language server and code-server. */
const UI_MS = 60000;

const SETTINGS = {
  'workbench.startupEditor': 'none',
  'security.workspace.trust.enabled': false,
  'workbench.tips.enabled': false,
  'editor.hover.delay': 200,
  'snclint.scanWorkspace': true,
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'telemetry.telemetryLevel': 'off',
  // The sibling test needs the edited variables.tf to stay unsaved.
  'files.autoSave': 'off',
};

const ctrl = process.platform === 'darwin' ? 'Meta' : 'Control';

async function shot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(SHOTS, `${name}.png`) });
}

/** Opens a workspace file through Quick Open, as a person would. */
async function openFile(page: Page, name: string): Promise<void> {
  await page.keyboard.press(`${ctrl}+KeyP`);
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible', timeout: UI_MS });
  await input.fill(name);
  // Enter only once the list shows the match: before that, it still lists recently opened files.
  const base = name.split('/').pop()!;
  await page.locator('.quick-input-widget .monaco-list-row.focused', { hasText: base }).first().waitFor({ timeout: UI_MS });
  await page.keyboard.press('Enter');
  await page.locator(`.tab.active[data-resource-name="${base}"]`).waitFor({ timeout: UI_MS });
}

/**
 * Moves the cursor to a line with Go to Line, and waits until the status bar shows it there. Just
 * after a file opens, the box may take the number before the editor counts as active: Enter then
 * leaves the box open, and keys meant for the editor would be typed in it. It is then closed and
 * asked again.
 */
async function goToLine(page: Page, line: number): Promise<void> {
  const input = page.locator('.quick-input-widget input');
  const there = page.locator('.statusbar-item', { hasText: new RegExp(`\\bLn ${line}, Col \\d+`) }).first();
  const deadline = Date.now() + UI_MS;
  for (;;) {
    await page.keyboard.press(`${ctrl}+KeyG`);
    // Keys typed before the Go to Line box shows go to the editor.
    await input.waitFor({ state: 'visible', timeout: UI_MS });
    await page.keyboard.type(String(line));
    await page.keyboard.press('Enter');
    try {
      await input.waitFor({ state: 'hidden', timeout: 3000 });
      await there.waitFor({ timeout: 3000 });
      return;
    } catch (e) {
      if (Date.now() > deadline) throw e;
      if (await input.isVisible()) await page.keyboard.press('Escape');
    }
  }
}

function problemRows(page: Page): Locator {
  return page.locator('.markers-panel .monaco-tl-row');
}

/** Texts of the Problems panel's rows. */
async function problems(page: Page): Promise<string[]> {
  return problemRows(page).allInnerTexts();
}

async function waitForProblems(page: Page, accept: (rows: string[]) => boolean, what: string): Promise<string[]> {
  const deadline = Date.now() + UI_MS;
  let rows: string[] = [];
  while (Date.now() < deadline) {
    rows = await problems(page);
    if (accept(rows)) return rows;
    await page.waitForTimeout(250);
  }
  throw new Error(`Problems panel never showed ${what}; it shows:\n${rows.join('\n')}`);
}

/** The first error (or warning) squiggle on an editor line whose text contains `needle` (the editor re-renders lines: measure afresh each time). */
async function squiggleOnLine(page: Page, needle: string, kind: 'error' | 'warning' = 'error'): Promise<Locator> {
  const line = page
    .locator('.editor-instance .monaco-editor .view-lines .view-line', { hasText: needle })
    .filter({ visible: true })
    .first();
  const squiggles = page.locator(`.editor-instance .monaco-editor .squiggly-${kind}`).filter({ visible: true });
  const deadline = Date.now() + UI_MS;
  while (Date.now() < deadline) {
    const lineBox = await line.boundingBox({ timeout: 1000 }).catch(() => null);
    if (lineBox) {
      for (const s of await squiggles.all()) {
        const box = await s.boundingBox({ timeout: 1000 }).catch(() => null);
        if (box && Math.abs(box.y + box.height / 2 - (lineBox.y + lineBox.height / 2)) < lineBox.height / 2) return s;
      }
    }
    await page.waitForTimeout(250);
  }
  throw new Error(`No error squiggle on the line "${needle}"`);
}

describe('snclint in code-server (end to end)', function () {
  this.timeout(15 * 60 * 1000);
  let server: CodeServer | undefined;
  let browser: Browser | undefined;
  let page: Page;
  let workspace: string;

  before(async () => {
    rmSync(SHOTS, { recursive: true, force: true });
    mkdirSync(SHOTS, { recursive: true });
    if (!existsSync(CHROMIUM)) throw new Error(`Chromium is not at ${CHROMIUM} (apt-get install chromium, or set CHROMIUM_PATH)`);
    execFileSync(process.execPath, [join(ROOT, 'scripts/package.mjs')], {
      cwd: ROOT,
      stdio: 'inherit',
      env: { ...process.env, SNCLINT_VSIX: VSIX },
    });
    const entry = setupCodeServer();
    workspace = mkdtempSync(join(tmpdir(), 'snclint-e2e-ws-'));
    cpSync(join(__dirname, 'workspace'), workspace, { recursive: true });
    server = await CodeServer.start(entry, VSIX, SETTINGS);
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run'],
    });
    page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    await page.goto(server.folderUrl(workspace));
    await page.locator('.monaco-workbench').waitFor({ timeout: UI_MS });
    // The explorer shows the workspace once the window has settled.
    await page.locator('.explorer-folders-view .monaco-list-row', { hasText: 'infra' }).waitFor({ timeout: UI_MS });
  });

  after(async function () {
    if (this.currentTest?.state === 'failed' && page) await shot(page, 'failure').catch(() => undefined);
    await browser?.close();
    await server?.stop();
    if (workspace) rmSync(workspace, { recursive: true, force: true });
  });

  afterEach(async function () {
    if (this.currentTest?.state === 'failed') {
      await shot(page, `failed-${this.currentTest.title.replace(/\W+/g, '-')}`).catch(() => undefined);
      process.stderr.write(`code-server output:\n${server?.output.slice(-4000) ?? ''}\n`);
    }
  });

  it('underlines the findings of an open Terraform file', async () => {
    await openFile(page, 'infra/main.tf');
    await squiggleOnLine(page, 'region = var.region');
    await squiggleOnLine(page, 'resource "aws_ebs_volume" "data"');
    await shot(page, '1-diagnostics');
  });

  it('lists the findings of the workspace, open or not, in the Problems panel', async () => {
    await page.keyboard.press(`${ctrl}+Shift+KeyM`);
    const rows = await waitForProblems(
      page,
      (r) =>
        r.some((t) => t.includes('unencrypted-volume')) &&
        r.some((t) => t.includes('Deployment api')) &&
        r.filter((t) => t.includes('non-eu-region')).length >= 2,
      'the Terraform and Kubernetes findings',
    );
    assert.ok(
      rows.some((t) => t.includes('deployment.yaml')),
      rows.join('\n'),
    );
    await shot(page, '2-problems');
  });

  it('explains a finding on hover, with its SecNumCloud requirements', async () => {
    const squiggle = await squiggleOnLine(page, 'resource "aws_ebs_volume" "data"');
    const box = await squiggle.boundingBox();
    assert.ok(box);
    await page.mouse.move(box.x + Math.min(20, box.width / 2), box.y + box.height / 2);
    const hover = page.locator('.monaco-hover', { hasText: 'SecNumCloud' }).first();
    await hover.waitFor({ state: 'visible', timeout: UI_MS });
    const text = await hover.innerText();
    assert.match(text, /aws_ebs_volume\.data is not encrypted/);
    assert.match(text, /10\.1\.a/);
    assert.match(text, /Encrypt block storage at rest/);
    // The hover fades in.
    await page.waitForTimeout(600);
    await shot(page, '3-hover');
    await page.mouse.move(5, 5);
    await page.keyboard.press('Escape');
  });

  it('applies a quick fix and the finding goes away', async () => {
    const squiggle = await squiggleOnLine(page, 'resource "aws_ebs_volume" "data"');
    const box = await squiggle.boundingBox();
    assert.ok(box);
    await page.mouse.click(box.x + Math.min(20, box.width / 2), box.y + box.height / 2);
    await page.keyboard.press(`${ctrl}+Period`);
    const fix = page.locator('.action-widget .monaco-list-row', { hasText: 'Set encrypted = true' }).first();
    await fix.waitFor({ state: 'visible', timeout: UI_MS });
    await shot(page, '4-quick-fix-menu');
    // The menu's pointer guard swallows clicks while it animates: choose with the keyboard, as people do.
    for (
      let i = 0;
      i < 10 && !(await page.locator('.action-widget .monaco-list-row.focused', { hasText: 'Set encrypted = true' }).count());
      i++
    )
      await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await page
      .locator('.editor-instance .monaco-editor .view-line', { hasText: 'encrypted' })
      .filter({ visible: true })
      .first()
      .waitFor({ timeout: UI_MS });
    await waitForProblems(page, (r) => !r.some((t) => t.includes('unencrypted-volume')), 'the volume finding gone');
    await page.keyboard.press(`${ctrl}+KeyS`);
    const deadline = Date.now() + UI_MS;
    while (!/encrypted\s*=\s*true/.test(readFileSync(join(workspace, 'infra/main.tf'), 'utf8'))) {
      assert.ok(Date.now() < deadline, 'the fixed file is saved');
      await page.waitForTimeout(250);
    }
    await shot(page, '5-fixed');
  });

  it('re-lints main.tf when its variables change in another, unsaved editor', async () => {
    await openFile(page, 'infra/variables.tf');
    await goToLine(page, 3);
    await page.keyboard.press('End');
    await page.keyboard.press('Shift+Home');
    await page.keyboard.type('default = "eu-west-3"');
    await waitForProblems(page, (r) => !r.some((t) => t.includes('provider "aws" uses region')), 'the provider finding gone');
    const rows = await problems(page);
    assert.ok(
      rows.some((t) => t.includes('Deployment api')),
      rows.join('\n'),
    );
    await shot(page, '6-sibling-relint');
  });

  it('follows a settings change: turning the workspace scan off leaves only open files checked', async () => {
    await page.keyboard.press(`${ctrl}+Comma`);
    const search = page
      .locator('.settings-editor .suggest-input-container textarea, .settings-editor .suggest-input-container input')
      .first();
    await search.waitFor({ state: 'visible', timeout: UI_MS });
    await search.fill('snclint.scanWorkspace');
    const checkbox = page.locator('.settings-editor .setting-item-bool .setting-value-checkbox').first();
    await checkbox.waitFor({ state: 'visible', timeout: UI_MS });
    assert.equal(await checkbox.getAttribute('aria-checked'), 'true');
    await checkbox.click();
    await waitForProblems(page, (r) => !r.some((t) => t.includes('Deployment api')), 'the closed deployment.yaml gone');
    await shot(page, '7-settings-change');
  });

  it('suppresses a finding with a comment and leaves the cursor where the reason goes', async () => {
    await openFile(page, 'k8s/deployment.yaml');
    const squiggle = await squiggleOnLine(page, 'topology.kubernetes.io/region');
    const box = await squiggle.boundingBox();
    assert.ok(box);
    await page.mouse.click(box.x + Math.min(20, box.width / 2), box.y + box.height / 2);
    await page.keyboard.press(`${ctrl}+Period`);
    const title = 'Suppress non-eu-region on this line';
    await page.locator('.action-widget .monaco-list-row', { hasText: title }).first().waitFor({ state: 'visible', timeout: UI_MS });
    for (let i = 0; i < 10 && !(await page.locator('.action-widget .monaco-list-row.focused', { hasText: title }).count()); i++)
      await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await page
      .locator('.editor-instance .monaco-editor .view-line', { hasText: 'snclint:ignore non-eu-region' })
      .filter({ visible: true })
      .first()
      .waitFor({ timeout: UI_MS });
    // The cursor moves once the edit is applied: wait for it, as the eye does, then type the reason.
    const comment = '        # snclint:ignore non-eu-region -- ';
    await page
      .locator('.statusbar-item', { hasText: `Ln 16, Col ${comment.length + 1}` })
      .first()
      .waitFor({ timeout: UI_MS });
    await page.keyboard.type('pinned for the load test');
    const line = page
      .locator('.editor-instance .monaco-editor .view-line', { hasText: 'snclint:ignore' })
      .filter({ visible: true })
      .first();
    // A loaded machine renders the last keystrokes a little later: wait for them before reading the line.
    await page
      .locator('.editor-instance .monaco-editor .view-line', { hasText: 'pinned for the load test' })
      .filter({ visible: true })
      .first()
      .waitFor({ timeout: UI_MS })
      .catch(() => undefined);
    const text = (await line.innerText()).replace(/\u00a0/g, ' ');
    assert.equal(text, `${comment}pinned for the load test`);
    await shot(page, '8-suppressed');
  });

  it('shows the SecNumCloud coverage report of the workspace', async () => {
    await page.keyboard.press(`${ctrl}+Shift+KeyP`);
    const input = page.locator('.quick-input-widget input');
    await input.waitFor({ state: 'visible', timeout: UI_MS });
    await input.fill('>snclint: Show SecNumCloud Coverage Report');
    await page.locator('.quick-input-widget .monaco-list-row.focused', { hasText: 'Coverage Report' }).first().waitFor({ timeout: UI_MS });
    await page.keyboard.press('Enter');
    // The Markdown preview renders in a webview, inside nested frames.
    const deadline = Date.now() + UI_MS;
    let found = false;
    while (!found && Date.now() < deadline) {
      for (const frame of page.frames()) {
        const body = await frame
          .locator('body')
          .innerText({ timeout: 500 })
          .catch(() => '');
        if (body.includes('SecNumCloud coverage of the workspace') && body.includes('10.1.a')) found = true;
      }
      if (!found) await page.waitForTimeout(500);
    }
    assert.ok(found, 'the coverage report is shown');
    await shot(page, '9-coverage');
  });

  it('creates a starter configuration with a command', async () => {
    await page.keyboard.press(`${ctrl}+Shift+KeyP`);
    const input = page.locator('.quick-input-widget input');
    await input.waitFor({ state: 'visible', timeout: UI_MS });
    await input.fill('>snclint: Create Starter Configuration');
    await page
      .locator('.quick-input-widget .monaco-list-row.focused', { hasText: 'Create Starter Configuration' })
      .first()
      .waitFor({ timeout: UI_MS });
    await page.keyboard.press('Enter');
    await page.locator('.tab.active[data-resource-name=".snclint.yml"]').waitFor({ timeout: UI_MS });
    assert.ok(existsSync(join(workspace, '.snclint.yml')), 'the starter configuration is written');
    await shot(page, '10-starter-config');
  });

  it('re-lints open files as .snclint.yml is edited, and shows its problems on it', async () => {
    await page.locator('.tab.active[data-resource-name=".snclint.yml"]').waitFor({ timeout: UI_MS });
    await page.locator('.editor-instance .monaco-editor .view-lines').filter({ visible: true }).first().click();
    assert.ok(
      (await problems(page)).some((t) => t.includes('run-as-root')),
      'deployment.yaml runs as root before the change',
    );
    // Unsaved: the open buffer of the configuration is what counts.
    await page.keyboard.press(`${ctrl}+End`);
    await page.keyboard.type('rules: { run-as-root: off }');
    await waitForProblems(
      page,
      (r) => !r.some((t) => t.includes('run-as-root')) && r.some((t) => t.includes('privilege-escalation')),
      'run-as-root turned off',
    );
    await page.keyboard.press('Home');
    await page.keyboard.press('Shift+End');
    await page.keyboard.type('rulez: { run-as-root: off }');
    const rows = await waitForProblems(page, (r) => r.some((t) => t.includes('Unknown key "rulez"')), 'the configuration problem');
    assert.ok(
      rows.some((t) => t.includes('.snclint.yml')),
      rows.join('\n'),
    );
    assert.ok(!rows.some((t) => t.includes('run-as-root')), 'the last good configuration stays in force');
    await squiggleOnLine(page, 'rulez: { run-as-root: off }');
    await shot(page, '11-config-problem');
  });

  it('shows a finding an overlay causes in its patch, and none on the compliant base it renders', async () => {
    await openFile(page, 'kustomize/overlays/dev/debug.yaml');
    await squiggleOnLine(page, 'op: remove', 'warning');
    const rows = await waitForProblems(
      page,
      (r) => r.some((t) => t.includes('Deployment web in overlay overlays/dev lets container web gain privileges')),
      'the overlay finding',
    );
    assert.ok(
      rows.some((t) => t.includes('debug.yaml')),
      rows.join('\n'),
    );
    await shot(page, '12-overlay-patch');
    await openFile(page, 'kustomize/base/deployment.yaml');
    await page
      .locator('.editor-instance .monaco-editor .view-lines .view-line', { hasText: 'allowPrivilegeEscalation: false' })
      .filter({ visible: true })
      .first()
      .waitFor({ timeout: UI_MS });
    // Give the server time to lint the base (it renders the overlay from disk and open buffers).
    await page.waitForTimeout(3000);
    assert.equal(
      await page
        .locator('.editor-instance .monaco-editor .squiggly-warning, .editor-instance .monaco-editor .squiggly-error')
        .filter({ visible: true })
        .count(),
      0,
      'no squiggle on the base',
    );
    const after = await problems(page);
    assert.ok(!after.some((t) => t.includes('Deployment web') && !t.includes('in overlay overlays/dev')), after.join('\n'));
    await shot(page, '13-overlay-base-clean');
  });

  it('lints an OpenTofu .tofu file, and leaves the .tf twin it hides silent', async () => {
    await openFile(page, 'tofu/network.tofu');
    await squiggleOnLine(page, 'location    = "ash"');
    await waitForProblems(page, (r) => r.some((t) => t.includes('hcloud_server.edge uses region ash')), 'the .tofu finding');
    await shot(page, '14-tofu');
    await openFile(page, 'tofu/network.tf');
    await page
      .locator('.editor-instance .monaco-editor .view-lines .view-line', { hasText: 'location    = "hil"' })
      .filter({ visible: true })
      .first()
      .waitFor({ timeout: UI_MS });
    // Give the server time to lint it: a finding would show within this delay.
    await page.waitForTimeout(3000);
    assert.equal(
      await page
        .locator('.editor-instance .monaco-editor .squiggly-warning, .editor-instance .monaco-editor .squiggly-error')
        .filter({ visible: true })
        .count(),
      0,
      'no squiggle on the hidden .tf',
    );
    assert.ok(!(await problems(page)).some((t) => t.includes('uses region hil')));
  });
});
