/** snclint's own requests: scan the workspace, the coverage report and the HTML evidence report. */
import { LSPErrorCodes, ResponseError } from 'vscode-languageserver/node';
import { version } from '../../../../package.json';
import type { Finding } from '../../engine/types';
import { COVERAGE_REQUEST, HTML_REPORT_REQUEST, SCAN_WORKSPACE_REQUEST, type ScanResult } from '../../protocol';
import { checkedRequest } from '../boundary';
import { coverageReport, htmlReport } from '../coverage';
import { pathFromUri } from '../documents';
import type { Session } from '../session';
import * as shapes from '../validate';

/** The findings of every linted file: open documents' own, the workspace scan's for the others; by URI, with each file's path. */
async function allFindings(s: Session): Promise<{ findings: Finding[]; files: Map<string, string> }> {
  const findings: Finding[] = [];
  const files = new Map<string, string>();
  for (const r of s.scanner.all()) {
    if (s.documents.get(r.uri)) continue;
    files.set(r.uri, pathFromUri(r.uri));
    findings.push(...r.findings);
  }
  for (const doc of s.documents.all()) {
    const snapshot = await s.lints.whenCurrent(doc);
    if (!snapshot) continue;
    files.set(doc.uri, pathFromUri(doc.uri));
    findings.push(...snapshot.findings);
  }
  return { findings, files };
}

/** Registers snclint's custom requests. */
export function registerCustomHandlers(s: Session): void {
  const { connection, configs, log } = s;

  connection.onRequest<ScanResult, void>(
    SCAN_WORKSPACE_REQUEST,
    checkedRequest(SCAN_WORKSPACE_REQUEST, shapes.noParams, log, () => {
      if (!configs.isTrusted)
        throw new ResponseError(LSPErrorCodes.RequestFailed, 'Restricted Mode: the workspace is not scanned until it is trusted.');
      return s.scans.scan();
    }),
  );

  connection.onRequest(
    COVERAGE_REQUEST,
    checkedRequest(COVERAGE_REQUEST, shapes.noParams, log, async () => {
      const { findings, files } = await allFindings(s);
      return coverageReport({ rules: s.rules, findings, files: files.size, locale: s.locale });
    }),
  );

  connection.onRequest(
    HTML_REPORT_REQUEST,
    checkedRequest(HTML_REPORT_REQUEST, shapes.noParams, log, async () => {
      const { findings, files } = await allFindings(s);
      const linted = [...files.values()].map((p) => ({
        path: p,
        sources: configs.sourcesForPath(p),
        settings: configs.settingsForPath(p),
      }));
      return htmlReport({ rules: s.rules, findings, files: linted, locale: s.locale, root: s.folders[0] ?? process.cwd(), version });
    }),
  );
}
