/** Malformed messages at the language server's boundary: each refused on its own, the server keeps serving. */
import { strict as assert } from 'node:assert';
import { ResponseError } from 'vscode-languageserver';
import { LspClient, SERVER, ensureBuilt } from '../harness/lsp-client';
import { checkedNotification, checkedRequest } from '../../server/src/lsp/boundary';
import { FrameFilter } from '../../server/src/lsp/frames';
import { didOpenParams, noParams, validate } from '../../server/src/lsp/validate';

const TERRAFORM = 'provider "aws" {\n  region = "us-east-1"\n}\n';
const INVALID_PARAMS = -32602;

/** The error code a request is answered with, or 'ok'. */
async function answer(client: LspClient, method: string, params: unknown): Promise<number | 'ok'> {
  try {
    await client.connection.sendRequest(method, params);
    return 'ok';
  } catch (e) {
    return (e as { code: number }).code;
  }
}

describe('language server boundary', function () {
  this.timeout(30000);
  let client: LspClient;
  let n = 0;

  before(async () => {
    ensureBuilt();
    client = LspClient.start(SERVER);
    await client.initialize({ textDocument: { publishDiagnostics: { versionSupport: true } } });
  });

  after(async () => {
    await client?.stop();
  });

  /** Opens a fresh Terraform document and checks it gets its finding: the server still lints. */
  async function stillLints(): Promise<void> {
    const uri = `file:///snclint-boundary-test/probe-${++n}/main.tf`;
    await client.open(uri, 'terraform', TERRAFORM);
    const p = await client.diagnostics(uri, 1, 10000);
    assert.deepEqual(
      p.diagnostics.map((d) => d.code),
      ['non-eu-region'],
    );
    assert.ok(client.alive);
  }

  it('ignores a didOpen whose uri is not a string, logs it, and lints later documents', async () => {
    for (const uri of [42, null, { path: '/x.tf' }, ['file:///x.tf'], true]) {
      await client.connection.sendNotification('textDocument/didOpen', {
        textDocument: { uri, languageId: 'terraform', version: 1, text: TERRAFORM },
      });
    }
    await stillLints();
    assert.ok(
      client.logs.some((l) =>
        /Ignored a textDocument\/didOpen notification: params\.textDocument\.uri is a number, not a URI string/.test(l),
      ),
      client.logs.join('\n'),
    );
    assert.ok(!client.logs.some((l) => /startsWith is not a function/.test(l)), client.logs.join('\n'));
  });

  it('ignores didOpen, didChange and didClose with wrong types, missing fields or huge numbers', async () => {
    const uri = 'file:///snclint-boundary-test/doc/main.tf';
    const bad: [string, unknown][] = [
      ['textDocument/didOpen', { textDocument: { uri, languageId: 'terraform', version: 1 } }],
      ['textDocument/didOpen', { textDocument: { uri, languageId: 'terraform', version: 1.5, text: TERRAFORM } }],
      ['textDocument/didOpen', { textDocument: { uri, languageId: 'terraform', version: 1e300, text: TERRAFORM } }],
      ['textDocument/didOpen', { textDocument: { uri, languageId: 7, version: 1, text: TERRAFORM } }],
      ['textDocument/didOpen', { textDocument: { uri: 'no scheme here', languageId: 'terraform', version: 1, text: TERRAFORM } }],
      [
        'textDocument/didOpen',
        { textDocument: { uri: `file:///${'a'.repeat(70000)}.tf`, languageId: 'terraform', version: 1, text: TERRAFORM } },
      ],
      ['textDocument/didOpen', null],
    ];
    for (const [method, params] of bad) await client.connection.sendNotification(method, params);
    await client.open(uri, 'terraform', TERRAFORM);
    assert.equal((await client.diagnostics(uri, 1)).diagnostics.length, 1);
    const changes: unknown[] = [
      { textDocument: { uri, version: 2 }, contentChanges: 'provider "aws" {}' },
      { textDocument: { uri, version: '2' }, contentChanges: [{ text: '' }] },
      { textDocument: { uri, version: 2 }, contentChanges: [{ text: 5 }] },
      {
        textDocument: { uri, version: 2 },
        contentChanges: [{ range: { start: { line: -1, character: 0 }, end: { line: 0, character: 0 } }, text: 'x' }],
      },
      {
        textDocument: { uri, version: 2 },
        contentChanges: [{ range: { start: { line: 2 ** 53, character: 0 }, end: { line: 0, character: 0 } }, text: 'x' }],
      },
      { textDocument: { uri }, contentChanges: [{ text: '' }] },
    ];
    for (const params of changes) await client.connection.sendNotification('textDocument/didChange', params);
    await client.connection.sendNotification('textDocument/didClose', { textDocument: { uri: 7 } });
    await client.connection.sendNotification('textDocument/didSave', { textDocument: {} });
    // None of them touched the document: a good change is version 2, and lints.
    const version = await client.change(uri, 'provider "aws" {\n  region = "eu-west-3"\n}\n');
    assert.equal(version, 2);
    assert.deepEqual((await client.diagnostics(uri, 2)).diagnostics, []);
    assert.ok(
      client.logs.some((l) => /Ignored a textDocument\/didChange notification: params\.contentChanges is a string, not an array/.test(l)),
    );
    assert.ok(
      client.logs.some((l) => /params\.contentChanges\[0\]\.range\.start\.line is out of the range of an unsigned integer/.test(l)),
    );
    await client.close(uri);
  });

  it('answers requests with wrong parameters with InvalidParams, and good ones still', async () => {
    const uri = 'file:///snclint-boundary-test/req/main.tf';
    await client.open(uri, 'terraform', TERRAFORM);
    const [finding] = (await client.diagnostics(uri, 1)).diagnostics;
    assert.ok(finding);
    const position = { line: 1, character: 12 };
    const cases: [string, unknown][] = [
      ['textDocument/hover', { textDocument: { uri }, position: { line: 'one', character: 0 } }],
      ['textDocument/hover', { textDocument: { uri }, position: { line: -1, character: 0 } }],
      ['textDocument/hover', { textDocument: { uri }, position: { line: 1e308, character: 0 } }],
      ['textDocument/hover', { textDocument: { uri: 12 }, position }],
      ['textDocument/hover', { position }],
      ['textDocument/codeAction', { textDocument: { uri }, range: finding.range, context: { diagnostics: 'all' } }],
      ['textDocument/codeAction', { textDocument: { uri }, range: finding.range, context: { diagnostics: [{ message: 'x' }] } }],
      ['textDocument/codeAction', { textDocument: { uri }, range: finding.range, context: { diagnostics: [{ ...finding, message: 3 }] } }],
      ['textDocument/codeAction', { textDocument: { uri }, range: { start: position }, context: { diagnostics: [] } }],
      ['textDocument/codeAction', { textDocument: { uri }, range: finding.range }],
      ['textDocument/diagnostic', { textDocument: { uri: null } }],
      ['textDocument/diagnostic', { textDocument: { uri }, previousResultId: 4 }],
      ['snclint/coverageReport', 'a string'],
      ['snclint/htmlReport', 'a string'],
      ['snclint/scanWorkspace', 17],
    ];
    for (const [method, params] of cases)
      assert.equal(await answer(client, method, params), INVALID_PARAMS, `${method} ${JSON.stringify(params)}`);
    assert.ok(
      client.logs.some((l) =>
        /Rejected a textDocument\/hover request: params\.position\.line is a string, not an unsigned integer/.test(l),
      ),
    );
    // The same requests, well formed, are answered.
    const hover = await client.hover(uri, position.line, position.character);
    assert.match(JSON.stringify(hover), /non-eu-region/);
    const actions = await client.codeActions(uri, finding.range, [finding]);
    assert.ok(actions.length >= 1);
    assert.equal(typeof (await client.connection.sendRequest('snclint/coverageReport')), 'string');
    assert.match(await client.connection.sendRequest<string>('snclint/htmlReport'), /^<!DOCTYPE html>/i);
    await client.close(uri);
  });

  it('answers an unknown method with MethodNotFound and ignores unknown notifications', async () => {
    assert.equal(await answer(client, 'snclint/noSuchRequest', {}), -32601);
    await client.connection.sendNotification('snclint/noSuchNotification', { x: 1 });
    await stillLints();
  });

  it('ignores malformed settings, watched files and workspace trust notifications', async () => {
    await client.connection.sendNotification('workspace/didChangeConfiguration', {
      settings: { snclint: { run: 5, scanWorkspace: 'yes' } },
    });
    await client.connection.sendNotification('workspace/didChangeConfiguration', null);
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: 3, type: 9 }] });
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: { uri: 'file:///x.tf', type: 1 } });
    await client.connection.sendNotification('snclint/workspaceTrusted', 'yes');
    await client.connection.sendNotification('$/setTrace', null);
    await client.connection.sendNotification('$/setTrace', { value: 7 });
    await stillLints();
    assert.ok(
      client.logs.some((l) =>
        /Ignored a workspace\/didChangeConfiguration notification: params\.settings\.snclint\.run is not one of onType, onSave/.test(l),
      ),
      client.logs.join('\n'),
    );
    assert.ok(
      client.logs.some((l) => /Ignored a workspace\/didChangeWatchedFiles notification: params\.changes\[0\]\.uri is a number/.test(l)),
    );
    assert.ok(client.logs.some((l) => /Ignored a \$\/setTrace notification: params\.value is not one of off, messages, verbose/.test(l)));
    assert.ok(!client.logs.some((l) => /failed with message/.test(l)), client.logs.join('\n'));
  });

  it('survives invalid JSON, broken headers and messages that are not JSON-RPC', async () => {
    await client.writeMessage('{"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {');
    await client.writeMessage('\u0000\u00ff not json');
    await client.writeMessage('[]');
    await client.writeMessage('42');
    await client.writeMessage({ jsonrpc: '2.0', id: 999, result: 'an answer to nothing' });
    await client.writeMessage({ jsonrpc: '2.0', id: { a: 1 }, method: 'textDocument/hover', params: {} });
    await client.writeRaw('Content-Length: abc\r\n\r\n');
    await client.writeRaw('Content-Length: -5\r\n\r\n');
    await client.writeRaw('Content-Length: 99999999999999\r\n\r\n');
    await client.writeRaw('Just some words\r\n\r\n');
    await client.writeRaw('X-Unknown: 1\r\n\r\n');
    // A length shorter than the body: the rest of it runs into the next message's header, which is still read.
    const body = JSON.stringify({ jsonrpc: '2.0', method: 'snclint/noSuchNotification', params: { pad: 'x'.repeat(40) } });
    await client.writeRaw(`Content-Length: 20\r\n\r\n${body}`);
    await stillLints();
    assert.ok(
      client.logs.some((l) => /Dropped a message header: Content-Length is not a length/.test(l)),
      client.logs.join('\n'),
    );
    assert.ok(client.logs.some((l) => /Dropped a message header: a header line without ":"/.test(l)));
    assert.ok(client.logs.some((l) => /Dropped \d+ bytes before a message header/.test(l)));
  });
});

describe('boundary helpers', () => {
  it('describe the first problem by its path and type, never by its content', () => {
    const v = validate(didOpenParams, { textDocument: { uri: 'file:///a.tf', languageId: 'terraform', version: 1, text: ['ghp_secret'] } });
    assert.deepEqual(v, { ok: false, problem: 'params.textDocument.text is an array, not a string' });
    assert.equal(validate(noParams, undefined).ok, true);
    assert.equal(validate(noParams, 'x').ok, false);
  });

  it('turn an exception in a request handler into an InternalError answer, and log it', async () => {
    const logged: string[] = [];
    const sync = checkedRequest(
      'x/sync',
      noParams,
      (m) => logged.push(m),
      () => {
        throw new Error('boom');
      },
    );
    const failed = sync(undefined);
    assert.ok(failed instanceof ResponseError);
    assert.equal(failed.code, -32603);
    const rejected = await checkedRequest(
      'x/async',
      noParams,
      (m) => logged.push(m),
      () => Promise.reject(new Error('late boom')),
    )(undefined);
    assert.ok(rejected instanceof ResponseError && rejected.code === -32603);
    assert.equal(logged.length, 2);
    assert.match(logged[0]!, /^x\/sync failed: Error: boom/);
  });

  it('log an exception in a notification handler and return normally', () => {
    const logged: string[] = [];
    checkedNotification(
      'x/note',
      noParams,
      (m) => logged.push(m),
      () => {
        throw new Error('boom');
      },
    )(null);
    assert.equal(logged.length, 1);
  });

  it('frame filter: passes good frames byte for byte across chunk boundaries, drops broken ones', () => {
    const logged: string[] = [];
    const filter = new FrameFilter((m) => logged.push(m));
    const out: Buffer[] = [];
    filter.on('data', (b: Buffer) => out.push(b));
    const good = Buffer.from('Content-Length: 7\r\nContent-Type: application/vscode-jsonrpc; charset=utf-8\r\n\r\n{"a":1}');
    const input = Buffer.concat([
      good,
      Buffer.from('Content-Length: x\r\n\r\nno colon\r\n\r\n'),
      good,
      Buffer.from('Content-Length: 0\r\n\r\n'),
    ]);
    for (let i = 0; i < input.length; i += 5) filter.write(input.subarray(i, i + 5));
    assert.equal(Buffer.concat(out).toString(), `${good.toString()}${good.toString()}Content-Length: 0\r\n\r\n`);
    assert.equal(logged.length, 2);
    // Bytes that never end a header are dropped, bounded; the next message is read again.
    out.length = 0;
    filter.write(Buffer.alloc(20000, 0x61));
    filter.write(good);
    assert.ok(logged.some((l) => /not a message header/.test(l)));
    assert.equal(Buffer.concat(out).toString(), good.toString());
  });
});
