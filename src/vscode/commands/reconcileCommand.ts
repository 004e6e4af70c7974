import * as vscode from 'vscode';
import type { ReconcileOutcome } from '../../core/engineBundle';
import type { HostPlatform } from '../platform';
import { readExportThroughVscode } from './exportFiles';
import { atomicWrite, exists } from '../fsUtil';
import { CommandId } from './commandIds';
import type { CommandDeps } from './deps';

/** Options a caller (or a test) can pass to skip the pickers. */
export interface ReconcileArgs {
  /** Export file URIs (strings); without them a file dialog asks. */
  readonly files?: readonly string[];
  /** The workspace folder (URI string) whose sites and usage file to use; default: the active editor's, or a pick. */
  readonly folder?: string;
  /** true: write the proposal without asking (tests); false: never write; absent: offer a review and ask. */
  readonly apply?: boolean;
}

/** What the command returns (for tests): the result and whether the usage file was written. */
export interface ReconcileCommandResult {
  readonly outcome: ReconcileOutcome;
  readonly written: boolean;
  readonly preview: vscode.Uri;
}


async function pickFolder(args: ReconcileArgs | undefined): Promise<vscode.WorkspaceFolder | undefined> {
  const folders = vscode.workspace.workspaceFolders ?? [];
  if (args?.folder) return folders.find((f) => f.uri.toString() === args.folder);
  const editor = vscode.window.activeTextEditor;
  const active = editor && vscode.workspace.getWorkspaceFolder(editor.document.uri);
  if (active) return active;
  if (folders.length <= 1) return folders[0];
  return vscode.window.showWorkspaceFolderPick({ placeHolder: 'Which folder’s call sites and usage file?' });
}

/**
 * Reads the exports: on the desktop, local files through the Node reader; others (virtual and remote file systems, and
 * every file on the web) through the workspace file system. Both unpack gzip and refuse Parquet.
 */
async function readExports(platform: HostPlatform, uris: readonly vscode.Uri[]): Promise<{ name: string; text: string }[] | string> {
  const out: { name: string; text: string }[] = [];
  for (const uri of uris) {
    const name = vscode.workspace.asRelativePath(uri, false);
    const r = platform.readLocalExport?.(uri) ?? (await readExportThroughVscode(uri, name));
    if ('error' in r) return r.error;
    out.push({ name, text: r.text });
  }
  return out;
}

/** The folder's usage file as the team-file loader finds it (first of usage.json, .yaml, .yml), else a new usage.yml. */
async function usageFileOf(folder: vscode.WorkspaceFolder): Promise<{ path: string; uri: vscode.Uri; text: string | undefined }> {
  for (const ext of ['json', 'yaml', 'yml']) {
    const uri = vscode.Uri.joinPath(folder.uri, '.tokentier', `usage.${ext}`);
    if (await exists(uri)) return { path: `.tokentier/usage.${ext}`, uri, text: new TextDecoder().decode(await vscode.workspace.fs.readFile(uri)) };
  }
  return { path: '.tokentier/usage.yml', uri: vscode.Uri.joinPath(folder.uri, '.tokentier', 'usage.yml'), text: undefined };
}

/** Writes the proposal unless the file changed since it was read (then nothing is written and the user is told). */
async function writeProposal(deps: CommandDeps, target: vscode.Uri, proposed: NonNullable<ReconcileOutcome['proposed']>): Promise<boolean> {
  const now = (await exists(target)) ? new TextDecoder().decode(await vscode.workspace.fs.readFile(target)) : undefined;
  if (now !== proposed.before) {
    void vscode.window.showWarningMessage(`Tokentier: ${proposed.path} changed since the reconciliation; nothing was written. Run Reconcile with Usage Export again.`);
    return false;
  }
  await atomicWrite(target, proposed.after);
  deps.logger.info(`Reconcile: wrote ${proposed.path}`);
  return true;
}

/** Shows the proposal as a diff and asks; writes only on an explicit "Apply". */
async function reviewAndApply(deps: CommandDeps, target: vscode.Uri, proposed: NonNullable<ReconcileOutcome['proposed']>, count: number): Promise<boolean> {
  const review = 'Review and Apply…';
  const choice = await vscode.window.showInformationMessage(`Tokentier: ${count === 1 ? 'one change' : `${count} changes`} to ${proposed.path} would make the estimate match the bill.`, review);
  if (choice !== review) return false;
  const left = proposed.before === undefined ? deps.docs.set('reconcile/usage-before.yml', '') : target;
  const right = deps.docs.set(`reconcile/proposed/${proposed.path.replace(/^.*\//, '')}`, proposed.after);
  await vscode.commands.executeCommand('vscode.diff', left, right, `${proposed.path} ↔ proposed by reconcile`, { preview: true });
  const apply = 'Apply';
  const ok = await vscode.window.showInformationMessage(`Apply the proposed changes to ${proposed.path}?`, { modal: true, detail: 'Comments and other entries are kept. The old values are in the diff on the left.' }, apply);
  return ok === apply ? writeProposal(deps, target, proposed) : false;
}

async function reconcileCommand(deps: CommandDeps, args: ReconcileArgs | undefined): Promise<ReconcileCommandResult | undefined> {
  const folder = await pickFolder(args);
  if (!folder) {
    void vscode.window.showWarningMessage('Tokentier: open a folder first; the bill is compared with its call sites.');
    return undefined;
  }
  let uris = args?.files?.map((f) => vscode.Uri.parse(f));
  if (!uris) {
    uris = await vscode.window.showOpenDialog({ title: 'Tokentier: usage or cost exports to compare with the estimates', canSelectMany: true, defaultUri: folder.uri, filters: { 'Usage exports': ['csv', 'json', 'gz'], 'All files': ['*'] } });
    if (!uris?.length) return undefined;
  }
  const exportsRead = await readExports(deps.platform, uris);
  if (typeof exportsRead === 'string') {
    void vscode.window.showErrorMessage(`Tokentier: ${exportsRead}.`);
    return undefined;
  }
  const run = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: 'Tokentier: reconciling with the bill…' }, async () => {
    if (deps.model.states().length === 0) await deps.model.rescan(false);
    await deps.model.idle();
    const settings = deps.model.settingsFor(folder);
    const team = (vscode.workspace.isTrusted ? await deps.engines.teamConfigFor(folder.uri, settings) : undefined) ?? { diagnostics: [] };
    const usage = await usageFileOf(folder);
    const bundle = await deps.engines.bundle();
    const outcome = await bundle.reconcile({ report: await deps.model.report({ folder }), exports: exportsRead, settings, team, files: deps.engines.files(folder.uri), usageFile: { path: usage.path, text: usage.text } });
    return { outcome, usage };
  });
  const { outcome, usage } = run;
  const preview = await deps.docs.showPreview(`reconcile/reconcile-${folder.name.replace(/[^A-Za-z0-9._-]+/g, '_')}.md`, (await deps.engines.bundle()).formatReconcileMarkdown(outcome.result));
  const errors = outcome.result.diagnostics.filter((d) => d.severity === 'error');
  if (errors.length) void vscode.window.showWarningMessage(`Tokentier: ${errors.length} problem${errors.length === 1 ? '' : 's'} reading the exports (listed at the end of the report). ${errors[0]!.message.slice(0, 200)}`);
  let written = false;
  if (outcome.proposed && !vscode.workspace.isTrusted) void vscode.window.showInformationMessage('Tokentier: Restricted Mode: .tokentier/usage files are not read or written until you trust this workspace.');
  else if (outcome.proposed && args?.apply === true) written = await writeProposal(deps, usage.uri, outcome.proposed);
  else if (outcome.proposed && args?.apply === undefined) written = await reviewAndApply(deps, usage.uri, outcome.proposed, outcome.result.proposals.length);
  return { outcome, written, preview };
}

/** Registers Reconcile with Usage Export…. */
export function registerReconcileCommand(deps: CommandDeps): vscode.Disposable[] {
  return [vscode.commands.registerCommand(CommandId.reconcileUsage, (args?: ReconcileArgs) => reconcileCommand(deps, args))];
}
