/** The language status item: files checked, findings, the configuration in force. */
import * as vscode from 'vscode';
import type { StatusParams } from '../../server/src/protocol';

const SELECTOR: vscode.DocumentSelector = [
  { language: 'terraform' },
  { language: 'terraform-vars' },
  { language: 'yaml' },
  { language: 'json' },
  { pattern: '**/*.tf' },
  { pattern: '**/*.tfvars' },
  { pattern: '**/*.tofu' },
];

/** Shows the server's figures next to the language of Terraform and Kubernetes files. */
export class StatusItem implements vscode.Disposable {
  private readonly item = vscode.languages.createLanguageStatusItem('snclint.status', SELECTOR);

  constructor() {
    this.item.name = 'snclint';
    this.item.text = '$(sync~spin) snclint';
    this.item.detail = vscode.l10n.t('Starting');
    this.item.command = { title: vscode.l10n.t('Show Output'), command: 'snclint.showOutput' };
  }

  /** Shows new figures. */
  update(s: StatusParams): void {
    const findings = s.findings === 1 ? vscode.l10n.t('1 finding') : vscode.l10n.t('{0} findings', s.findings);
    const files = s.files === 1 ? vscode.l10n.t('1 file') : vscode.l10n.t('{0} files', s.files);
    this.item.text = `${s.scanning ? '$(sync~spin) ' : ''}snclint: ${findings}`;
    let config: string;
    if (s.config.kind === 'restricted') config = vscode.l10n.t('Restricted Mode: built-in defaults, repository configuration not read');
    else if (s.config.kind === 'error')
      config = vscode.l10n.t('configuration error in {0}: {1}', s.config.file ?? '?', s.config.message ?? '');
    else if (s.config.kind === 'file') config = vscode.l10n.t('configuration: {0}', vscode.workspace.asRelativePath(s.config.file ?? ''));
    else config = vscode.l10n.t('configuration: defaults');
    this.item.detail = `${files} · ${config}`;
    this.item.severity = s.config.kind === 'error' ? vscode.LanguageStatusSeverity.Error : vscode.LanguageStatusSeverity.Information;
    this.item.command =
      s.config.kind === 'restricted'
        ? { title: vscode.l10n.t('Manage Workspace Trust'), command: 'workbench.trust.manage' }
        : { title: vscode.l10n.t('Show Problems'), command: 'workbench.actions.view.problems' };
    this.item.busy = s.scanning;
  }

  /** Says the server is not running. */
  stopped(): void {
    this.item.text = 'snclint';
    this.item.detail = vscode.l10n.t('Stopped');
    this.item.busy = false;
    this.item.command = { title: vscode.l10n.t('Restart Language Server'), command: 'snclint.restartServer' };
  }

  /** Removes the item. */
  dispose(): void {
    this.item.dispose();
  }
}
