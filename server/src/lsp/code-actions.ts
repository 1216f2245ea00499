/** Quick fixes for snclint diagnostics, built from the fixes of the cached findings. */
import { CodeActionKind, type CodeAction, type CodeActionContext, type Diagnostic, type TextEdit as LspTextEdit, type WorkspaceEdit } from 'vscode-languageserver';
import type { Finding, Fix } from '../engine/types';
import { DIAGNOSTIC_SOURCE, type DiagnosticData } from '../protocol';
import { sameRange, toLspRange } from './diagnostics';
import type { LintSnapshot } from './document-linter';

/** What the client accepts in a workspace edit. */
export interface EditOptions {
  /** Versioned `documentChanges`, which a client refuses to apply to another version. */
  readonly documentChanges: boolean;
}

function isDiagnosticData(x: unknown): x is DiagnosticData {
  if (typeof x !== 'object' || x === null) return false;
  const r = x as Record<string, unknown>;
  return typeof r.version === 'number' && typeof r.finding === 'number';
}

/** Whether a client asking for `only` these kinds wants quick fixes. */
function wantsQuickFix(only: readonly string[] | undefined): boolean {
  if (!only || only.length === 0) return true;
  return only.some((k) => k === '' || k === CodeActionKind.QuickFix || CodeActionKind.QuickFix.startsWith(`${k}.`));
}

/** The finding a diagnostic stands for, only if it belongs to the snapshot's version. */
function findingOf(snapshot: LintSnapshot, d: Diagnostic): Finding | undefined {
  if (d.source !== DIAGNOSTIC_SOURCE || typeof d.code !== 'string') return undefined;
  const fits = (f: Finding | undefined): f is Finding => !!f && f.ruleId === d.code && sameRange(toLspRange(snapshot.file, f.range), d.range);
  if (isDiagnosticData(d.data) && d.data.version === snapshot.version) {
    const f = snapshot.findings[d.data.finding];
    if (fits(f)) return f;
  }
  // A diagnostic from an earlier version, or a client that drops `data`: only an identical finding of this version will do.
  return snapshot.findings.find(fits);
}

function workspaceEdit(snapshot: LintSnapshot, fix: Fix, options: EditOptions): WorkspaceEdit {
  const edits: LspTextEdit[] = fix.edits.map((e) => ({ range: toLspRange(snapshot.file, e.range), newText: e.newText }));
  if (options.documentChanges) {
    return { documentChanges: [{ textDocument: { uri: snapshot.uri, version: snapshot.version }, edits }] };
  }
  return { changes: { [snapshot.uri]: edits } };
}

/** One quick fix per fix of each snclint diagnostic in the context, for the snapshot's version only. */
export function quickFixes(snapshot: LintSnapshot, context: CodeActionContext, options: EditOptions): CodeAction[] {
  if (!wantsQuickFix(context.only)) return [];
  const actions: CodeAction[] = [];
  for (const d of context.diagnostics) {
    const finding = findingOf(snapshot, d);
    if (!finding) continue;
    for (const fix of finding.fixes) {
      if (!fix.edits.length) continue;
      const action: CodeAction = {
        title: fix.title,
        kind: CodeActionKind.QuickFix,
        diagnostics: [d],
        edit: workspaceEdit(snapshot, fix, options),
      };
      if (fix.preferred) action.isPreferred = true;
      actions.push(action);
    }
  }
  return actions;
}
