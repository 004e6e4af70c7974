/** A minimal cancellation token, structurally compatible with `vscode.CancellationToken`. */
export interface CancellationToken {
  readonly isCancellationRequested: boolean;
}

export const neverCancelled: CancellationToken = { isCancellationRequested: false };

/** Thrown by long core loops when their token is cancelled; callers catch it (it is not an error). */
export class CancelledError extends Error {
  constructor() {
    super('Cancelled');
    this.name = 'CancelledError';
  }
}
