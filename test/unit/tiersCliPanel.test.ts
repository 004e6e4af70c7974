/**
 * One workload for `tokentier tiers` and the Tier Advisor panel (issue #19 item 10): on the demo, the workload the
 * CLI prints as JSON equals the one the panel's view model carries, and both equal the figures worked out by hand
 * from examples/demo/.tokentier/usage.yml below. The panel side runs the same core function the panel host calls
 * (src/core/tiers/advisorView.ts, through the engine bundle) on the estimates of a scan of the demo; the integration
 * test test/integration/advisor.test.ts compares the CLI with the real panel in the extension host.
 */
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { computeAdvisorView } from '../../src/core/tiers/advisorView';
import type { TierComparison, Workload } from '../../src/core/tiers/types';
import { workspaceLabel } from '../../src/core/tiers/present';
import type { WorkloadNotes } from '../../src/core/tiers/workload';
import type { Report } from '../../src/core/types';
import { runCli } from './util/runCli';

const DEMO = path.join(__dirname, '..', '..', 'examples', 'demo');

describe('tiers: one workload for the CLI and the panel (demo)', function () {
  this.timeout(120_000);
  let cliJson: TierComparison & { workloadNotes: WorkloadNotes; messages: string[] };
  let report: Report;

  before(async () => {
    const tiers = await runCli(['tiers', DEMO, '--format', 'json', '--quiet'], DEMO);
    assert.equal(tiers.code, 0, tiers.err);
    cliJson = JSON.parse(tiers.out) as typeof cliJson;
    const scan = await runCli(['scan', DEMO, '--format', 'json', '--quiet'], DEMO);
    assert.equal(scan.code, 0, scan.err);
    report = JSON.parse(scan.out) as Report;
  });

  it('counts requests by hand from the usage file: retries and fan-out included', () => {
    const w: Workload = cliJson.workload;
    // usage.yml: draft_reply 800, quick_label 3,000, triage_batch 1 × fan-out 1,200, answer.ts 2 sites × 2,000 ×
    // (1 + 0.02 retries) = 4,080; the other four sites take the chat default of 500/day (agents.py invoke, app.py:40,
    // localModel.ts) and the notebook's 1,000. 800 + 3,000 + 1,200 + 4,080 + 3 × 500 + 1,000 = 11,580.
    assert.equal(w.requestsPerDay, 11_580);
    // gpt-4o-mini carries 3,000 + 1,200 + 4,080 = 8,280 of them: it represents the workload (not gpt-4o, the dearest).
    assert.equal(w.api?.model, 'gpt-4o-mini');
    assert.equal(w.api?.provider, 'openai');
    assert.equal(w.label, 'Workspace demo');
    // A small model: the suggested open-weight equivalent is the 8B one.
    assert.equal(w.selfHostModelId, 'llama-3.1-8b');
  });

  it('the panel receives the same workload, notes and API tier as the CLI prints', () => {
    const view = computeAdvisorView({ scope: { kind: 'workspace' }, scopeLabel: workspaceLabel(path.basename(DEMO)), scopes: [], estimates: report.sites, edits: {} });
    assert.deepEqual(view.workload, cliJson.workload);
    assert.deepEqual(view.derived, cliJson.workload);
    assert.deepEqual(view.workloadNotes, cliJson.workloadNotes);
    assert.deepEqual(view.messages, cliJson.messages);
    assert.deepEqual(view.comparison?.tiers.api.best?.monthlyCostUsd, cliJson.tiers.api.best?.monthlyCostUsd);
  });

  it('prices the API tier as cost per request × requests/day × 365/12 days, the month of every tier', () => {
    const w = cliJson.workload;
    // The request-weighted mean cost per request of the nine priced sites times all requests is the scan's cost per
    // day (its sites' perCall × the same calls/day); the tier model's month is 365/12 days.
    const perDay = report.sites.reduce((a, e) => a + (e.cost.perDay?.expected ?? 0), 0);
    assert.ok(Math.abs(w.api!.costPerRequestUsd * w.requestsPerDay - perDay) < 1e-9, `${w.api!.costPerRequestUsd * w.requestsPerDay} vs ${perDay}`);
    const monthly = cliJson.tiers.api.best?.monthlyCostUsd.value ?? NaN;
    assert.ok(Math.abs(monthly - (perDay * 365) / 12) < 1e-9, `${monthly} vs ${(perDay * 365) / 12}`);
  });

  it('the panel shows the same recommendation the CLI prints', () => {
    const view = computeAdvisorView({ scope: { kind: 'workspace' }, scopeLabel: workspaceLabel(path.basename(DEMO)), scopes: [], estimates: report.sites, edits: {} });
    assert.deepEqual(view.comparison?.recommendation, cliJson.recommendation);
    assert.match(cliJson.recommendation?.headline ?? '', /^At 11,580 requests\/day, the hosted API \(openai gpt-4o-mini\) is cheapest/);
  });

  it('the table prints the recommendation first, then TTFT and end-to-end p95 for every tier that has an option', async () => {
    const r = await runCli(['tiers', DEMO, '--quiet'], DEMO);
    assert.equal(r.code, 0, r.err);
    const lines = r.out.split('\n');
    assert.match(lines[2] ?? '', /^At 11,580 requests\/day, /, 'the recommendation follows the workload line');
    assert.match(lines[3] ?? '', /^Quality: on LMArena text \(snapshot 2025-08-04\)/);
    const header = lines.find((l) => l.startsWith('Tier '));
    assert.ok(header && /TTFT p95 +E2E p95/.test(header), header);
    for (const tier of ['api', 'marketplace', 'onprem']) {
      const row = lines.find((l) => l.startsWith(`${tier} `));
      assert.ok(row && /\d+(\.\d+)? m?s( \(pub\.\))? +\d+(\.\d+)? m?s/.test(row), `${tier}: ${row}`);
    }
    assert.match(r.out, /- rate limit: needs OpenAI usage Tier 2/);
    assert.match(r.out, /Diagnostics \(figures missing for hardware that is not in the answer\):\n- info \(marketplace\)/);
  });

  it('--users sizes the edge tier (each user on their own device); a bad value is a usage error', async () => {
    const ok = await runCli(['tiers', DEMO, '--users', '50', '--format', 'json', '--quiet'], DEMO);
    assert.equal(ok.code, 0, ok.err);
    const c = JSON.parse(ok.out) as TierComparison;
    assert.equal(c.workload.edgeUsers, 50);
    assert.match(c.tiers.edge.best?.label ?? '', /^50 × .* \(one per user\)$/);
    for (const bad of ['0', '2.5', 'many']) {
      const r = await runCli(['tiers', DEMO, '--users', bad, '--quiet'], DEMO);
      assert.equal(r.code, 2, `--users ${bad}`);
      assert.match(r.err, /--users needs a whole number of users \(1 or more\)/);
    }
  });

  it('the scan report carries each site’s energy at the provider when EcoLogits estimates its model', () => {
    const mini = report.sites.filter((e) => e.site.model.id === 'gpt-4o-mini');
    assert.ok(mini.length > 0);
    for (const e of mini) {
      assert.ok(e.energy, `${e.site.file}:${e.site.line} has energy`);
      assert.ok(e.energy.whPerCall.min > 0 && e.energy.whPerCall.min <= e.energy.whPerCall.expected && e.energy.whPerCall.expected <= e.energy.whPerCall.max);
      assert.equal(e.energy.estimatedParameters, true);
    }
  });
});
