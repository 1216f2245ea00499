/** Code actions for snclint diagnostics: quick fixes from the cached findings, suppressions, and fix-all. */
import {
  CodeActionKind,
  type CodeAction,
  type CodeActionContext,
  type Diagnostic,
  type TextEdit as LspTextEdit,
  type WorkspaceEdit,
} from 'vscode-languageserver';
import type { Finding, TextEdit } from '../engine/types';
import { fixEdits } from '../engine/fixer';
import { fixTitle, t, type Locale } from '../i18n/catalogue';
import { DIAGNOSTIC_SOURCE, DiagnosticCode, FIX_ALL_KIND, PLACE_CURSOR_COMMAND, type DiagnosticData } from '../protocol';
import { sameRange, toLspRange } from './diagnostics';
import type { LintSnapshot } from './document-linter';
import { suppressionEdit } from './suppress';

/** What the client accepts in a workspace edit, and the language it speaks. */
export interface EditOptions {
  /** Versioned `documentChanges`, which a client refuses to apply to another version. */
  readonly documentChanges: boolean;
  readonly locale?: Locale;
}

function isDiagnosticData(x: unknown): x is DiagnosticData {
  if (typeof x !== 'object' || x === null) return false;
  const r = x as Record<string, unknown>;
  return typeof r.version === 'number' && typeof r.finding === 'number';
}

/** Whether a client asking for `only` these kinds wants actions of `kind`. */
export function wants(only: readonly string[] | undefined, kind: string): boolean {
  if (!only || only.length === 0) return kind === CodeActionKind.QuickFix;
  return only.some((k) => k === '' || k === kind || kind.startsWith(`${k}.`));
}

/** The finding a diagnostic stands for, only if it belongs to the snapshot's version. */
function findingOf(snapshot: LintSnapshot, d: Diagnostic): Finding | undefined {
  if (d.source !== DIAGNOSTIC_SOURCE || typeof d.code !== 'string') return undefined;
  const fits = (f: Finding | undefined): f is Finding =>
    !!f && f.ruleId === d.code && sameRange(toLspRange(snapshot.file, f.range), d.range);
  if (isDiagnosticData(d.data) && d.data.version === snapshot.version) {
    const f = snapshot.findings[d.data.finding];
    if (fits(f)) return f;
  }
  // A diagnostic from an earlier version, or a client that drops `data`: only an identical finding of this version will do.
  return snapshot.findings.find(fits);
}

function workspaceEdit(snapshot: LintSnapshot, edits: readonly TextEdit[], options: EditOptions): WorkspaceEdit {
  const lsp: LspTextEdit[] = edits.map((e) => ({ range: toLspRange(snapshot.file, e.range), newText: e.newText }));
  if (options.documentChanges) {
    return { documentChanges: [{ textDocument: { uri: snapshot.uri, version: snapshot.version }, edits: lsp }] };
  }
  return { changes: { [snapshot.uri]: lsp } };
}

function suppressAction(snapshot: LintSnapshot, d: Diagnostic, ruleId: string, options: EditOptions): CodeAction | undefined {
  const s = suppressionEdit(snapshot.file, d.range.start.line, ruleId);
  if (!s) return undefined;
  return {
    title: t(options.locale ?? 'en', 'Suppress {rule} on this line', { rule: ruleId }),
    kind: CodeActionKind.QuickFix,
    diagnostics: [d],
    edit: workspaceEdit(snapshot, [s.edit], options),
    command: {
      title: 'Place the cursor for the reason',
      command: PLACE_CURSOR_COMMAND,
      arguments: [snapshot.uri, s.cursor.line, s.cursor.character],
    },
  };
}

/** Quick fixes (one per fix of each snclint diagnostic, the preferred one marked) and a suppression per diagnostic. */
export function quickFixes(snapshot: LintSnapshot, context: CodeActionContext, options: EditOptions): CodeAction[] {
  if (!wants(context.only, CodeActionKind.QuickFix)) return [];
  const locale = options.locale ?? 'en';
  const fixes: CodeAction[] = [];
  const suppressions: CodeAction[] = [];
  for (const d of context.diagnostics) {
    const finding = findingOf(snapshot, d);
    if (!finding) continue;
    for (const fix of finding.fixes) {
      if (!fix.edits.length) continue;
      const action: CodeAction = {
        title: fixTitle(finding.ruleId, fix, locale),
        kind: CodeActionKind.QuickFix,
        diagnostics: [d],
        edit: workspaceEdit(snapshot, fix.edits, options),
      };
      if (fix.preferred) action.isPreferred = true;
      fixes.push(action);
    }
    if (d.code !== DiagnosticCode.syntax && d.code !== DiagnosticCode.internal) {
      const s = suppressAction(snapshot, d, finding.ruleId, options);
      if (s) suppressions.push(s);
    }
  }
  // Fixes first: a suppression is the last resort.
  return [...fixes, ...suppressions];
}

/** One `source.fixAll.snclint` action applying every safe fix of the document, or none when there is nothing safe to fix. */
export function fixAll(snapshot: LintSnapshot, context: CodeActionContext, options: EditOptions): CodeAction[] {
  if (!context.only?.length || !wants(context.only, FIX_ALL_KIND)) return [];
  // Unsafe fixes change deployed infrastructure: never applied without a person choosing each one.
  const edits = fixEdits(snapshot.findings, 'safe');
  if (!edits.length) return [];
  return [
    {
      title: t(options.locale ?? 'en', 'Fix all safe snclint problems'),
      kind: FIX_ALL_KIND,
      edit: workspaceEdit(snapshot, edits, options),
    },
  ];
}
