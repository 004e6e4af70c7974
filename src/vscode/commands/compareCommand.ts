import * as vscode from 'vscode';
import { needsDesktop } from '../platform';
import { filesExcludePatterns } from '../workspaceModel';
import { CommandId } from './commandIds';
import type { CommandDeps } from './deps';

/**
 * Compare Costs with Branch…: scans a git ref's tree with the same engine and settings, diffs it against the
 * working tree (the core's `diffReports`, as the CLI's `tokentier diff`) and shows the Markdown in the preview.
 */
export function registerCompareCommand(deps: CommandDeps): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand(CommandId.compareWithBranch, async (args?: { ref?: string; folder?: string }) => {
      const git = deps.platform.git;
      if (!git) return needsDesktop('Compare Costs with Branch', 'it reads the branch with git');
      const folders = (vscode.workspace.workspaceFolders ?? []).filter((f) => f.uri.scheme === 'file');
      let folder = args?.folder ? folders.find((f) => f.uri.toString() === args.folder || f.name === args.folder) : folders.length === 1 ? folders[0] : undefined;
      if (!folder && folders.length > 1) folder = await vscode.window.showWorkspaceFolderPick({ placeHolder: 'Compare which folder?' });
      if (!folder) {
        void vscode.window.showWarningMessage('Tokentier: comparing with a branch needs a local folder under git.');
        return undefined;
      }
      let ref = args?.ref;
      if (!ref) {
        const refs = await git.listRefs(folder.uri);
        if (refs.length === 0) {
          void vscode.window.showWarningMessage(`Tokentier: no git refs found in ${folder.name} (is it a git repository, and is git installed?).`);
          return undefined;
        }
        const pick = await vscode.window.showQuickPick(
          refs.map((r) => ({ label: r.name, description: r.kind })),
          { title: `Tokentier: compare ${folder.name} with…`, placeHolder: 'A branch, remote branch or tag' },
        );
        if (!pick) return undefined;
        ref = pick.label;
      }
      const files = await git.openRef(folder.uri, ref);
      if (!files) {
        void vscode.window.showErrorMessage(`Tokentier: could not read ${ref} from git.`, 'Show Logs').then((c) => c && deps.channel.show());
        return undefined;
      }
      const chosen = folder;
      const settings = deps.config.read(chosen.uri);
      const run = vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `Tokentier: comparing with ${ref}`, cancellable: true }, async (_progress, token) => {
        const engine = await deps.engines.createEngine(files);
        const trusted = vscode.workspace.isTrusted;
        engine.configure({ settings, trusted, team: trusted ? await deps.engines.teamConfigFor(chosen.uri, settings) : undefined });
        const bundle = await deps.engines.bundle();
        const base = await bundle.scanWorkspace(engine, files, {
          include: settings.include,
          exclude: [...settings.exclude, ...filesExcludePatterns(chosen)],
          maxFileBytes: settings.maxFileSize,
          token,
          rootLabel: `${chosen.name}@${ref}`,
        });
        if (token.isCancellationRequested) return undefined;
        if (deps.model.states().length === 0) await deps.model.rescan(false);
        await deps.model.idle();
        const head = await deps.model.report({ folder: chosen, prefix: false });
        const diff = bundle.diffReports(base, head);
        const md = bundle.formatDiffMarkdown(diff);
        return deps.docs.showPreview(`compare/${chosen.name}-${ref.replace(/[^A-Za-z0-9._-]+/g, '_')}.md`, md);
      });
      // One `git cat-file` process serves the whole scan; it ends with the comparison.
      return Promise.resolve(run).finally(() => files.close());
    }),
  ];
}
