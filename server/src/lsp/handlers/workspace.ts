/**
 * The session's life and the workspace around the documents: initialize, workspace folders,
 * settings, watched files, trust, trace and shutdown.
 */
import {
  DidChangeWorkspaceFoldersNotification,
  ErrorCodes,
  FileChangeType,
  ResponseError,
  SetTraceNotification,
  Trace,
  type InitializeError,
  type InitializeResult,
  type WorkspaceFolder,
} from 'vscode-languageserver/node';
import { dirname } from 'node:path';
import { languageOf } from '../../engine/source';
import { isInstalledPath } from '../../terraform/installed';
import { WORKSPACE_TRUSTED_NOTIFICATION } from '../../protocol';
import { checkedNotification } from '../boundary';
import { pathFromUri } from '../documents';
import { isModulePath, relintAll, relintSiblings } from '../relint';
import type { Session } from '../session';
import * as shapes from '../validate';

/** Registers the lifecycle, workspace and configuration handlers. */
export function registerWorkspaceHandlers(s: Session): void {
  const { connection, configs, scans, log } = s;

  connection.onInitialize((raw): InitializeResult | ResponseError<InitializeError> => {
    const checked = shapes.validate(shapes.initializeParams, raw);
    if (!checked.ok) {
      log(`Rejected the initialize request: ${checked.problem}`);
      return new ResponseError<InitializeError>(ErrorCodes.InvalidParams, `Invalid initialize parameters: ${checked.problem}`, {
        retry: false,
      });
    }
    return s.initialize(raw, checked.value.initializationOptions);
  });

  connection.onInitialized(() => {
    connection.console.info(
      `snclint language server ready: ${s.rules.length} rules, ${s.client.pull ? 'pull' : 'push'} diagnostics, locale ${s.locale}`,
    );
    if (s.client.workspaceFolders) {
      void connection.client.register(DidChangeWorkspaceFoldersNotification.type);
      connection.workspace.onDidChangeWorkspaceFolders(
        checkedNotification('workspace/didChangeWorkspaceFolders', shapes.workspaceFoldersEvent, log, (e) => {
          const uris = (folders: readonly WorkspaceFolder[]): string[] => folders.map((f) => pathFromUri(f.uri));
          s.changeFolders(uris(e.added), uris(e.removed));
          if (scans.active) void scans.scan();
        }),
      );
    }
    if (s.settings.scanWorkspace && configs.isTrusted) void scans.scan();
    else s.status.flush();
  });

  connection.onDidChangeConfiguration(
    checkedNotification('workspace/didChangeConfiguration', shapes.didChangeConfigurationParams, log, (params) => {
      const section = (params.settings as { snclint?: unknown } | null | undefined)?.snclint;
      const started = section !== undefined && s.applySettings(section);
      relintAll(s, !started);
    }),
  );

  // Trust is granted once and never taken back while the window lives: the repository's configuration applies from now on.
  connection.onNotification(
    WORKSPACE_TRUSTED_NOTIFICATION,
    checkedNotification(WORKSPACE_TRUSTED_NOTIFICATION, shapes.noParams, log, () => {
      if (configs.isTrusted) return;
      configs.setTrusted(true);
      connection.console.info('The workspace is trusted: the repository configuration applies');
      relintAll(s, false);
      if (s.settings.scanWorkspace && !scans.active) void scans.scan();
      else s.scheduleStatus();
    }),
  );

  connection.onDidChangeWatchedFiles(
    checkedNotification('workspace/didChangeWatchedFiles', shapes.didChangeWatchedFilesParams, log, (params) => {
      let other = false;
      // Nothing read or parsed of these files before is used again.
      s.lints.filesChanged(params.changes.map((c) => pathFromUri(c.uri)));
      for (const change of params.changes) {
        const path = pathFromUri(change.uri);
        if (configs.isConfigFile(change.uri)) {
          configs.changed(change.uri);
          other = true;
          continue;
        }
        // What init installed is read by the root modules of open documents, not by its own folder's.
        if (!languageOf(path) || isInstalledPath(path)) {
          other = true;
          continue;
        }
        const open = s.documents.get(change.uri);
        // An open document's buffer, not the disk, is what the editor shows.
        if (!open) relintSiblings(s, path);
        if (scans.active && !isModulePath(path) && scans.covers(path))
          s.diskDebouncer.schedule(dirname(path), () => scans.rescan(dirname(path)));
        if (change.type === FileChangeType.Deleted && !open) s.status.removeFile(change.uri);
      }
      // Anything else the client watches is configuration.
      if (other) relintAll(s);
    }),
  );

  // Replaces the library's own handler, which reads `params.value` unchecked.
  connection.onNotification(
    SetTraceNotification.type,
    checkedNotification(SetTraceNotification.type.method, shapes.setTraceParams, log, (p) => {
      (connection.tracer as unknown as { trace: Trace }).trace = Trace.fromString(p.value);
    }),
  );

  connection.onShutdown(() => s.dispose());
}
