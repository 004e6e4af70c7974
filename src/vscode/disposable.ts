import type * as vscode from 'vscode';

/** A small base for classes that own disposables (hexeditor `dispose.ts`): `_register` and dispose-once. */
export abstract class Disposable implements vscode.Disposable {
  private readonly disposables: vscode.Disposable[] = [];
  private disposed = false;

  protected get isDisposed(): boolean {
    return this.disposed;
  }

  protected _register<T extends vscode.Disposable>(d: T): T {
    if (this.disposed) d.dispose();
    else this.disposables.push(d);
    return d;
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    // Dispose in reverse order of registration, as VS Code does for context.subscriptions.
    for (const d of this.disposables.splice(0).reverse()) {
      try {
        d.dispose();
      } catch {
        // A failing dispose must not keep the others alive.
      }
    }
  }
}

/** Holds at most one disposable value; setting a new one disposes the old (GitLens/hexeditor `DisposableValue`). */
export class DisposableValue<T extends vscode.Disposable> implements vscode.Disposable {
  private current: T | undefined;

  get value(): T | undefined {
    return this.current;
  }

  set value(v: T | undefined) {
    if (this.current === v) return;
    this.current?.dispose();
    this.current = v;
  }

  dispose(): void {
    this.value = undefined;
  }
}
