import type * as vscode from 'vscode';
import type { Logger } from '../../core/logger';
import type { AnalysisCache } from '../analysisCache';
import type { ConfigService } from '../config';
import type { EngineLoader } from '../engineLoader';
import type { HostPlatform } from '../platform';
import type { SitesTree } from '../tree';
import type { VirtualDocuments } from '../virtualDocs';
import type { WorkspaceModel } from '../workspaceModel';

/** What the command handlers need; built once in `activate`. */
export interface CommandDeps {
  readonly context: vscode.ExtensionContext;
  readonly logger: Logger;
  readonly channel: vscode.LogOutputChannel;
  readonly config: ConfigService;
  readonly engines: EngineLoader;
  readonly cache: AnalysisCache;
  readonly model: WorkspaceModel;
  readonly tree: SitesTree;
  readonly docs: VirtualDocuments;
  /** The extension host's platform (desktop or web): what needs Node goes through it. */
  readonly platform: HostPlatform;
}
