import * as vscode from 'vscode';
import type { Settings } from '../../core/config/settings';
import { SECTION } from '../config';
import { CommandId } from './commandIds';
import type { CommandDeps } from './deps';

const LAST_DISPLAY_KEY = 'tokentier.lastDisplay';

/** Registers Rescan Workspace, Toggle Inline Hints, Show Logs and the tree's refresh/filter/sort commands. */
export function registerViewCommands(deps: CommandDeps): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand(CommandId.rescanWorkspace, () => {
      deps.engines.clearTeams();
      deps.cache.invalidateAll();
      return deps.model.rescan(true);
    }),
    vscode.commands.registerCommand(CommandId.refreshTree, () => deps.model.rescan(false)),
    vscode.commands.registerCommand(CommandId.toggleInlineHints, async () => {
      // Toggles between "off" and the last mode that was on (codeLens when none was), in the scope that set it.
      const cfg = vscode.workspace.getConfiguration(SECTION);
      const inspected = cfg.inspect<Settings['display']>('display');
      const target = inspected?.workspaceValue !== undefined ? vscode.ConfigurationTarget.Workspace : vscode.ConfigurationTarget.Global;
      const current = deps.config.settings.display;
      let next: Settings['display'];
      if (current === 'off') {
        next = deps.context.workspaceState.get<Settings['display']>(LAST_DISPLAY_KEY) ?? 'codeLens';
      } else {
        await deps.context.workspaceState.update(LAST_DISPLAY_KEY, current);
        next = 'off';
      }
      await cfg.update('display', next, target);
      vscode.window.setStatusBarMessage(`Tokentier: hints ${next === 'off' ? 'off' : `on (${next})`}`, 2000);
      return next;
    }),
    vscode.commands.registerCommand(CommandId.showLogs, () => deps.channel.show()),
    vscode.commands.registerCommand(CommandId.sortTree, async (sort?: 'cost' | 'name') => {
      const pick = sort ?? (await vscode.window.showQuickPick([{ label: 'By cost', sort: 'cost' as const }, { label: 'By name', sort: 'name' as const }], { title: 'Sort call sites' }))?.sort;
      if (pick) deps.tree.sort = pick;
    }),
    vscode.commands.registerCommand(CommandId.filterTree, async (filter?: { provider?: string; text?: string }) => {
      if (filter) {
        deps.tree.filter = filter;
        return;
      }
      const providers = [...new Set(deps.model.estimates().map((e) => e.site.provider))].sort();
      const byText = 'Filter by text…';
      const pick = await vscode.window.showQuickPick([byText, ...providers.map((p) => `Provider: ${p}`)], { title: 'Filter call sites' });
      if (!pick) return;
      if (pick === byText) {
        const text = await vscode.window.showInputBox({ prompt: 'Text in the model, file or method', value: deps.tree.filter.text ?? '' });
        if (text !== undefined) deps.tree.filter = { ...deps.tree.filter, text: text || undefined };
      } else {
        deps.tree.filter = { ...deps.tree.filter, provider: pick.slice('Provider: '.length) };
      }
    }),
    vscode.commands.registerCommand(CommandId.clearTreeFilter, () => {
      deps.tree.filter = {};
    }),
  ];
}
