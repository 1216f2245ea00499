/** Code actions (quick fixes, fix all) and hover on findings. */
import { checkedRequest } from '../boundary';
import { fixAll, quickFixes } from '../code-actions';
import { findingHover } from '../hover';
import type { Session } from '../session';
import * as shapes from '../validate';

/** Registers the code action and hover handlers. */
export function registerActionHandlers(s: Session): void {
  const { connection, documents, linter } = s;

  connection.onCodeAction(
    checkedRequest('textDocument/codeAction', shapes.codeActionParams, s.log, (params) => {
      const doc = documents.get(params.textDocument.uri);
      // Lints the version the client has now if the debounced lint has not run yet: fixes are never stale.
      const snapshot = doc && linter.lint(doc);
      if (!snapshot) return [];
      const options = { documentChanges: s.client.documentChanges, locale: s.locale };
      return [...quickFixes(snapshot, params.context, options), ...fixAll(snapshot, params.context, options)];
    }),
  );

  connection.onHover(
    checkedRequest('textDocument/hover', shapes.hoverParams, s.log, (params) => {
      const doc = documents.get(params.textDocument.uri);
      const snapshot = doc && linter.lint(doc);
      return snapshot ? findingHover(snapshot, params.position, s.rules, s.locale, s.docUri) : null;
    }),
  );
}
