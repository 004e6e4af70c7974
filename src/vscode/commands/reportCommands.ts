import * as vscode from 'vscode';
import type { Report } from '../../core/types';
import { atomicWrite, confirmOverwrite } from '../fsUtil';
import { CommandId } from './commandIds';
import type { CommandDeps } from './deps';

type Format = 'markdown' | 'csv' | 'json' | 'html';
const EXTENSIONS: Readonly<Record<Format, string>> = { markdown: 'md', csv: 'csv', json: 'json', html: 'html' };

/** Options a caller (or a test) can pass to skip the pickers. */
export interface ReportArgs {
  readonly scope?: 'workspace' | 'folder' | 'file';
  readonly format?: Format;
  /** Target file URI string for exports. */
  readonly target?: string;
  /** Replace an existing target without asking (only when given programmatically). */
  readonly overwrite?: boolean;
}

async function pickScope(deps: CommandDeps, args: ReportArgs | undefined): Promise<{ report: Report; name: string } | undefined> {
  const editor = vscode.window.activeTextEditor;
  const folder = editor ? vscode.workspace.getWorkspaceFolder(editor.document.uri) : undefined;
  let scope = args?.scope;
  if (!scope) {
    const items: { label: string; scope: 'workspace' | 'folder' | 'file' }[] = [{ label: 'Workspace', scope: 'workspace' }];
    if (folder && (vscode.workspace.workspaceFolders?.length ?? 0) > 1) items.push({ label: `Folder: ${folder.name}`, scope: 'folder' });
    if (folder && editor) items.push({ label: `File: ${vscode.workspace.asRelativePath(editor.document.uri, false)}`, scope: 'file' });
    const pick = items.length > 1 ? await vscode.window.showQuickPick(items, { title: 'Tokentier: report scope' }) : items[0];
    if (!pick) return undefined;
    scope = pick.scope;
  }
  await deps.model.idle();
  if (scope === 'file' && editor && folder) {
    await deps.cache.refresh(editor.document);
    const file = vscode.workspace.asRelativePath(editor.document.uri, false);
    return { report: await deps.model.report({ folder, file }), name: file.replace(/[^A-Za-z0-9._-]+/g, '_') };
  }
  if (scope === 'folder' && folder) return { report: await deps.model.report({ folder }), name: folder.name };
  return { report: await deps.model.report(), name: 'workspace' };
}

/** Registers Show Cost Report and Export Cost Report…. */
export function registerReportCommands(deps: CommandDeps): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand(CommandId.showCostReport, async (args?: ReportArgs) => {
      if (deps.model.states().length === 0) await deps.model.rescan(false);
      const scoped = await pickScope(deps, args);
      if (!scoped) return undefined;
      const md = (await deps.engines.bundle()).formatMarkdown(scoped.report);
      return deps.docs.showPreview(`report/${scoped.name}.md`, md);
    }),
    vscode.commands.registerCommand(CommandId.exportCostReport, async (args?: ReportArgs) => {
      if (deps.model.states().length === 0) await deps.model.rescan(false);
      let format = args?.format;
      if (!format) {
        const pick = await vscode.window.showQuickPick(
          [
            { label: 'Markdown', description: '.md — for a pull request or a wiki', format: 'markdown' as const },
            { label: 'CSV', description: '.csv — one row per call site, for a spreadsheet', format: 'csv' as const },
            { label: 'JSON', description: '.json — the versioned report schema', format: 'json' as const },
            { label: 'HTML', description: '.html — one self-contained page to share (no scripts, works offline)', format: 'html' as const },
          ],
          { title: 'Tokentier: export format' },
        );
        if (!pick) return undefined;
        format = pick.format;
      }
      const scoped = await pickScope(deps, args);
      if (!scoped) return undefined;
      let target = args?.target ? vscode.Uri.parse(args.target) : undefined;
      if (!target) {
        const base = vscode.workspace.workspaceFolders?.[0]?.uri;
        target = await vscode.window.showSaveDialog({
          title: 'Tokentier: export cost report',
          defaultUri: base ? vscode.Uri.joinPath(base, `tokentier-report.${EXTENSIONS[format]}`) : undefined,
          filters: { [format.toUpperCase()]: [EXTENSIONS[format]] },
        });
        if (!target) return undefined;
      } else if (!args?.overwrite && !(await confirmOverwrite(target))) {
        return undefined;
      }
      const bundle = await deps.engines.bundle();
      const text = format === 'markdown' ? bundle.formatMarkdown(scoped.report) : format === 'csv' ? bundle.formatCsv(scoped.report) : format === 'html' ? bundle.formatHtml(scoped.report) : bundle.formatJson(scoped.report);
      await atomicWrite(target, text);
      deps.logger.info(`Exported the cost report (${format}) to ${target.toString()}`);
      void vscode.window.showInformationMessage(`Tokentier: report exported to ${vscode.workspace.asRelativePath(target)}.`, 'Open').then((c) => c && vscode.window.showTextDocument(target));
      return target;
    }),
  ];
}
