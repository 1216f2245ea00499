/** From LSP text documents to engine source files. */
import { fileURLToPath } from 'node:url';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { SourceFile, languageOf } from '../engine/source';

/** The file system path of a `file:` URI, else the URI's decoded path part. */
export function pathFromUri(uri: string): string {
  if (uri.startsWith('file:')) {
    try {
      return fileURLToPath(uri);
    } catch {
      // A malformed file URI still names a path worth reporting.
    }
  }
  const m = /^[a-zA-Z][\w+.-]*:(?:\/\/[^/]*)?(.*)$/.exec(uri);
  const raw = m ? m[1]! : uri;
  try {
    return decodeURIComponent(raw.replace(/[?#].*$/, ''));
  } catch {
    return raw;
  }
}

/** The engine's view of an open document; undefined when snclint does not read this kind of file. */
export function sourceFileOf(doc: TextDocument): SourceFile | undefined {
  const path = pathFromUri(doc.uri);
  const language = languageOf(path);
  return language ? new SourceFile(path, doc.getText(), language, doc.version) : undefined;
}
