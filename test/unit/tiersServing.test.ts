import { strict as assert } from 'node:assert';
import { groupAdmissionWaitMs, servingLatency, waitQuantile, type ReplicaTimes } from '../../src/core/tiers/serving';

function close(actual: number | null | undefined, expected: number, relTol: number, what: string): void {
  assert.ok(actual !== null && actual !== undefined && Number.isFinite(actual), `${what}: got ${String(actual)}`);
  assert.ok(Math.abs(actual - expected) <= relTol * Math.abs(expected) + 1e-9, `${what}: expected ${expected}, got ${actual}`);
}

// A made-up replica with round numbers: every decode step 10 ms whatever the batch, prefill 100 ms (p95 prompt 300 ms),
// no server overhead, room for 1,000 sequences. Output 100 tokens (p95 250).
const flat: ReplicaTimes = { decodeMs: () => 10, prefillMeanMs: 100, prefillP95Ms: 300, maxSequences: 1000, overheadMs: 0 };
const out = { mean: 100, p95: 250 };

describe('tiers: queueing model (hand calculations)', () => {
  it('Poisson arrivals: prefill queue as M/D/1, decode batch from Little’s law, prefills interleaved', () => {
    // λ = 5 req/s = 0.005/ms; prefill busy ρ = 0.005 × 100 = 0.5. TPOT = 10 ÷ (1 − 0.5) = 20 ms.
    // In decode: n = λ × 100 tokens × 20 ms = 10 others → batch 11. Step in progress: (1 − e^−10) × 10/2 = 4.99977 ms.
    // M/D/1 wait: ρ × S / (2(1 − ρ)) = 0.5 × 100 / 1 = 50 ms. Mean TTFT = 4.99977 + 50 + 100 = 154.99977 ms.
    // p50: ρ = 0.5 is not above 1 − 0.5, so no wait: 104.99977 ms. p95: (50 / 0.5) × ln(0.5 / 0.05) = 230.2585 ms of wait,
    // plus the p95 prompt's 300 ms prefill: 535.2583 ms.
    const l = servingLatency(flat, { kind: 'poisson', perSec: 5 }, out);
    assert.equal(l.stable, true);
    close(l.tpotMs, 20, 1e-9, 'TPOT');
    close(l.batch, 11, 1e-9, 'batch');
    close(l.ttftMeanMs, 154.99977, 1e-7, 'mean TTFT');
    close(l.ttftP50Ms, 104.99977, 1e-7, 'p50 TTFT');
    close(l.ttftP95Ms, 4.99977 + 230.25851 + 300, 1e-7, 'p95 TTFT');
    close(l.prefillShare, 0.5, 1e-12, 'prefill share');
  });

  it('at a trickle of requests a request runs alone: batch 1, TPOT = one decode step, TTFT = prefill', () => {
    const l = servingLatency(flat, { kind: 'poisson', perSec: 1e-6 }, out);
    close(l.batch, 1, 1e-6, 'batch');
    close(l.tpotMs, 10, 1e-6, 'TPOT');
    close(l.ttftP95Ms, 300, 1e-6, 'p95 TTFT = p95 prefill');
  });

  it('is unstable when prefills alone fill the replica, or the decode batch outgrows the KV cache', () => {
    assert.equal(servingLatency(flat, { kind: 'poisson', perSec: 10 }, out).stable, false, 'ρ = 1');
    // λ = 1/s with a 10-sequence cache: n = 0.001 × 100 × 10/(1 − 0.1) = 1.11 others (fits); at 20/s prefills fill it.
    assert.equal(servingLatency({ ...flat, maxSequences: 10 }, { kind: 'poisson', perSec: 1 }, out).stable, true);
    // 9 req/s: ρ = 0.9, TPOT 100 ms, n = 0.009 × 100 × 100 = 90 > 10 sequences.
    assert.equal(servingLatency({ ...flat, maxSequences: 10 }, { kind: 'poisson', perSec: 9 }, out).stable, false);
  });

  it('one client (closed loop) never waits for anyone: TTFT = overhead + prefill, TPOT = one step', () => {
    const l = servingLatency({ ...flat, overheadMs: 4 }, { kind: 'closed', concurrency: 1 }, out);
    close(l.ttftMeanMs, 104, 1e-9, 'TTFT');
    close(l.tpotMs, 10, 1e-9, 'TPOT');
    // One request per 4 + 100 + 100 × 10 = 1,104 ms.
    close(l.throughputPerSec, 1000 / 1104, 1e-6, 'requests/s');
  });

  it('closed loop with more clients than KV slots: the extra clients wait for a slot (Little: TTFT = c / X − output × TPOT)', () => {
    // 4 slots, 8 clients, flat step 10 ms, prefill 100 ms. Throughput at a full batch x: in decode 4 = x × 100 × TPOT with
    // TPOT = 10 ÷ (1 − 0.875 × 100x) (7 of 8 clients' prefills interleave) → x = 4/(1000 + 350) per ms = 2.963 req/s.
    const l = servingLatency({ ...flat, maxSequences: 4 }, { kind: 'closed', concurrency: 8 }, out);
    const x = 4 / 1350;
    const tpot = 10 / (1 - 0.875 * 100 * x);
    close(l.throughputPerSec, x * 1000, 1e-6, 'throughput');
    close(l.tpotMs, tpot, 1e-6, 'TPOT');
    close(l.ttftMeanMs, 8 / x - 100 * tpot, 1e-6, 'mean TTFT (slot wait included)');
  });

  it('one request at a time (a user’s device): M/D/1 over prefill + output × step', () => {
    // Service 100 + 100 × 10 = 1,100 ms; λ = 0.5/s → ρ = 0.55; wait = 0.55 × 1,100 / (2 × 0.45) = 672.22 ms.
    const l = servingLatency(flat, { kind: 'single', perSec: 0.5 }, out);
    close(l.ttftMeanMs, 672.2222 + 100, 1e-6, 'mean TTFT');
    close(l.tpotMs, 10, 1e-12, 'TPOT');
    assert.equal(servingLatency(flat, { kind: 'single', perSec: 1 }, out).stable, false, 'ρ = 1.1');
  });

  it('waiting-time quantiles from the exponential tail', () => {
    assert.equal(waitQuantile(50, 0.04, 0.95), 0, 'below 5 % busy nobody waits at p95');
    close(waitQuantile(50, 0.5, 0.95), 100 * Math.log(10), 1e-12, 'p95');
  });

  it('TGI group admission: members of a group of k wait for the k − j arrivals still missing, at most the window', () => {
    // Running batch 7: k = ⌊0.3 × 7⌋ = 2. The first of the two waits for one more arrival, at most 20 steps × 10 ms:
    // E[min(Exp(λ), 200 ms)] = (1 − e^(−0.004 × 200)) / 0.004 = 137.668 ms at λ = 4 req/s; the second joins at once.
    // Mean over the group: 68.834 ms. With 6 running, k = 1: nobody waits for a group.
    close(groupAdmissionWaitMs({ waitingServedRatio: 0.3, maxWaitingSteps: 20 }, 7, 0.004, 10), (1 - Math.exp(-0.8)) / 0.004 / 2, 1e-4, 'k = 2');
    assert.equal(groupAdmissionWaitMs({ waitingServedRatio: 0.3, maxWaitingSteps: 20 }, 6, 0.004, 10), 0);
  });
});
