import * as vscode from 'vscode';
import type { Logger } from '../../core/logger';
import type { PanelSnapshot, ToWebview } from '../../protocol/messages';
import { parseFromWebview } from '../../protocol/schemas';
import { panelHtml, panelOptions } from './html';

export const ADVISOR_VIEW_TYPE = 'tokentier.tierAdvisor';

/** Foundation slice of the Tier Advisor panel: the ready → snapshot handshake and a serializer. Issue 7 fills it. */
export class AdvisorPanel implements vscode.Disposable {
  private static current: AdvisorPanel | undefined;
  private readonly disposables: vscode.Disposable[] = [];

  static show(extensionUri: vscode.Uri, logger: Logger, snapshot: () => PanelSnapshot): AdvisorPanel {
    if (AdvisorPanel.current) {
      AdvisorPanel.current.panel.reveal();
      return AdvisorPanel.current;
    }
    const panel = vscode.window.createWebviewPanel(ADVISOR_VIEW_TYPE, 'Tokentier: Tier Advisor', vscode.ViewColumn.Active, panelOptions(extensionUri));
    return (AdvisorPanel.current = new AdvisorPanel(panel, extensionUri, logger, snapshot));
  }

  static revive(panel: vscode.WebviewPanel, extensionUri: vscode.Uri, logger: Logger, snapshot: () => PanelSnapshot): void {
    panel.webview.options = panelOptions(extensionUri);
    AdvisorPanel.current = new AdvisorPanel(panel, extensionUri, logger, snapshot);
  }

  private constructor(
    private readonly panel: vscode.WebviewPanel,
    extensionUri: vscode.Uri,
    private readonly logger: Logger,
    private readonly snapshot: () => PanelSnapshot,
  ) {
    panel.webview.html = panelHtml(panel.webview, extensionUri, 'Tokentier: Tier Advisor');
    panel.webview.onDidReceiveMessage((raw) => this.onMessage(raw), undefined, this.disposables);
    panel.onDidDispose(() => this.dispose(), undefined, this.disposables);
  }

  private onMessage(raw: unknown): void {
    const msg = parseFromWebview(raw);
    if (!msg) {
      this.logger.warn('Ignored a malformed message from the Tier Advisor webview.');
      return;
    }
    switch (msg.type) {
      case 'ready':
        this.post({ type: 'snapshot', snapshot: this.snapshot() });
        break;
      case 'log':
        this.logger[msg.level](`[webview] ${msg.message}`);
        break;
    }
  }

  private post(message: ToWebview): void {
    void this.panel.webview.postMessage(message);
  }

  dispose(): void {
    if (AdvisorPanel.current === this) AdvisorPanel.current = undefined;
    for (const d of this.disposables.splice(0)) d.dispose();
    this.panel.dispose();
  }
}
