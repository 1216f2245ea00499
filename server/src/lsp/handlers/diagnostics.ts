/** Pulled diagnostics (`textDocument/diagnostic`), with result ids so an unchanged result is not sent again. */
import { DocumentDiagnosticReportKind, type DocumentDiagnosticReport } from 'vscode-languageserver/node';
import { checkedRequest } from '../boundary';
import { lintable, severities } from '../relint';
import type { Session } from '../session';
import * as shapes from '../validate';

/** Registers the pulled diagnostics handler. */
export function registerDiagnosticHandlers(s: Session): void {
  const { connection, documents, configs, lints, status } = s;
  connection.languages.diagnostics.on(
    checkedRequest('textDocument/diagnostic', shapes.documentDiagnosticParams, s.log, async (params): Promise<DocumentDiagnosticReport> => {
      const uri = params.textDocument.uri;
      const doc = documents.get(uri);
      if (doc && configs.isConfigFile(uri)) return { kind: DocumentDiagnosticReportKind.Full, items: configs.diagnosticsFor(uri) };
      const snapshot = doc && lintable(s, doc) ? await lints.whenCurrent(doc) : undefined;
      if (!doc || !snapshot) return { kind: DocumentDiagnosticReportKind.Full, items: [] };
      status.setFile(uri, severities(snapshot.findings));
      status.setConfig(configs.statusFor(uri));
      s.scheduleStatus();
      const resultId = s.resultId(uri, snapshot.version);
      if (params.previousResultId === resultId) return { kind: DocumentDiagnosticReportKind.Unchanged, resultId };
      return { kind: DocumentDiagnosticReportKind.Full, resultId, items: [...snapshot.diagnostics] };
    }),
  );
}
