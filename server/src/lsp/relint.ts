/**
 * Keeping diagnostics current: publishing a document's, and deciding which open documents to
 * lint again when a file, a setting or a configuration changes.
 */
import type { Diagnostic } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { dirname } from 'node:path';
import { isTerraformPath, manifestLanguageOf } from '../engine/source';
import type { Finding } from '../engine/types';
import type { LintSnapshot } from './document-linter';
import { pathFromUri } from './documents';
import { searchRoot } from './kustomize-files';
import type { Session } from './session';

/** The severities of findings, for the status. */
export const severities = (findings: readonly Finding[]): Finding['severity'][] => findings.map((f) => f.severity);

function guard<T>(s: Session, what: string, fallback: T, f: () => T): T {
  try {
    return f();
  } catch (e) {
    s.log(`${what} failed: ${(e as Error).stack ?? String(e)}`);
    return fallback;
  }
}

/** Lints an open document and pushes its diagnostics (now, or when the worker has linted it); a failure is logged. */
export function publish(s: Session, uri: string): void {
  guard(s, `Publishing diagnostics for ${uri}`, undefined, () => {
    const doc = s.documents.get(uri);
    if (!doc) return;
    s.pushed.set(uri, doc.version);
    const snapshot = lintable(s, doc) ? s.lints.lint(doc) : undefined;
    if (snapshot !== 'pending') deliver(s, doc, snapshot);
  });
}

/** A result the worker linted for a document's current version: pushed if that version's diagnostics were asked for. */
export function linted(s: Session, uri: string, snapshot: LintSnapshot | undefined): void {
  guard(s, `Publishing diagnostics for ${uri}`, undefined, () => {
    const doc = s.documents.get(uri);
    if (!doc || s.client.pull || s.pushed.get(uri) !== doc.version || (snapshot && snapshot.version !== doc.version)) return;
    deliver(s, doc, snapshot);
  });
}

function deliver(s: Session, doc: TextDocument, snapshot: LintSnapshot | undefined): void {
  const uri = doc.uri;
  s.status.setFile(uri, snapshot ? severities(snapshot.findings) : []);
  s.status.setConfig(s.configs.statusFor(uri));
  s.scheduleStatus();
  void s.connection.sendDiagnostics({ uri, version: doc.version, diagnostics: diagnosticsOf(s, doc, snapshot) });
}

/** Whether a document is linted: not a configuration file, not ignored by the configuration. */
export function lintable(s: Session, doc: TextDocument): boolean {
  return !s.configs.isConfigFile(doc.uri) && !s.configs.isIgnored(doc.uri);
}

/** A document's diagnostics: a configuration file's problems, nothing for an ignored file, else the findings. */
function diagnosticsOf(s: Session, doc: TextDocument, snapshot: LintSnapshot | undefined): Diagnostic[] {
  if (s.configs.isConfigFile(doc.uri)) return s.configs.diagnosticsFor(doc.uri);
  return snapshot ? [...snapshot.diagnostics] : [];
}

/** A configuration file changed (typed, saved, closed, changed on disk): its settings apply to every document. */
export function configChanged(s: Session, uri?: string): void {
  s.configs.changed(uri);
  relintAll(s);
}

/** Re-lints open documents whose results depend on `uri`'s module: the Terraform files of its directory. */
export function relintSiblings(s: Session, path: string, except?: string): void {
  if (isManifestPath(path)) relintKustomize(s, path, except);
  if (!isModulePath(path)) return;
  const dir = dirname(path);
  let any = false;
  for (const doc of s.documents.all()) {
    const p = pathFromUri(doc.uri);
    if (doc.uri === except || dirname(p) !== dir || !isModulePath(p)) continue;
    any = true;
    relintLater(s, doc.uri);
  }
  if (any) refreshLater(s);
  if (s.scans.active && s.scans.covers(path)) s.diskDebouncer.schedule(dir, () => s.scans.rescan(dir));
}

/** Re-lints open manifests that a change to `path` may affect through a kustomization (an overlay, a patch, a base). */
function relintKustomize(s: Session, path: string, except?: string): void {
  const root = searchRoot(path);
  let any = false;
  for (const doc of s.documents.all()) {
    const p = pathFromUri(doc.uri);
    if (doc.uri === except || !isManifestPath(p) || !p.startsWith(root)) continue;
    any = true;
    relintLater(s, doc.uri);
  }
  if (any) refreshLater(s);
}

/** Marks an open document stale and, with pushed diagnostics, publishes it again after the change delay. */
function relintLater(s: Session, uri: string): void {
  s.invalidate(uri);
  if (!s.client.pull) s.debouncer.schedule(uri, () => publish(s, uri));
}

/** With pulled diagnostics, asks the client to pull again after the change delay. */
function refreshLater(s: Session): void {
  if (s.client.pull && s.client.refresh) s.debouncer.schedule('\0refresh', () => void s.connection.languages.diagnostics.refresh());
}

/** Whether a path may be a Kubernetes manifest or a kustomization. */
export function isManifestPath(path: string): boolean {
  return manifestLanguageOf(path) !== undefined;
}

/** Whether a path is a file of a Terraform module. */
export function isModulePath(path: string): boolean {
  return isTerraformPath(path);
}

/** Makes every result current again, after something other than the files changed (settings, configuration). */
export function relintAll(s: Session, rescan = true): void {
  s.invalidateAll();
  if (s.client.pull) {
    if (s.client.refresh) void s.connection.languages.diagnostics.refresh();
  } else {
    for (const doc of s.documents.all()) publish(s, doc.uri);
  }
  for (const d of s.configs.closedFileDiagnostics(s.documents.all().map((doc) => doc.uri))) void s.connection.sendDiagnostics(d);
  if (s.scans.active && rescan) void s.scans.scan();
}
