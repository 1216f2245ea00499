/**
 * The lint worker's side: the engine, with its parse and file caches, answering lint requests one
 * at a time, the latest request of each document only.
 */
import type { Diagnostic } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { RULES } from '../../../rules';
import type { Settings } from '../config/settings';
import { DocumentLinter } from './document-linter';
import { ruleDocUri } from './doc-links';
import { pathFromUri } from './documents';
import type { FromWorker, LintRequest, ToWorker, WireFinding } from './lint-protocol';

/** Findings and diagnostics a message carries at most: a bigger result goes in parts, each sent when the main thread asks. */
export const PART_SIZE = 500;

/** The part of a worker's `parentPort` used here. */
export interface Port {
  on(event: 'message', listener: (message: ToWorker) => void): unknown;
  postMessage(message: FromWorker): void;
}

/** Answers lint requests arriving on `port`; requests superseded while a lint runs are never linted. */
export function serveLints(port: Port, partSize = PART_SIZE): void {
  const open = new Map<string, string>();
  let settings: Settings | undefined;
  let folders: readonly string[] = [];
  const linter = new DocumentLinter(
    () => RULES,
    () => settings,
    (message) => port.postMessage({ kind: 'log', message }),
    (path) => open.get(path),
  );
  linter.workspaceFolders = () => folders;
  const queue = new Map<string, LintRequest>();
  let scheduled = false;
  /** A result being sent: what is left of it from `at`. */
  let sending:
    | { readonly req: LintRequest; readonly findings: WireFinding[] | undefined; readonly diagnostics: readonly Diagnostic[]; at: number }
    | undefined;

  /** Sends the next part of the result, or its last slice (empty when the main thread found it stale); the next lint starts once it is all sent. */
  const send = (stale = false): void => {
    const r = sending;
    if (!r) return;
    const { req, findings, diagnostics } = r;
    const at = stale ? Math.max(findings?.length ?? 0, diagnostics.length) : r.at;
    const end = at + partSize;
    if (end >= Math.max(findings?.length ?? 0, diagnostics.length)) {
      sending = undefined;
      port.postMessage({
        kind: 'result',
        id: req.id,
        uri: req.uri,
        version: req.version,
        findings: at ? findings?.slice(at) : findings,
        diagnostics: at ? diagnostics.slice(at) : diagnostics,
      });
      // Messages that arrived meanwhile are delivered before the next lint starts: only the latest of each document runs.
      if (queue.size) schedule();
      return;
    }
    port.postMessage({ kind: 'part', id: req.id, findings: findings?.slice(at, end) ?? [], diagnostics: diagnostics.slice(at, end) });
    r.at = end;
  };

  const run = (): void => {
    scheduled = false;
    if (sending) return;
    const next = queue.entries().next();
    if (next.done) return;
    const [uri, req] = next.value;
    queue.delete(uri);
    settings = req.settings;
    folders = req.folders;
    linter.diagnosticOptions = {
      relatedInformation: req.relatedInformation,
      locale: req.locale,
      docUri: (id) => ruleDocUri(req.locale, id),
    };
    const snapshot = linter.lint(TextDocument.create(uri, 'plaintext', req.version, req.text));
    // The main thread keeps the results: nothing of a closed document stays here.
    linter.forget(uri);
    const findings: WireFinding[] | undefined = snapshot?.findings.map(({ file: _file, related: _related, ...rest }) => rest);
    sending = { req, findings, diagnostics: snapshot?.diagnostics ?? [], at: 0 };
    send();
  };
  const schedule = (): void => {
    if (scheduled) return;
    scheduled = true;
    setImmediate(run);
  };

  port.on('message', (m) => {
    if (m.kind === 'more') {
      if (sending?.req.id === m.id) send(m.stale);
      return;
    }
    if (m.kind === 'changed') {
      for (const p of m.paths) linter.fileChanged(p);
      return;
    }
    // Open texts apply at once, as a later request for another document may rely on them.
    for (const o of m.open) {
      if (o.text === null) open.delete(o.path);
      else open.set(o.path, o.text);
    }
    open.set(pathFromUri(m.uri), m.text);
    queue.delete(m.uri);
    queue.set(m.uri, m);
    schedule();
  });
  port.postMessage({ kind: 'ready' });
}
