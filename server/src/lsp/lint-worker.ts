/**
 * The lint worker's side: the engine, with its parse and file caches, answering lint requests one
 * at a time, the latest request of each document only.
 */
import { TextDocument } from 'vscode-languageserver-textdocument';
import { RULES } from '../../../rules';
import type { Settings } from '../config/settings';
import { DocumentLinter } from './document-linter';
import { ruleDocUri } from './doc-links';
import { pathFromUri } from './documents';
import type { FromWorker, LintRequest, ToWorker, WireFinding } from './lint-protocol';

/** The part of a worker's `parentPort` used here. */
export interface Port {
  on(event: 'message', listener: (message: ToWorker) => void): unknown;
  postMessage(message: FromWorker): void;
}

/** Answers lint requests arriving on `port`; requests superseded while a lint runs are never linted. */
export function serveLints(port: Port): void {
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

  const run = (): void => {
    scheduled = false;
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
    port.postMessage({ kind: 'result', id: req.id, uri, version: req.version, findings, diagnostics: snapshot?.diagnostics ?? [] });
    // Messages that arrived meanwhile are delivered before the next lint starts: only the latest of each document runs.
    if (queue.size) schedule();
  };
  const schedule = (): void => {
    if (scheduled) return;
    scheduled = true;
    setImmediate(run);
  };

  port.on('message', (m) => {
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
