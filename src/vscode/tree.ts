import * as vscode from 'vscode';
import { commonCurrency, groupDescription, hoverMarkdown, siteRow } from '../core/report/present';
import type { CostTotal, SiteEstimate } from '../core/types';
import { CommandId } from './commands/commandIds';
import { Disposable } from './disposable';
import { trustedMarkdown } from './providers/hover';
import type { WorkspaceModel } from './workspaceModel';

/** A located site: its estimate and the URI of the file it is in. */
export interface LocatedSite {
  readonly estimate: SiteEstimate;
  readonly uri: vscode.Uri;
}

/**
 * A row of the tree: provider → model → file → site. Sites in test code (`CallSite.test`) sit under their own
 * `tests` group (after the providers), grouped the same way inside it; `tests: true` marks the rows of that group.
 */
export type TreeNode =
  | { readonly kind: 'tests'; readonly id: string; readonly label: string; readonly sites: readonly LocatedSite[] }
  | { readonly kind: 'provider'; readonly id: string; readonly label: string; readonly sites: readonly LocatedSite[]; readonly tests?: boolean }
  | { readonly kind: 'model'; readonly id: string; readonly label: string; readonly sites: readonly LocatedSite[]; readonly tests?: boolean }
  | { readonly kind: 'file'; readonly id: string; readonly label: string; readonly uri: vscode.Uri; readonly sites: readonly LocatedSite[]; readonly tests?: boolean }
  | { readonly kind: 'site'; readonly id: string; readonly site: LocatedSite };

/** The label of the test-code group. */
export const TESTS_GROUP_LABEL = 'Test code';

export type TreeSort = 'cost' | 'name';

/** The filter in force: a provider id and/or a text that must occur in the model, file or method. */
export interface TreeFilter {
  readonly provider?: string;
  readonly text?: string;
}

/**
 * The "LLM Call Sites" view. Rows come from the WorkspaceModel, so they update incrementally as files change and
 * as the user types; groups are sorted by expected monthly cost (or by name), and can be filtered.
 */
export class SitesTree extends Disposable implements vscode.TreeDataProvider<TreeNode> {
  private readonly _onDidChangeTreeData = this._register(new vscode.EventEmitter<TreeNode | undefined>());
  readonly onDidChangeTreeData = this._onDidChangeTreeData.event;
  readonly view: vscode.TreeView<TreeNode>;
  private sortBy: TreeSort = 'cost';
  private filterBy: TreeFilter = {};

  constructor(private readonly model: WorkspaceModel) {
    super();
    this.view = this._register(vscode.window.createTreeView('tokentier.sites', { treeDataProvider: this, showCollapseAll: true }));
    this._register(model.onDidChange(() => this.refresh()));
    this.updateMessage();
  }

  get sort(): TreeSort {
    return this.sortBy;
  }

  set sort(s: TreeSort) {
    this.sortBy = s;
    this.refresh();
  }

  get filter(): TreeFilter {
    return this.filterBy;
  }

  set filter(f: TreeFilter) {
    this.filterBy = f;
    void vscode.commands.executeCommand('setContext', 'tokentier.treeFiltered', Boolean(f.provider || f.text));
    this.refresh();
  }

  refresh(): void {
    this.updateMessage();
    this._onDidChangeTreeData.fire(undefined);
  }

  private updateMessage(): void {
    const f = this.filterBy;
    const parts = [f.provider ? `provider ${f.provider}` : '', f.text ? `“${f.text}”` : ''].filter(Boolean);
    this.view.message = this.model.scanning ? 'Scanning…' : parts.length ? `Filtered by ${parts.join(' and ')}` : undefined;
  }

  /** Every site in the workspace that passes the filter, with its file URI. */
  sites(): LocatedSite[] {
    const out: LocatedSite[] = [];
    const text = this.filterBy.text?.toLowerCase();
    for (const state of this.model.states()) {
      for (const [path, f] of state.files) {
        const uri = vscode.Uri.joinPath(state.folder.uri, ...path.split('/'));
        for (const estimate of f.estimates) {
          if (this.filterBy.provider && estimate.site.provider !== this.filterBy.provider) continue;
          if (text) {
            const hay = `${estimate.site.model.id ?? ''} ${estimate.usage.model?.value ?? ''} ${path} ${estimate.site.method}`.toLowerCase();
            if (!hay.includes(text)) continue;
          }
          out.push({ estimate, uri });
        }
      }
    }
    return out;
  }

  getChildren(node?: TreeNode): TreeNode[] {
    if (!node) {
      const all = this.sites();
      const tests = all.filter((s) => s.estimate.site.test === true);
      const providers = this.providers(all.filter((s) => s.estimate.site.test !== true), false, '');
      return tests.length ? [...providers, { kind: 'tests', id: 't:tests', label: TESTS_GROUP_LABEL, sites: tests }] : providers;
    }
    switch (node.kind) {
      case 'tests':
        return this.providers(node.sites, true, `${node.id}/`);
      case 'provider':
        return this.group(node.sites, (s) => s.estimate.usage.model?.value ?? s.estimate.site.model.id ?? 'unknown model', (key, sites) => ({ kind: 'model', id: `${node.id}/m:${key}`, label: key, sites, ...(node.tests ? { tests: true } : {}) }), node.tests);
      case 'model':
        return this.group(node.sites, (s) => s.uri.toString(), (key, sites) => ({ kind: 'file', id: `${node.id}/f:${key}`, label: vscode.workspace.asRelativePath(vscode.Uri.parse(key), (vscode.workspace.workspaceFolders?.length ?? 0) > 1), uri: vscode.Uri.parse(key), sites, ...(node.tests ? { tests: true } : {}) }), node.tests);
      case 'file':
        return [...node.sites]
          .sort((a, b) => (this.sortBy === 'cost' ? monthly(b.estimate) - monthly(a.estimate) : 0) || a.estimate.site.line - b.estimate.site.line)
          .map((site) => ({ kind: 'site', id: `${node.id}/s:${site.estimate.site.id}`, site }));
      case 'site':
        return [];
    }
  }

  private providers(sites: readonly LocatedSite[], tests: boolean, prefix: string): TreeNode[] {
    return this.group(sites, (s) => s.estimate.site.provider, (key, list) => ({ kind: 'provider', id: `${prefix}p:${key}`, label: key, sites: list, ...(tests ? { tests: true } : {}) }), tests);
  }

  getTreeItem(node: TreeNode): vscode.TreeItem {
    if (node.kind === 'site') {
      const e = node.site.estimate;
      const row = siteRow(e);
      const item = new vscode.TreeItem(row.label, vscode.TreeItemCollapsibleState.None);
      item.id = node.id;
      item.description = row.description;
      item.tooltip = trustedMarkdown(hoverMarkdown({ estimate: e }));
      item.iconPath = new vscode.ThemeIcon(e.cost.perCall ? 'symbol-event' : 'warning');
      item.contextValue = 'site';
      item.command = { title: 'Reveal in Editor', command: CommandId.revealSite, arguments: [{ uri: node.site.uri.toString(), siteId: e.site.id }] };
      return item;
    }
    // The test-code group starts collapsed: it is kept apart, and large monorepos have many test sites.
    const state = node.kind === 'file' || node.kind === 'tests' ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.Expanded;
    const item = new vscode.TreeItem(node.label, state);
    item.id = node.id;
    const inTests = node.kind === 'tests' || node.tests === true;
    const counted = this.model.includeTests();
    const currency = commonCurrency(node.sites.map((x) => x.estimate));
    item.description = currency || node.sites.length === 0
      ? groupDescription(this.total(node.sites, inTests), currency ?? 'USD') + (node.kind === 'tests' && !counted ? ' · not in totals' : '')
      : `mixed currencies · ${node.sites.length} sites`;
    item.contextValue = node.kind;
    if (node.kind === 'tests') {
      item.iconPath = new vscode.ThemeIcon('beaker');
      item.tooltip = counted
        ? 'Call sites in test code and test fixtures. Counted in the totals (tokentier.includeTests is on).'
        : 'Call sites in test code and test fixtures (tests/, test_*.py, *.test.ts, __testfixtures__/, …). Kept out of the totals, the status bar and budgets; the setting tokentier.includeTests counts them.';
    } else if (node.kind === 'file') {
      item.resourceUri = node.uri;
      item.iconPath = vscode.ThemeIcon.File;
    } else {
      item.iconPath = new vscode.ThemeIcon(node.kind === 'provider' ? 'cloud' : 'symbol-class');
    }
    return item;
  }

  /** A group's total; inside the test-code group the test sites are its own (counted there, whatever the setting). */
  private total(sites: readonly LocatedSite[], tests = false): CostTotal {
    return this.model.engineTotal(sites.map((s) => s.estimate), tests ? { includeTests: true } : {});
  }

  private group<T extends TreeNode>(sites: readonly LocatedSite[], key: (s: LocatedSite) => string, make: (key: string, sites: LocatedSite[]) => T, tests = false): T[] {
    const groups = new Map<string, LocatedSite[]>();
    for (const s of sites) {
      const k = key(s);
      const list = groups.get(k);
      if (list) list.push(s);
      else groups.set(k, [s]);
    }
    const nodes = [...groups].map(([k, list]) => ({ node: make(k, list), cost: this.total(list, tests).perMonth.expected, label: k }));
    nodes.sort((a, b) => (this.sortBy === 'cost' ? b.cost - a.cost : 0) || (a.label < b.label ? -1 : a.label > b.label ? 1 : 0));
    return nodes.map((n) => n.node);
  }
}

function monthly(e: SiteEstimate): number {
  return e.site.ignored ? 0 : e.cost.perMonth?.expected ?? 0;
}
