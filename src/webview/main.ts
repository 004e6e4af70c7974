/**
 * The panel's browser bundle. Receives complete snapshots from the host and renders them with DOM APIs
 * (textContent only: strings from code are untrusted). Keeps only UI state in `setState`.
 */
import type { FromWebview, PanelSnapshot, ToWebview } from '../protocol/messages';

interface VsCodeApi {
  postMessage(message: FromWebview): void;
  getState(): unknown;
  setState(state: unknown): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

const vscode = acquireVsCodeApi();

function render(snapshot: PanelSnapshot): void {
  const root = document.getElementById('root');
  if (!root) return;
  root.replaceChildren();
  const h1 = document.createElement('h1');
  h1.id = 'title';
  h1.textContent = snapshot.title;
  root.append(h1);
  const table = document.createElement('table');
  table.id = 'rows';
  for (const row of snapshot.rows) {
    const tr = document.createElement('tr');
    const a = document.createElement('td');
    a.textContent = row.label;
    const b = document.createElement('td');
    b.textContent = row.detail;
    tr.append(a, b);
    table.append(tr);
  }
  root.append(table);
}

window.addEventListener('message', (event: MessageEvent<ToWebview>) => {
  const msg = event.data;
  switch (msg.type) {
    case 'snapshot':
      render(msg.snapshot);
      break;
    case 'error': {
      const root = document.getElementById('root');
      if (root) root.textContent = msg.message;
      break;
    }
  }
});

vscode.postMessage({ type: 'ready' });
