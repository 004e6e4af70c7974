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
});
