import type { CancellationToken } from '../cancellation';
import type { Engine } from '../engine';
import type { FileProvider } from '../fileProvider';
import type { Report, SiteEstimate, Diagnostic } from '../types';

export interface ScanOptions {
  /** Workspace-relative folders or files to scan ('' = the root). */
  readonly paths?: readonly string[];
  readonly include?: readonly string[];
  readonly exclude?: readonly string[];
  /** Apply `.gitignore` files found in the tree (default true). */
  readonly gitignore?: boolean;
  readonly maxFileBytes?: number;
  readonly token?: CancellationToken;
  /** Called after each analysed file (streaming results to a tree view or progress bar). */
  readonly onFile?: (file: string, estimates: readonly SiteEstimate[], diagnostics: readonly Diagnostic[]) => void;
  readonly onProgress?: (done: number, total: number) => void;
  /** Label for `Report.root`. */
  readonly rootLabel?: string;
}

/**
 * Walks a workspace through the FileProvider, applying the shared exclusions, prefilters, detects and estimates
 * every candidate file, and returns a Report. Never throws; cancellation returns the partial report.
 *
 * PLACEHOLDER signature (issue 8 implements it).
 */
export async function scanWorkspace(_engine: Engine, _files: FileProvider, _options: ScanOptions = {}): Promise<Report> {
  throw new Error('scanWorkspace: not implemented yet');
}
