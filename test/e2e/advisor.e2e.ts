// The Tier Advisor as a person sees it in the real workbench: the four-tier table, the break-even text, the volume
// input moving the numbers, a hostile model name shown as text with no CSP violation, state kept across a reload,
// and screenshots in a dark and a light theme (look at them: artifacts/e2e/advisor-*.png).
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { FrameLocator } from 'playwright-core';
import type { E2eContext } from './context';

export const name = 'tier advisor: table, break-even, volume edit, hostile strings, reload, themes';

/** A model id an attacker could put in code: markup with an event handler that would mark the page if it ran. */
const HOSTILE = '<img src=x onerror="document.title=\'PWNED\'">gpt-4o-mini';
const HOSTILE_FILE = 'tt_e2e_hostile.py';

const TIERS = ['Hosted API', 'GPU marketplace', 'On-prem', 'Edge'];

async function cellTexts(frame: FrameLocator, row: string): Promise<string[]> {
  return (await frame.locator(`#tiers tr[data-row="${row}"] td`).allInnerTexts()).map((t) => t.trim());
}

/** A tab header by its text (vscode-tabs assigns its own ids to headers). */
function tab(frame: FrameLocator, text: string) {
  return frame.locator('vscode-tab-header', { hasText: text });
}

async function setTheme(ctx: E2eContext, kind: 'Light' | 'Dark'): Promise<void> {
  // Not ctx.runCommand: Enter would pick the palette's first row, which may be "Browse Color Themes in Marketplace".
  const input = ctx.page.locator('.quick-input-widget .quick-input-box input');
  await ctx.page.keyboard.press('Escape');
  await ctx.page.keyboard.press('F1');
  await input.fill('>Preferences: Color Theme');
  await ctx.page.locator('.quick-input-list .monaco-list-row[aria-label^="Preferences: Color Theme"]').first().click();
  await ctx.page.waitForTimeout(500);
  await input.fill(`${kind} Modern`);
  // The built-in names differ between releases ("Light Modern", "Default Light Modern"): match either.
  const row = ctx.page.locator('.quick-input-list .monaco-list-row', { hasText: new RegExp(`${kind} Modern`) }).first();
  await row.waitFor({ state: 'visible', timeout: 10_000 });
  await row.click();
  await ctx.waitFor(async () => {
    const cls = (await ctx.page.locator('.monaco-workbench').getAttribute('class')) ?? '';
    return kind === 'Light' ? /\bvs\b/.test(cls) : /\bvs-dark\b/.test(cls);
  }, `the ${kind} theme to apply`);
}

export async function run(ctx: E2eContext): Promise<void> {
  const consoleErrors: string[] = [];
  ctx.page.on('console', (m) => {
    if (/Content Security Policy|Refused to/i.test(m.text())) consoleErrors.push(m.text());
  });
  const hostilePath = path.join(ctx.workspace, HOSTILE_FILE);
  fs.writeFileSync(
    hostilePath,
    `from openai import OpenAI\nclient = OpenAI()\nclient.chat.completions.create(model=${JSON.stringify(HOSTILE)}, messages=[{"role": "user", "content": "</script><script>alert(1)</script>"}])\n`,
  );
  try {
    await ctx.openFile('app.py');
    // Make sure the workspace analysis includes the hostile file (it was written after start-up).
    await ctx.openFile(HOSTILE_FILE);
    await ctx.runCommand('Tokentier: Rescan Workspace');

    await ctx.runCommand('Tokentier: Open Tier Advisor');
    await ctx.page.locator('.tabs-container .tab', { hasText: 'Tokentier: Tier Advisor' }).first().waitFor({ state: 'visible', timeout: 20_000 });
    const frame = await ctx.webviewFrame();
    await frame.locator('#tiers tbody tr').first().waitFor({ state: 'attached', timeout: 45_000 });

    // The table: four tiers side by side, every figure row present, each number cell with a tooltip.
    const headers = (await frame.locator('#tiers thead th').allInnerTexts()).map((t) => t.trim());
    ctx.log('headers:', headers);
    for (const t of TIERS) assert.ok(headers.some((h) => h.startsWith(t)), `table header has ${t}: ${JSON.stringify(headers)}`);
    const rows = await frame.locator('#tiers tbody tr').evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-row')));
    assert.deepEqual(rows, ['option', 'provider', 'hardware', 'costPerMTok', 'monthlyCost', 'ttft', 'tokensPerSec', 'e2e', 'network', 'target', 'utilisation', 'energy', 'co2', 'rateLimit', 'notes']);

    // The first line is a recommendation a person can act on, with its quality caveat (#20).
    const first = await frame.locator('#root > *').first().getAttribute('id');
    assert.equal(first, 'recommendation', 'the recommendation is the first thing in the panel');
    const headline = await ctx.expectText(frame.locator('#rec-headline'), /^At [\d,]+ requests\/day, .* is cheapest/);
    const caveat = await frame.locator('#rec-caveat').innerText();
    ctx.log('recommendation:', headline, '|', caveat);
    assert.match(caveat, /^Quality: /);
    // Latency at the real load: p50 / p95 for the self-hosted tiers, the API's published median.
    const ttft = await cellTexts(frame, 'ttft');
    ctx.log('ttft:', ttft);
    assert.match(ttft[0]!, /\(published\)$/);
    assert.match(ttft[2]!, /^\d+(\.\d+)? m?s \/ \d+(\.\d+)? m?s$/, 'on-prem shows p50 / p95');
    // Data gaps about hardware not in the answer are one line here, listed under Assumptions.
    await ctx.expectText(frame.locator('#gaps-note'), /missing for hardware that is not in the answer/);
    const monthly = await cellTexts(frame, 'monthlyCost');
    ctx.log('monthly cost:', monthly);
    assert.equal(monthly.length, 4);
    assert.match(monthly[0]!, /^\$[\d,.]+$/, 'the hosted API has a monthly cost (the demo calls priced OpenAI models)');
    const tip = await frame.locator('#tiers tr[data-row="monthlyCost"] td').first().getAttribute('title');
    assert.ok(tip && tip.includes('='), `the monthly-cost cell has a tooltip with its formula: ${tip}`);

    // Break-even: one line per self-hosted tier, naming a volume or saying the API stays cheaper.
    const breakEven = (await frame.locator('#break-even li').allInnerTexts()).map((t) => t.trim());
    ctx.log('break-even:', breakEven);
    assert.equal(breakEven.length, 3, 'a break-even line for marketplace, on-prem and edge');
    for (const line of breakEven) assert.match(line, /^(GPU marketplace|On-prem|Edge): .*(requests\/day|cheaper|never|n\/a)/i);
    await ctx.screenshot('dark-top');
    await frame.locator('#tiers').scrollIntoViewIfNeeded();
    await ctx.screenshot('dark-table');

    // Keyboard: one tab stop into the table, arrows move; the focused cell's derivation is shown as text.
    await frame.locator('#tiers td[tabindex="0"]').focus();
    for (let i = 0; i < 4; i++) await ctx.page.keyboard.press('ArrowDown');
    await ctx.page.keyboard.press('ArrowRight');
    const details = await ctx.expectText(frame.locator('#details'), /^GPU marketplace · Monthly cost: /);
    assert.ok(details.includes('='), `the details show the formula: ${details}`);
    assert.equal(await frame.locator('#tiers td[tabindex="0"]').count(), 1, 'exactly one tab stop in the table');
    await ctx.screenshot('dark-keyboard');

    // Export CSV: the host's save dialog (code-server's simple dialog), an atomic write, a status line.
    const csvPath = path.join(ctx.workspace, 'tier-advisor.csv');
    fs.rmSync(csvPath, { force: true });
    await frame.locator('#export-csv').click();
    const dialogInput = ctx.page.locator('.quick-input-widget .quick-input-box input');
    await dialogInput.waitFor({ state: 'visible', timeout: 10_000 });
    await ctx.waitFor(async () => (await dialogInput.inputValue()).endsWith('tier-advisor.csv'), 'the save dialog to propose tier-advisor.csv');
    await ctx.page.keyboard.press('Enter');
    await ctx.expectText(frame.locator('#status'), /Saved .*tier-advisor\.csv/);
    const csv = fs.readFileSync(csvPath, 'utf8').trimEnd().split('\r\n');
    fs.rmSync(csvPath, { force: true });
    ctx.log('csv:', csv.slice(0, 2));
    assert.equal(csv.length, 5, 'header + four tiers');
    assert.match(csv[0]!, /^tier,option,provider,hardware_id,gpu_count,cost_per_1m_tokens_usd,monthly_cost_usd/);
    assert.deepEqual(csv.slice(1).map((l) => l.split(',')[0]), ['api', 'marketplace', 'onprem', 'edge']);
    assert.deepEqual(fs.readdirSync(ctx.workspace).filter((f) => f.endsWith('.tmp')), [], 'no temp file left behind');

    // Users (edge): empty means not sized; a number sizes one device per user.
    const edgeBefore = (await cellTexts(frame, 'option'))[3]!;
    assert.equal(edgeBefore, 'not sized: enter the number of users', 'edge is not sized without a number of users');
    const users = frame.locator('#users input');
    await users.fill('40');
    await users.press('Enter');
    await users.press('Tab');
    const edgeAfter = await ctx.waitFor(async () => {
      const o = (await cellTexts(frame, 'option'))[3]!;
      return /one per user/.test(o) ? o : undefined;
    }, 'the edge tier to be sized for 40 users');
    ctx.log('edge with 40 users:', edgeAfter);
    await frame.locator('#recommendation').scrollIntoViewIfNeeded();
    await ctx.screenshot('dark-recommendation');
    await users.fill('');
    await users.press('Enter');
    await users.press('Tab');
    await ctx.waitFor(async () => (await cellTexts(frame, 'option'))[3] === 'not sized: enter the number of users', 'edge back to not sized');

    // Change the volume: the API's monthly cost scales with it.
    const volumeInput = frame.locator('#volume input');
    const before = Number((await volumeInput.inputValue()).replace(/,/g, ''));
    const target = Math.max(10, Math.round(before * 10));
    await volumeInput.fill(String(target));
    await volumeInput.press('Enter');
    await volumeInput.press('Tab');
    const after = await ctx.waitFor(async () => {
      const m = await cellTexts(frame, 'monthlyCost');
      return m[0] !== monthly[0] ? m : undefined;
    }, 'the API monthly cost to change after the volume edit');
    ctx.log(`volume ${before} → ${target}; monthly cost ${monthly[0]} → ${after[0]}`);
    const usd = (s: string) => Number(s.replace(/[$,]/g, ''));
    // The API is linear in volume: ×10 requests → ×10 cost (to display rounding).
    assert.ok(Math.abs(usd(after[0]!) / usd(monthly[0]!) - target / before) < 0.02 * (target / before), `API cost scales with volume: ${monthly[0]} → ${after[0]}`);

    // Region preset → electricity price: a dearer grid never makes on-prem cheaper.
    const onpremBefore = (await cellTexts(frame, 'monthlyCost'))[2]!;
    const regions = await frame.locator('#region vscode-option').allTextContents();
    const dear = regions.findIndex((r) => r.startsWith('Rhode Island'));
    assert.ok(dear > 0, `the region list has Rhode Island (EIA): ${JSON.stringify(regions)}`);
    await frame.locator('#region').evaluate((s, i) => {
      (s as HTMLElement & { value: string }).value = String(i);
      s.dispatchEvent(new Event('change'));
    }, dear - 1);
    await ctx.waitFor(async () => (await frame.locator('#electricity input').inputValue()) === '0.1997', 'electricity 0.1997 USD/kWh (19.97 US cents/kWh in rental.csv)');
    const onpremAfter = await ctx.waitFor(async () => {
      const m = (await cellTexts(frame, 'monthlyCost'))[2]!;
      return m !== onpremBefore ? m : undefined;
    }, 'the on-prem monthly cost to change with the electricity price');
    ctx.log(`on-prem monthly cost ${onpremBefore} → ${onpremAfter} at $0.1997/kWh`);
    assert.ok(usd(onpremAfter) > usd(onpremBefore), 'dearer electricity, dearer on-prem');

    // Charts tab: both canvases drawn.
    await tab(frame, 'Charts').click();
    await frame.locator('#cost-chart').waitFor({ state: 'visible', timeout: 10_000 });
    const drawn = await frame.locator('#cost-chart').evaluate((c) => (c as HTMLCanvasElement).width > 0 && (c as HTMLCanvasElement).height > 0);
    assert.ok(drawn, 'the cost chart has a size');
    await frame.locator('#latency-chart').scrollIntoViewIfNeeded();
    await ctx.screenshot('dark-charts');
    await tab(frame, 'Comparison').click();

    // Hostile strings: the scope picker lists the hostile call as text; pick it and the summary shows the text too.
    const optionTexts = await frame.locator('#scope vscode-option').allTextContents();
    const hostileOption = optionTexts.find((t) => t.includes('<img src=x'));
    ctx.log('hostile option:', hostileOption);
    assert.ok(hostileOption, `the scope list shows the hostile model id as text: ${JSON.stringify(optionTexts)}`);
    const index = optionTexts.indexOf(hostileOption);
    // Select through the component's API (the same path as a click), then wait for the new snapshot.
    await frame.locator('#scope').evaluate((s, i) => {
      (s as HTMLElement & { value: string }).value = String(i);
      s.dispatchEvent(new Event('change'));
    }, index);
    const summary = await ctx.expectText(frame.locator('#workload-summary'), '<img src=x', 30_000);
    ctx.log('summary:', summary);
    assert.equal(await frame.locator('img').count(), 0, 'no <img> element was created from data');
    assert.notEqual(await ctx.page.title(), 'PWNED');
    const violations = await frame.locator('body').getAttribute('data-csp-violations');
    assert.equal(violations, null, `the webview recorded no CSP violation (${violations})`);
    assert.deepEqual(consoleErrors, [], 'no CSP violation in the console');
    await ctx.screenshot('dark-hostile');

    // Back to the workspace scope, then reload the window: the serializer restores the panel and its UI state.
    await frame.locator('#scope').evaluate((s) => {
      (s as HTMLElement & { value: string }).value = '0';
      s.dispatchEvent(new Event('change'));
    });
    await ctx.waitFor(async () => !(await frame.locator('#workload-summary').innerText()).includes('<img'), 'workspace scope again');
    await tab(frame, 'Assumptions').click();
    // Give the workbench a moment to record the webview's state, then reload the way a user does.
    await ctx.page.waitForTimeout(1500);
    await ctx.runCommand('Developer: Reload Window');
    await ctx.page.waitForEvent('load', { timeout: 30_000 });
    await ctx.page.locator('.monaco-workbench').waitFor({ state: 'visible', timeout: 30_000 });
    await ctx.page.locator('.tabs-container .tab', { hasText: 'Tokentier: Tier Advisor' }).first().waitFor({ state: 'visible', timeout: 30_000 });
    await ctx.page.locator('.tabs-container .tab', { hasText: 'Tokentier: Tier Advisor' }).first().click();
    const revived = await ctx.webviewFrame();
    await revived.locator('#tiers tbody tr').first().waitFor({ state: 'attached', timeout: 45_000 });
    const restoredVolume = Number((await revived.locator('#volume input').inputValue()).replace(/,/g, ''));
    const selected = await revived.locator('#tabs').evaluate((t) => (t as HTMLElement & { selectedIndex: number }).selectedIndex);
    ctx.log('after reload: volume', restoredVolume, 'tab', selected);
    await ctx.screenshot('dark-after-reload');
    assert.equal(selected, 2, 'the selected tab survives the reload');
    assert.equal(restoredVolume, target, 'the edited volume survives the reload');

    // Light theme.
    await tab(revived, 'Comparison').click();
    await setTheme(ctx, 'Light');
    await revived.locator('#recommendation').scrollIntoViewIfNeeded();
    await ctx.page.waitForTimeout(800);
    await ctx.screenshot('light-recommendation');
    await revived.locator('#tiers').scrollIntoViewIfNeeded();
    await ctx.page.waitForTimeout(800);
    await ctx.screenshot('light-table');
    await tab(revived, 'Charts').click();
    await revived.locator('#latency-chart').scrollIntoViewIfNeeded();
    await ctx.page.waitForTimeout(800);
    await ctx.screenshot('light-charts');
    await setTheme(ctx, 'Dark');
    assert.deepEqual(consoleErrors, [], 'no CSP violation in the console');
  } finally {
    fs.rmSync(hostilePath, { force: true });
  }
}
