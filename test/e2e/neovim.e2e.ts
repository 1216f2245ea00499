/**
 * End-to-end: the README's Neovim configuration, run in Debian's Neovim, headless: the language
 * server starts as `snclint-language-server --stdio` and its diagnostics reach Neovim.
 */
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const ROOT = resolve(__dirname, '../..');
const SERVER = join(ROOT, 'server/out/server.js');

/** The Lua block that follows the README's Neovim heading: the test runs what users copy. */
function readmeConfig(): string {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const at = readme.indexOf('**Neovim**');
  assert.ok(at >= 0, 'the README has a Neovim section');
  const m = /```lua\n([\s\S]*?)```/.exec(readme.slice(at));
  assert.ok(m, 'with a Lua block');
  return m[1]!;
}

/** Waits for diagnostics, writes them one per line, and quits. */
const CHECK = `
vim.wait(60000, function() return #vim.diagnostic.get(0) > 0 end, 200)
local out = {}
for _, d in ipairs(vim.diagnostic.get(0)) do
  table.insert(out, string.format('%d:%d %s %s %s', d.lnum + 1, d.col + 1, d.source or '', tostring(d.code), d.message))
end
table.sort(out)
vim.fn.writefile(out, 'diagnostics.txt')
vim.cmd('qa!')
`;

describe('Neovim built-in LSP', function () {
  this.timeout(180000);
  let dir = '';

  before(function () {
    if (spawnSync('nvim', ['--version'], { stdio: 'ignore' }).status !== 0) {
      if (process.env.CI) throw new Error('nvim is not installed: .ci/run installs it');
      console.log('    skipped: nvim is not installed (apt-get install neovim; .ci/run installs it)');
      this.skip();
    }
    if (!existsSync(SERVER)) spawnSync(process.execPath, ['esbuild.mjs'], { cwd: ROOT, stdio: 'inherit' });
    dir = mkdtempSync(join(tmpdir(), 'snclint-nvim-'));
    // The command the package installs, as npm links it.
    mkdirSync(join(dir, 'bin'));
    writeFileSync(join(dir, 'bin/snclint-language-server'), `#!/bin/sh\nexec "${process.execPath}" "${SERVER}" "$@"\n`, { mode: 0o755 });
    writeFileSync(join(dir, 'init.lua'), readmeConfig());
    writeFileSync(join(dir, 'check.lua'), CHECK);
    writeFileSync(join(dir, 'variables.tf'), 'variable "region" {\n  default = "us-east-1"\n}\n');
    writeFileSync(join(dir, 'main.tf'), 'provider "aws" {\n  region = var.region\n}\n\nresource "aws_ebs_volume" "v" {\n  size = 10\n}\n');
  });
  after(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('shows snclint diagnostics in a Terraform buffer, with the module read', () => {
    const env = {
      ...process.env,
      PATH: `${join(dir, 'bin')}:${process.env.PATH}`,
      XDG_CONFIG_HOME: join(dir, 'config'),
      XDG_DATA_HOME: join(dir, 'data'),
      XDG_STATE_HOME: join(dir, 'state'),
      XDG_CACHE_HOME: join(dir, 'cache'),
    };
    const r = spawnSync('nvim', ['--headless', '--clean', '-u', 'init.lua', 'main.tf', '-c', 'luafile check.lua'], {
      cwd: dir,
      env,
      encoding: 'utf8',
      timeout: 120000,
    });
    assert.equal(r.status, 0, `${r.stdout}${r.stderr}`);
    const lines = readFileSync(join(dir, 'diagnostics.txt'), 'utf8').trim().split('\n');
    assert.ok(
      lines.some((l) => /^2:12 snclint non-eu-region provider "aws" uses region us-east-1 .*var\.region/.test(l)),
      lines.join('\n'),
    );
    assert.ok(
      lines.some((l) => /^5:1 snclint unencrypted-volume aws_ebs_volume\.v is not encrypted/.test(l)),
      lines.join('\n'),
    );
  });
});
