/** Code actions (quick fixes, fix all) and hover on findings. */
import type { CodeAction, CodeActionContext } from 'vscode-languageserver/node';
import { checkedRequest } from '../boundary';
import { fixAll, quickFixes } from '../code-actions';
import type { LintSnapshot } from '../document-linter';
import { findingHover } from '../hover';
import type { Session } from '../session';
import * as shapes from '../validate';

/** Registers the code action and hover handlers. */
export function registerActionHandlers(s: Session): void {
  const { connection, documents, lints } = s;
  const actions = (snapshot: LintSnapshot | undefined, context: CodeActionContext): CodeAction[] => {
    if (!snapshot) return [];
    const options = { documentChanges: s.client.documentChanges, locale: s.locale };
    return [...quickFixes(snapshot, context, options), ...fixAll(snapshot, context, options)];
  };

  connection.onCodeAction(
    checkedRequest('textDocument/codeAction', shapes.codeActionParams, s.log, (params) => {
      const doc = documents.get(params.textDocument.uri);
      if (!doc) return [];
      // The version the client has now: linted here if small, else awaited from the worker. Fixes are never stale.
      if (lints.behind(doc)) return lints.whenCurrent(doc).then((current) => actions(current, params.context));
      return actions(lints.current(doc), params.context);
    }),
  );

  connection.onHover(
    checkedRequest('textDocument/hover', shapes.hoverParams, s.log, (params) => {
      const doc = documents.get(params.textDocument.uri);
      // Never waits for a lint: a big document being linted shows its last result's hovers.
      const snapshot = doc && lints.current(doc);
      return snapshot ? findingHover(snapshot, params.position, s.rules, s.locale, s.docUri) : null;
    }),
  );
}
