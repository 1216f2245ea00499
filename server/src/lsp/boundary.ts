/** Handlers behind the server's boundary: parameters checked first, exceptions caught, the connection never sees a throw. */
import { CancellationToken, ErrorCodes, ResponseError, type TextDocuments } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { didChangeParams, didCloseParams, didOpenParams, didSaveParams, validate, willSaveParams, type Guard } from './validate';

/** Where the boundary reports what it refused or what failed (the connection's console). */
export type Log = (message: string) => void;

/** What a checked request handler answers. */
export type Answer<R, E> = R | ResponseError<E> | Promise<R | ResponseError<E>>;

/** The part of the connection `TextDocuments.listen` registers its handlers on. */
export type TextDocumentConnection = Parameters<TextDocuments<TextDocument>['listen']>[0];

function describe(e: unknown): string {
  return e instanceof Error ? (e.stack ?? e.message) : String(e);
}

/**
 * A request handler whose parameters are checked first: a malformed request is logged and
 * answered with `InvalidParams`; a handler that throws (or rejects) is logged and answered
 * with `InternalError`. A handler may throw a `ResponseError` to answer with it.
 */
export function checkedRequest<P, R, E = void>(
  method: string,
  params: Guard<P>,
  log: Log,
  handler: (params: P) => R | Promise<R>,
): (raw: unknown) => Answer<R, E> {
  const failed = (e: unknown): ResponseError<E> => {
    if (e instanceof ResponseError) return new ResponseError<E>(e.code, e.message);
    log(`${method} failed: ${describe(e)}`);
    return new ResponseError<E>(ErrorCodes.InternalError, `${method} failed: ${e instanceof Error ? e.message : String(e)}`);
  };
  return (raw) => {
    const v = validate(params, raw);
    if (!v.ok) {
      log(`Rejected a ${method} request: ${v.problem}`);
      return new ResponseError<E>(ErrorCodes.InvalidParams, `Invalid ${method} parameters: ${v.problem}`);
    }
    try {
      const result = handler(v.value);
      return result instanceof Promise ? result.catch(failed) : result;
    } catch (e) {
      return failed(e);
    }
  };
}

/** A notification handler whose parameters are checked first: a malformed notification is logged and ignored, and so is a handler that throws. */
export function checkedNotification<P>(
  method: string,
  params: Guard<P>,
  log: Log,
  handler: (params: P) => void | Promise<void>,
): (raw: unknown) => void {
  const failed = (e: unknown): void => log(`${method} failed: ${describe(e)}`);
  return (raw) => {
    const v = validate(params, raw);
    if (!v.ok) {
      log(`Ignored a ${method} notification: ${v.problem}`);
      return;
    }
    try {
      const result = handler(v.value);
      if (result instanceof Promise) result.catch(failed);
    } catch (e) {
      failed(e);
    }
  };
}

/**
 * The connection as `TextDocuments.listen` sees it, with every text document notification
 * checked: the document store only ever holds documents with a string URI, an integer version
 * and a string text.
 */
export function checkedDocumentEvents(connection: TextDocumentConnection, log: Log): TextDocumentConnection {
  return {
    onDidOpenTextDocument: (h) => connection.onDidOpenTextDocument(checkedNotification('textDocument/didOpen', didOpenParams, log, h)),
    onDidChangeTextDocument: (h) =>
      connection.onDidChangeTextDocument(checkedNotification('textDocument/didChange', didChangeParams, log, h)),
    onDidCloseTextDocument: (h) => connection.onDidCloseTextDocument(checkedNotification('textDocument/didClose', didCloseParams, log, h)),
    onWillSaveTextDocument: (h) => connection.onWillSaveTextDocument(checkedNotification('textDocument/willSave', willSaveParams, log, h)),
    onWillSaveTextDocumentWaitUntil: (h) =>
      connection.onWillSaveTextDocumentWaitUntil(
        checkedRequest('textDocument/willSaveWaitUntil', willSaveParams, log, async (p) => await h(p, CancellationToken.None)),
      ),
    onDidSaveTextDocument: (h) => connection.onDidSaveTextDocument(checkedNotification('textDocument/didSave', didSaveParams, log, h)),
  };
}
