/** Document events: open, change, save and close, each re-linting what it may affect. */
import { dirname } from 'node:path';
import { pathFromUri } from '../documents';
import { configChanged, linted, publish, relintSiblings } from '../relint';
import type { Session } from '../session';

/** Registers the handlers of the document store's events (checked at the boundary by `checkedDocumentEvents`). */
export function registerDocumentHandlers(s: Session): void {
  const { documents, configs, scanner, connection } = s;
  s.onLinted = (uri, snapshot) => linted(s, uri, snapshot);

  documents.onDidOpen((e) => {
    const uri = e.document.uri;
    // An open configuration buffer overrides the file on disk for every document.
    if (configs.isConfigFile(uri)) configChanged(s, uri);
    else if (!s.client.pull) publish(s, uri);
    // Pulled diagnostics take over from the scan's: two copies of each problem otherwise.
    else if (scanner.get(pathFromUri(uri))) void connection.sendDiagnostics({ uri, diagnostics: [] });
  });

  documents.onDidChangeContent((e) => {
    const uri = e.document.uri;
    // Opening also reports a content change; that version is already published.
    const opening = s.pushed.get(uri) === e.document.version;
    if (configs.isConfigFile(uri)) {
      if (!opening) s.debouncer.schedule(uri, () => configChanged(s, uri));
      return;
    }
    if (!s.client.pull && !opening && s.settings.run === 'onType') s.throttle.schedule(uri, () => publish(s, uri));
    if (!opening && s.settings.run === 'onType') relintSiblings(s, pathFromUri(uri), uri);
  });

  documents.onDidSave((e) => {
    if (s.settings.run !== 'onSave') return;
    const uri = e.document.uri;
    if (!s.client.pull) publish(s, uri);
    relintSiblings(s, pathFromUri(uri), uri);
  });

  documents.onDidClose((e) => {
    const uri = e.document.uri;
    const path = pathFromUri(uri);
    s.forget(uri);
    // Unsaved edits are dropped on close: the module's other files go back to the disk's version.
    relintSiblings(s, path);
    if (s.scans.active && s.scans.covers(path)) s.scans.rescan(dirname(path));
    else if (!s.client.pull) void connection.sendDiagnostics({ uri, diagnostics: [] });
    s.scheduleStatus();
    // The file on disk applies again, whatever the closed buffer held.
    if (configs.isConfigFile(uri)) configChanged(s, uri);
  });
}
