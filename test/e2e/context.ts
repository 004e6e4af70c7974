// The context every e2e spec receives (test/harness/runE2e.mjs creates it): a fresh Playwright page on the
// workbench plus helpers that know VS Code 1.139's DOM (selectors from HARNESS.md, "Playwright selectors").
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { FrameLocator, Locator, Page } from 'playwright-core';

/** What a spec module exports. */
export interface E2eSpec {
  /** Shown in the report. */
  readonly name: string;
  run(ctx: E2eContext): Promise<void>;
}

export interface E2eContext {
  readonly page: Page;
  /** `http://127.0.0.1:<port>` of the code-server under test. */
  readonly baseUrl: string;
  /** Absolute path of the workspace folder that is open (examples/demo). */
  readonly workspace: string;
  /** Folder the screenshots go to (artifacts/e2e). */
  readonly artifactsDir: string;
  /** Saves `artifacts/e2e/<spec>-<name>.png` and returns its path. */
  screenshot(name: string): Promise<string>;
  /** Opens a workspace file through Quick Open (works for nested paths) and waits for its editor. */
  openFile(relativePath: string): Promise<void>;
  /** The rows the command palette shows for `query` (without the leading `>`), then closes it; optionally screenshots it open. */
  paletteRows(query: string, screenshotName?: string): Promise<string[]>;
  /** Runs a command by its palette title (e.g. `Tokentier: Open Tier Advisor`). */
  runCommand(title: string): Promise<void>;
  /** The texts of all CodeLenses in the visible editors. */
  lensTexts(): Promise<string[]>;
  /** Waits until a CodeLens containing `text` is visible and returns its full text. */
  waitForLens(text: string | RegExp, timeoutMs?: number): Promise<string>;
  /** The inner frame of the active webview (where the extension's HTML lives). */
  webviewFrame(): Promise<FrameLocator>;
  /** Waits until the locator's text matches (substring or RegExp) and returns the text. */
  expectText(locator: Locator, expected: string | RegExp, timeoutMs?: number): Promise<string>;
  /** Polls `probe` until it returns a truthy value; fails with `message` on timeout. */
  waitFor<T>(probe: () => Promise<T> | T, message: string, timeoutMs?: number): Promise<NonNullable<T>>;
  /** A line in the report under the spec's name. */
  log(...args: unknown[]): void;
}

const matches = (text: string, expected: string | RegExp): boolean =>
  typeof expected === 'string' ? text.includes(expected) : expected.test(text);

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Builds the context for one spec; `slug` prefixes its screenshots. */
export function createContext(opts: { page: Page; baseUrl: string; workspace: string; artifactsDir: string; slug: string }): E2eContext {
  const { page, baseUrl, workspace, artifactsDir, slug } = opts;
  fs.mkdirSync(artifactsDir, { recursive: true });

  const waitFor = async <T>(probe: () => Promise<T> | T, message: string, timeoutMs = 30_000): Promise<NonNullable<T>> => {
    const deadline = Date.now() + timeoutMs;
    let lastError: unknown;
    while (Date.now() < deadline) {
      try {
        const v = await probe();
        if (v) return v as NonNullable<T>;
      } catch (e) {
        lastError = e;
      }
      await sleep(250);
    }
    throw new Error(`Timed out after ${timeoutMs} ms: ${message}${lastError ? ` (last error: ${String(lastError)})` : ''}`);
  };

  const lensTexts = async (): Promise<string[]> =>
    (await page.locator('.monaco-editor .codelens-decoration').allInnerTexts()).map((t) => t.trim()).filter(Boolean);

  const quickInput = page.locator('.quick-input-widget .quick-input-box input');

  /** Opens the quick input with F1 from the workbench and types `value` (which replaces the leading '>'). */
  const openQuickInput = async (value: string): Promise<void> => {
    await page.keyboard.press('Escape');
    await page.locator('.monaco-workbench').focus().catch(() => undefined);
    await page.keyboard.press('F1');
    await quickInput.waitFor({ state: 'visible', timeout: 10_000 });
    await quickInput.fill(value);
  };

  const rowsFor = (text: string) => page.locator('.quick-input-list .monaco-list-row', { hasText: text });

  return {
    page,
    baseUrl,
    workspace,
    artifactsDir,
    async screenshot(name) {
      const file = path.join(artifactsDir, `${slug}-${name.replace(/[^\w.-]+/g, '_')}.png`);
      await page.screenshot({ path: file });
      return file;
    },
    async openFile(relativePath) {
      const base = path.posix.basename(relativePath);
      await openQuickInput(relativePath);
      const row = rowsFor(base).first();
      await row.waitFor({ state: 'visible', timeout: 20_000 });
      await page.keyboard.press('Enter');
      await page.locator('.tabs-container .tab', { hasText: base }).first().waitFor({ state: 'visible', timeout: 15_000 });
      await page.locator('.monaco-editor .view-lines').first().waitFor({ state: 'visible', timeout: 15_000 });
    },
    async paletteRows(query, screenshotName) {
      await openQuickInput(`>${query}`);
      await rowsFor(query).first().waitFor({ state: 'visible', timeout: 15_000 }).catch(() => undefined);
      if (screenshotName) await this.screenshot(screenshotName);
      const rows = (await page.locator('.quick-input-list .monaco-list-row').allInnerTexts()).map((t) => t.replace(/\s+/g, ' ').trim());
      await page.keyboard.press('Escape');
      return rows;
    },
    async runCommand(title) {
      await openQuickInput(`>${title}`);
      await rowsFor(title).first().waitFor({ state: 'visible', timeout: 15_000 });
      await page.keyboard.press('Enter');
    },
    lensTexts,
    async waitForLens(text, timeoutMs = 45_000) {
      try {
        return await waitFor(async () => (await lensTexts()).find((t) => matches(t, text)), `a CodeLens containing ${String(text)}`, timeoutMs);
      } catch (e) {
        const seen = await lensTexts().catch(() => []);
        throw new Error(`${e instanceof Error ? e.message : String(e)}; lenses visible: ${JSON.stringify(seen)}`);
      }
    },
    async webviewFrame() {
      const outer = page.locator('iframe.webview.ready');
      await outer.first().waitFor({ state: 'attached', timeout: 20_000 });
      return page.frameLocator('iframe.webview.ready').frameLocator('iframe#active-frame');
    },
    async expectText(locator, expected, timeoutMs = 20_000) {
      let last = '';
      return waitFor(
        async () => {
          last = (await locator.innerText({ timeout: 2000 })).trim();
          return matches(last, expected) ? last : undefined;
        },
        `text ${String(expected)} (last seen: ${JSON.stringify(last)})`,
        timeoutMs,
      );
    },
    waitFor,
    log(...args) {
      console.log(`    ${args.map((a) => (typeof a === 'string' ? a : JSON.stringify(a))).join(' ')}`);
    },
  };
}
