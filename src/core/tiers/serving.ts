/**
 * Latency at the load a replica actually sees: a queueing model over the roofline's step times (roofline.ts).
 *
 * A replica runs continuous batching (vLLM, TensorRT-LLM, SGLang): a new request's prompt is prefilled in the next
 * scheduler step, then it joins the running decode batch. Two arrival patterns:
 *
 * - **Open (Poisson)**, `perSec` requests/s: the production case (the tier comparison). The prefill work is a
 *   single server with deterministic service (M/D/1, Pollaczek–Khinchine mean wait); the decode batch a request sees
 *   is itself plus the mean number of others in decode, `n = λ × output × TPOT` (Little's law), solved as a fixed point
 *   because TPOT grows with the batch. Prefills interleave with decode, so TPOT = decode step(1 + n) ÷ (1 − ρ), ρ the
 *   share of time spent on prefills (λ × prefill time).
 * - **Closed (fixed concurrency)**, `concurrency` clients that each send the next request when the last one finishes
 *   (benchmark clients such as `vllm bench serve --max-concurrency`, NVIDIA AIPerf): mean value analysis (Reiser &
 *   Lavenberg) over the prefill queue and the decode stage; clients beyond what the KV cache holds wait for a slot.
 *
 * Waiting-time quantiles use the exponential tail of a single-server queue: P(wait > t) = ρ · exp(−t · ρ / E[wait]),
 * so a quantile q is (E[wait] / ρ) · ln(ρ / (1 − q)) when ρ > 1 − q, else 0. The p95 TTFT adds the p95 wait to the
 * prefill of the p95 prompt (both at their 95th percentile: an upper bound of the true p95).
 * Pure functions of step times; nothing here knows hardware.
 */

/**
 * An engine that admits waiting requests into the running batch only in groups (Hugging Face TGI's router: a new
 * prefill joins when at least ⌊ratio × running⌋ requests wait, or after `maxWaitingSteps` decode steps without one).
 */
export interface GroupAdmission {
  readonly waitingServedRatio: number;
  readonly maxWaitingSteps: number;
}

/** Step times of one replica for one workload shape. */
export interface ReplicaTimes {
  /** One decode step with `batch` sequences in flight (≥ 1, may be fractional: a mean), ms. */
  readonly decodeMs: (batch: number) => number;
  /** Prefill of the mean prompt, ms. */
  readonly prefillMeanMs: number;
  /** Prefill of the p95 prompt, ms. */
  readonly prefillP95Ms: number;
  /** Most sequences the replica holds at once (KV cache, engine limit). */
  readonly maxSequences: number;
  /** Fixed time per request outside the GPU (HTTP, tokenisation, scheduling), added to TTFT, ms. */
  readonly overheadMs: number;
  /** Group admission (TGI); absent = a request joins at the next step (vLLM, TensorRT-LLM, SGLang). */
  readonly admission?: GroupAdmission;
}

/**
 * How requests arrive at one replica. `single`: Poisson arrivals served one at a time (a user's own device running
 * llama.cpp-style single-stream generation), an M/D/1 queue over the whole request.
 */
export type Arrivals =
  | { readonly kind: 'poisson'; readonly perSec: number }
  | { readonly kind: 'closed'; readonly concurrency: number }
  | { readonly kind: 'single'; readonly perSec: number };

/** Output tokens per request: the mean sets the load, the p95 the p95 end-to-end time. */
export interface OutputShape {
  readonly mean: number;
  readonly p95: number;
}

/** Latency of a request at a given load. `stable: false` means the replica cannot keep up (times are then null). */
export interface ServingLatency {
  readonly stable: boolean;
  /** Mean sequences in the decode batch a request runs in (itself included). */
  readonly batch: number;
  /** Time per output token, ms. */
  readonly tpotMs: number | null;
  readonly ttftMeanMs: number | null;
  readonly ttftP50Ms: number | null;
  readonly ttftP95Ms: number | null;
  /** Mean wait before the request's prefill starts (queue, the step in progress, a KV slot), ms. */
  readonly waitMeanMs: number | null;
  /** Share of the replica's time spent on prefills. */
  readonly prefillShare: number;
  /** Requests/s the replica completes at this load. */
  readonly throughputPerSec: number;
}

const UNSTABLE = (batch: number, prefillShare: number, throughputPerSec: number): ServingLatency => ({
  stable: false,
  batch,
  tpotMs: null,
  ttftMeanMs: null,
  ttftP50Ms: null,
  ttftP95Ms: null,
  waitMeanMs: null,
  prefillShare,
  throughputPerSec,
});

/**
 * Quantile `q` of a single-server queue's waiting time with mean `mean` and probability of waiting `rho`, from the
 * exponential tail P(W > t) = rho · exp(−t · rho / mean) (exact for M/M/1, the usual approximation for M/G/1).
 */
export function waitQuantile(mean: number, rho: number, q: number): number {
  if (!(mean > 0) || !(rho > 0) || rho <= 1 - q) return 0;
  return (mean / rho) * Math.log(rho / (1 - q));
}

/** The decode side at a throughput: requests in decode and TPOT, or null when the batch would exceed `cap`. */
interface DecodeState {
  /** Mean requests in decode (Little: throughput × output × TPOT). */
  readonly inDecode: number;
  /** Decode batch a request runs in: itself plus the others it meets. */
  readonly seen: number;
  readonly tpot: number;
}

/**
 * Fixed point of the decode batch at throughput `x` (requests/ms): TPOT = step(seen) ÷ (1 − share × ρ), in decode =
 * x × output × TPOT, where a request meets `share` of the others (1 for Poisson arrivals, (c − 1)/c for c clients).
 * Null when it does not converge below `cap` sequences.
 */
function decodeAt(t: ReplicaTimes, x: number, outMean: number, share: number, cap: number): DecodeState | null {
  const rho = x * t.prefillMeanMs;
  if (rho >= 1) return null;
  // Only the other requests' prefills interleave with a request's decode: all of them for Poisson arrivals,
  // (c − 1)/c of them for c clients (a lone client's own prefill never overlaps its decode).
  const others = rho * share;
  let n = 0;
  for (let i = 0; i < 1000; i++) {
    const seen = 1 + n * share;
    const tpot = t.decodeMs(seen) / (1 - others);
    const next = x * outMean * tpot;
    if (next > cap) return null;
    if (Math.abs(next - n) <= 1e-9 * (1 + n)) return { inDecode: next, seen: 1 + next * share, tpot };
    n = next;
  }
  return null;
}

/**
 * Mean wait to join the running batch under group admission, for a running batch of `running` requests: a request
 * that arrives as member j of a group of k = ⌊ratio × running⌋ waits for the k − j arrivals still missing, at most the
 * window of `maxWaitingSteps` steps: E[min(Gamma(k − j, λ), window)] = ∫₀^window P(Poisson(λt) < k − j) dt, averaged
 * over j = 1 … k.
 */
export function groupAdmissionWaitMs(a: GroupAdmission, running: number, perMs: number, stepMs: number): number {
  const k = Math.floor(a.waitingServedRatio * running);
  if (k < 2 || !(perMs > 0)) return 0;
  const window = a.maxWaitingSteps * stepMs;
  const steps = 200;
  let total = 0;
  for (let j = 1; j < k; j++) {
    const missing = k - j;
    // Midpoint rule over the window; P(Poisson(m) < missing) summed term by term.
    let integral = 0;
    for (let i = 0; i < steps; i++) {
      const m = perMs * ((i + 0.5) * (window / steps));
      let term = Math.exp(-m);
      let cdf = term;
      for (let r = 1; r < missing; r++) {
        term *= m / r;
        cdf += term;
      }
      integral += cdf * (window / steps);
    }
    total += integral;
  }
  return total / k;
}

/**
 * The group-admission wait averaged over the running batch, which is Poisson with mean `inDecode` (requests in decode
 * form an M/G/∞ system).
 */
function meanGroupAdmissionWaitMs(a: GroupAdmission, inDecode: number, perMs: number, stepMs: number): number {
  const top = Math.ceil(inDecode + 10 * Math.sqrt(inDecode) + 10);
  let p = Math.exp(-inDecode);
  let sum = 0;
  for (let b = 0; b <= top; b++) {
    if (b > 0) p *= inDecode / b;
    sum += p * groupAdmissionWaitMs(a, b, perMs, stepMs);
  }
  return sum;
}

/** The wait before the prefill starts: the step in progress (or group admission), then the prefill queue (M/D/1). */
function waits(t: ReplicaTimes, x: number, d: DecodeState, prefillRho: number): { before: number; queueMean: number } {
  const others = d.seen - 1;
  const step = t.decodeMs(d.seen);
  const residual = (1 - Math.exp(-others)) * (step / 2);
  const join = t.admission ? Math.max(residual, meanGroupAdmissionWaitMs(t.admission, d.inDecode, x, step)) : residual;
  const queueMean = prefillRho > 0 ? (prefillRho * t.prefillMeanMs) / (2 * (1 - prefillRho)) : 0;
  return { before: join, queueMean };
}

function result(t: ReplicaTimes, x: number, d: DecodeState, rho: number, extraWait: number, queueRho: number): ServingLatency {
  const w = waits(t, x, d, queueRho);
  const base = t.overheadMs + w.before + extraWait;
  return {
    stable: true,
    batch: d.seen,
    tpotMs: d.tpot,
    ttftMeanMs: base + w.queueMean + t.prefillMeanMs,
    ttftP50Ms: base + waitQuantile(w.queueMean, queueRho, 0.5) + t.prefillMeanMs,
    ttftP95Ms: base + waitQuantile(w.queueMean, queueRho, 0.95) + t.prefillP95Ms,
    waitMeanMs: w.before + extraWait + w.queueMean,
    prefillShare: rho,
    throughputPerSec: x * 1000,
  };
}

/** Open arrivals: the decode batch from Little's law, the prefill queue as M/D/1. */
function poissonLatency(t: ReplicaTimes, perSec: number, out: OutputShape): ServingLatency {
  const x = Math.max(0, perSec) / 1000;
  const rho = x * t.prefillMeanMs;
  const d = decodeAt(t, x, out.mean, 1, t.maxSequences);
  if (!d) return UNSTABLE(t.maxSequences, rho, perSec);
  return result(t, x, d, rho, 0, rho);
}

/**
 * Closed arrivals, c clients with no pause between requests: the throughput x where c = x × (TTFT + output × TPOT)
 * (Little), found by bisection. A client meets c − 1 others, so the prefill queue it sees is at ρ × (c − 1)/c. When
 * the decode batch would outgrow the KV cache, the batch stays at the cache's size, the throughput is what that batch
 * completes, and the clients left over wait for a slot: TTFT = c ÷ x − output × TPOT.
 */
function closedLatency(t: ReplicaTimes, concurrency: number, out: OutputShape): ServingLatency {
  const c = Math.max(1, concurrency);
  const share = (c - 1) / c;
  const cycleClients = (x: number): number => {
    const d = decodeAt(t, x, out.mean, share, Number.POSITIVE_INFINITY);
    if (!d) return Number.POSITIVE_INFINITY;
    const rho = x * t.prefillMeanMs;
    const w = waits(t, x, d, rho * share);
    return x * (t.overheadMs + w.before + w.queueMean + t.prefillMeanMs + out.mean * d.tpot);
  };
  const xMax = 1 / Math.max(1e-9, t.prefillMeanMs);
  let lo = 0;
  let hi = xMax;
  for (let i = 0; i < 200; i++) {
    const mid = (lo + hi) / 2;
    if (cycleClients(mid) < c) lo = mid;
    else hi = mid;
  }
  const x = lo;
  const free = decodeAt(t, x, out.mean, share, Number.POSITIVE_INFINITY);
  if (free && free.inDecode <= t.maxSequences) return result(t, x, free, x * t.prefillMeanMs, 0, x * t.prefillMeanMs * share);
  // KV-bound: the throughput at which the decode batch just fills the cache.
  let a = 0;
  let b = x;
  for (let i = 0; i < 200; i++) {
    const mid = (a + b) / 2;
    if (decodeAt(t, mid, out.mean, share, t.maxSequences)) a = mid;
    else b = mid;
  }
  const d = decodeAt(t, a, out.mean, share, t.maxSequences);
  if (!d || !(a > 0)) return UNSTABLE(t.maxSequences, a * t.prefillMeanMs, a * 1000);
  const rho = a * t.prefillMeanMs;
  const w = waits(t, a, d, rho * share);
  const slotWait = Math.max(0, c / a - out.mean * d.tpot - (t.overheadMs + w.before + w.queueMean + t.prefillMeanMs));
  return result(t, a, d, rho, slotWait, rho * share);
}

/** One request at a time: M/D/1 over prefill + output × the batch-1 step. */
function singleLatency(t: ReplicaTimes, perSec: number, out: OutputShape): ServingLatency {
  const x = Math.max(0, perSec) / 1000;
  const step = t.decodeMs(1);
  const service = t.prefillMeanMs + out.mean * step;
  const rho = x * service;
  if (rho >= 1) return UNSTABLE(1, x * t.prefillMeanMs, perSec);
  const waitMean = rho > 0 ? (rho * service) / (2 * (1 - rho)) : 0;
  return {
    stable: true,
    batch: 1,
    tpotMs: step,
    ttftMeanMs: t.overheadMs + waitMean + t.prefillMeanMs,
    ttftP50Ms: t.overheadMs + waitQuantile(waitMean, rho, 0.5) + t.prefillMeanMs,
    ttftP95Ms: t.overheadMs + waitQuantile(waitMean, rho, 0.95) + t.prefillP95Ms,
    waitMeanMs: waitMean,
    prefillShare: x * t.prefillMeanMs,
    throughputPerSec: perSec,
  };
}

/** Latency of a request on one replica under `arrivals`. */
export function servingLatency(t: ReplicaTimes, arrivals: Arrivals, out: OutputShape): ServingLatency {
  const o: OutputShape = { mean: Math.max(1, out.mean), p95: Math.max(1, out.p95) };
  if (arrivals.kind === 'single') return singleLatency(t, arrivals.perSec, o);
  return arrivals.kind === 'poisson' ? poissonLatency(t, arrivals.perSec, o) : closedLatency(t, arrivals.concurrency, o);
}
