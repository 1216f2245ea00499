/** Links from diagnostics to the rule pages bundled with the server. */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { docsFolder } from '../docs/rule-docs';
import type { Locale } from '../i18n/catalogue';

// The pages ship beside the bundle (server/out/server.js → rules/docs/), so links work offline.
const DOCS = resolve(__dirname, '../../rules/docs');
const docUris = new Map<string, string | undefined>();

/** The `file:` URI of a rule's page in a locale (the English page when it has no translation), if the page exists. */
export function ruleDocUri(locale: Locale, ruleId: string): string | undefined {
  const key = `${locale}/${ruleId}`;
  if (!docUris.has(key)) {
    const page = join(DOCS, docsFolder(locale), `${ruleId}.md`);
    const fallback = join(DOCS, `${ruleId}.md`);
    docUris.set(key, existsSync(page) ? pathToFileURL(page).href : existsSync(fallback) ? pathToFileURL(fallback).href : undefined);
  }
  return docUris.get(key);
}
