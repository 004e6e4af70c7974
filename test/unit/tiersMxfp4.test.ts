import { strict as assert } from 'node:assert';
import { calibrate, computeCapabilityOf } from '../../src/core/tiers/calibration';
import { getSelfHostModel } from '../../src/core/tiers/catalogue';
import { mxfp4CheckpointBytes, mxfp4ComputeSplit } from '../../src/core/tiers/roofline';

function close(actual: number | null | undefined, expected: number, relTol: number, what: string): void {
  assert.ok(actual !== null && actual !== undefined && Number.isFinite(actual), `${what}: got ${String(actual)}`);
  assert.ok(Math.abs(actual - expected) <= relTol * Math.abs(expected), `${what}: expected ${expected}, got ${actual}`);
}

const header = 'id,tier,hardware,n_accel,engine,model,params_b,precision,weights_gib,batch_or_concurrency,input_len,output_len,metric,value,unit,scope,date,mem_bw_gbps_reported,source,notes';
const bench = '"TensorRT-LLM (PyTorch backend, trtllm-bench)"';
const maxLoad = 'max load (infinite rate)';

describe('tiers: MXFP4 checkpoints (gpt-oss) — model-card arithmetic', () => {
  it('checkpoint bytes from the parameter split reproduce the published sizes (12.8 / 60.8 GiB)', () => {
    for (const [id, gib] of [['gpt-oss-20b', 12.8], ['gpt-oss-120b', 60.8]] as const) {
      const q = getSelfHostModel(id)?.blockQuantizedExperts;
      assert.ok(q, id);
      // 20b: 19.12e9 × 4.25/8 + (0.64 + 1.16)e9 × 2 = 10.1575e9 + 3.6e9 = 13.7575e9 B = 12.81 GiB.
      close(mxfp4CheckpointBytes(q) / 2 ** 30, gib, 0.01, `${id} GiB`);
    }
  });

  it('active parameters split into routed experts and BF16 weights add up to the model card (3.61B / 5.13B)', () => {
    const m20 = getSelfHostModel('gpt-oss-20b');
    assert.ok(m20?.blockQuantizedExperts && m20.experts && m20.expertsPerToken);
    const s20 = mxfp4ComputeSplit(m20.blockQuantizedExperts, m20.experts, m20.expertsPerToken);
    // 19.12 × 4/32 = 2.39 (MXFP4 experts); 0.64 attention + 1.16/2 unembedding = 1.22 (BF16).
    close(s20.expertActiveB, 2.39, 1e-9, 'expert active');
    close(s20.bf16ActiveB, 1.22, 1e-9, 'bf16 active');
    close(s20.activeB, 3.61, 1e-9, '20b active');
    const m120 = getSelfHostModel('gpt-oss-120b');
    assert.ok(m120?.blockQuantizedExperts && m120.experts && m120.expertsPerToken);
    close(mxfp4ComputeSplit(m120.blockQuantizedExperts, m120.experts, m120.expertsPerToken).activeB, 5.13, 0.002, '120b active');
  });

  it('SM versions come from the CUDA compute capability table; unknown hardware has none', () => {
    assert.equal(computeCapabilityOf('h100-sxm'), 9);
    assert.equal(computeCapabilityOf('h200-sxm'), 9);
    assert.equal(computeCapabilityOf('b200'), 10);
    assert.equal(computeCapabilityOf('mi300x'), null);
  });
});

describe('tiers: MXFP4 checkpoints (gpt-oss) — TensorRT-LLM kernel path by SM version', () => {
  const row = (hardware: string, precision: string): string =>
    `X1,datacenter_gpu,${hardware},1,${bench},gpt-oss-20b,21,${precision},,${maxLoad},1000,1000,output_tokens_per_s,1000,tokens/s,per_gpu,2025-2026,,src,`;

  it('Hopper: BF16 activations for every GEMM and a BF16 KV cache, whatever the row calls the precision', () => {
    const r = calibrate([header, row('H200 SXM', 'FP8')].join('\n')).rows[0];
    assert.ok(r, 'predicted');
    assert.match(r.note, /SM 9\.0: expert GEMMs BF16 activations/);
    assert.match(r.note, /KV BF16/);
    // H200 has no measured BF16 MAMF: 989 × 0.78 = 771.42 TFLOPS for both groups.
    assert.match(r.note, /peak 771\.4\d* TF/);
    // 13.76 GB of weights; KV 2 × 24 × 8 × 64 × 2 B = 49,152 B/token × 2,000 → (141e9 × 0.9 − 13.7575e9) / 98.304e6 = 1,150 sequences.
    assert.match(r.note, /batch 1150\b/);
  });

  it('Blackwell: MXFP8 activations for the experts (FP8 rate), BF16 for attention and unembedding, FP8 KV cache', () => {
    const r = calibrate([header, row('B200', 'FP4')].join('\n')).rows[0];
    assert.ok(r, 'predicted');
    assert.match(r.note, /SM 10\.0: expert GEMMs FP8 activations/);
    assert.match(r.note, /KV FP8/);
    // 3.61 ÷ (2.39 ÷ 3,432.5 + 1.22 ÷ 1,745) = 2,587.0 TFLOPS achievable.
    const peak = Number(/peak ([\d.]+) TF/.exec(r.note)?.[1]);
    close(peak, 2587.0, 1e-3, 'blended B200 rate');
    // MXFP4 is not a format trtllm-bench tunes: BuildConfig's default 2,048 binds before the KV cache (3,016).
    assert.match(r.note, /batch 2048 \(trtllm-bench limit for mxfp4\)/);
  });

  it('hardware without a known SM version is not predicted on this path (reason given)', () => {
    const rep = calibrate([header, row('MI300X', 'FP8')].join('\n'));
    assert.equal(rep.rows.length, 0);
    assert.match(rep.skipped[0].reason, /SM version/);
  });

  it('other engines keep the row precision (no MXFP4 path)', () => {
    const r = calibrate([header, row('H200 SXM', 'FP8').replace(bench, 'vLLM')].join('\n')).rows[0];
    assert.ok(r);
    assert.doesNotMatch(r.note, /MXFP4/);
  });
});

describe('tiers: trtllm-bench batch limit', () => {
  const row = (engine: string, batch: string): string =>
    `X2,datacenter_gpu,H200 SXM,1,${engine},Llama 3.1 8B,8.03,FP8,,${batch},128,128,output_tokens_per_s,1000,tokens/s,total,2025,,src,`;

  it('caps a max-load FP8 run at 4,096 sequences (tuning.py) even when the KV cache holds more', () => {
    const capped = calibrate([header, row(bench, maxLoad)].join('\n')).rows[0];
    const other = calibrate([header, row('vLLM', maxLoad)].join('\n')).rows[0];
    assert.match(capped.note, /batch 4096 \(trtllm-bench limit for fp8\)/);
    // KV: (141e9 × 0.9 − 8.03e9) / (256 × 65,536 B, FP8) = 7,085 sequences for another engine.
    assert.match(other.note, /batch 7085\b/);
  });

  it('a stated batch is the row’s own and is not capped', () => {
    const r = calibrate([header, row(bench, '5000')].join('\n')).rows[0];
    assert.match(r.note, /batch 5000$/);
  });
});
