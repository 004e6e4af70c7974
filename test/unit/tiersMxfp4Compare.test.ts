import { strict as assert } from 'node:assert';
import { getSelfHostModel } from '../../src/core/tiers/catalogue';
import { compareTiers } from '../../src/core/tiers/compare';
import { mxfp4BytesPerStep } from '../../src/core/tiers/roofline';
import type { TierComparison, TierOption, TierOptionsInput, Workload } from '../../src/core/tiers/types';

// 1,000 input + 200 output tokens: 1,200 tokens of KV per sequence.
const w: Workload = { requestsPerDay: 1000, inputTokens: 1000, outputTokens: 200, selfHostModelId: 'gpt-oss-120b' };
const CTX = 1200;
// gpt-oss-120b (model card, arXiv:2508.10925 Table 1): 114.71B MXFP4 expert params at 4.25 bits, 0.96B attention and
// 1.16B embed + unembed at 2 bytes → 60.94e9 + 4.24e9 = 65.18e9 B = 60.70 GiB.
const WEIGHTS_120B = 114.71e9 * (4.25 / 8) + (0.96 + 1.16) * 1e9 * 2;
// KV elements per token: 2 (K, V) × 36 layers × 8 KV heads × 64 head dim = 36,864.
const KV_ELEMS = 2 * 36 * 8 * 64;

function options(c: TierComparison, tier: 'onprem' | 'marketplace'): TierOption[] {
  const r = c.tiers[tier];
  return [...(r.best ? [r.best] : []), ...r.alternatives];
}

function h100(c: TierComparison): TierOption {
  const o = options(c, 'onprem').find((x) => x.hardwareId === 'h100-sxm');
  assert.ok(o, 'an on-prem H100 SXM option');
  return o;
}

describe('tiers advisor: gpt-oss is sized as its MXFP4 checkpoint (hand calculations)', () => {
  it('the weights are 60.7 GiB whatever the precision setting', () => {
    assert.ok(Math.abs(WEIGHTS_120B / 2 ** 30 - 60.7) < 0.05);
    const c = compareTiers(w, { precision: 'fp8' });
    assert.ok(c.diagnostics.some((d) => d.severity === 'info' && d.message.includes('MXFP4') && d.message.includes('60.7 GiB')));
  });

  it('gpt-oss-120b fits one 80 GB H100: 60.7 GiB weights + BF16 KV, at most 77 sequences of 1,200 tokens', () => {
    const o = h100(compareTiers(w, { precision: 'fp8' }));
    assert.equal(o.tensorParallel, 1);
    const b = o.concurrencyPerReplica ?? NaN;
    // Hopper runs the MXFP4 experts W4A16 with a BF16 (2-byte) KV cache.
    const need = (WEIGHTS_120B + b * CTX * KV_ELEMS * 2) / 1e9;
    assert.ok(Math.abs((o.memoryNeededGb?.value ?? NaN) - need) < 1e-6, `${o.memoryNeededGb?.value} vs ${need}`);
    // Usable: 80 GB × 0.90 = 72 GB; (72e9 − 65.18e9) ÷ (1,200 × 36,864 × 2 B) = 77.1 sequences.
    assert.equal(o.memoryAvailableGb?.value, 72);
    assert.ok(b >= 1 && b <= Math.floor((72e9 - WEIGHTS_120B) / (CTX * KV_ELEMS * 2)), `batch ${b}`);
    assert.match(o.memoryNeededGb?.formula ?? '', /MXFP4 checkpoint/);
    assert.ok(o.notes.some((n) => n.includes('MXFP4 checkpoint whatever the precision setting (fp8)') && n.includes('60.7 GiB')));
    assert.ok(o.notes.some((n) => n.includes('SM 9.0') && n.includes('W4A16')));
  });

  it('fp8, bf16 and int4 settings size it identically (at FP8 it would need 116.8 GB, at BF16 233.6 GB)', () => {
    const ref = h100(compareTiers(w, { precision: 'fp8' }));
    for (const precision of ['bf16', 'int4'] as const) {
      const o = h100(compareTiers(w, { precision }));
      assert.equal(o.tensorParallel, ref.tensorParallel, precision);
      assert.equal(o.concurrencyPerReplica, ref.concurrencyPerReplica, precision);
      assert.equal(o.memoryNeededGb?.value, ref.memoryNeededGb?.value, precision);
      assert.equal(o.tokensPerSecPerRequest.value, ref.tokensPerSecPerRequest.value, precision);
    }
  });

  it('Blackwell (SM 10.0) runs MXFP8 × MXFP4 with an FP8 (1-byte) KV cache', () => {
    const opts: TierOptionsInput = { customQuotes: [{ provider: 'team', hardware: 'B200', purchaseUsdPerGpu: 1 }] };
    const o = options(compareTiers(w, opts), 'onprem').find((x) => x.hardwareId === 'b200');
    assert.ok(o, 'an on-prem B200 option');
    const b = o.concurrencyPerReplica ?? NaN;
    assert.ok(Math.abs((o.memoryNeededGb?.value ?? NaN) - (WEIGHTS_120B + b * CTX * KV_ELEMS * 1) / 1e9) < 1e-6);
    assert.ok(o.notes.some((n) => n.includes('SM 10.0') && n.includes('MXFP8')));
  });

  it('bytes read per step: BF16 attention + unembedding every step, MXFP4 experts as touched', () => {
    const q = getSelfHostModel('gpt-oss-120b')?.blockQuantizedExperts;
    assert.ok(q);
    // One token: (0.96 + 1.16/2)e9 × 2 + 114.71e9 × 4/128 × 4.25/8 = 3.08e9 + 1.9044e9 = 4.9844e9 B.
    assert.ok(Math.abs(mxfp4BytesPerStep(q, 128, 4, 1) - (3.08e9 + 114.71e9 * (4 / 128) * (4.25 / 8))) < 1);
    // Many tokens touch every expert: 3.08e9 + 60.94e9; the embedding table (0.58e9 × 2 B) is never read whole.
    assert.ok(Math.abs(mxfp4BytesPerStep(q, 128, 4, 1e6) - (WEIGHTS_120B - 0.58e9 * 2)) < 1e3);
  });

  it('models without a block-quantized checkpoint keep the precision setting', () => {
    const at = (precision: 'fp8' | 'bf16'): TierOption | undefined =>
      options(compareTiers({ ...w, selfHostModelId: 'llama-3.1-8b' }, { precision }), 'onprem').find((x) => x.hardwareId === 'h100-sxm');
    const fp8 = at('fp8');
    const bf16 = at('bf16');
    assert.ok(fp8 && bf16);
    assert.match(fp8.memoryNeededGb?.formula ?? '', /\(fp8\)/);
    assert.ok(!fp8.notes.some((n) => n.includes('MXFP4')));
    // 8.03B params: 8.03 GB at FP8, 16.06 GB at BF16 (+ KV at 1 and 2 bytes).
    const b8 = fp8.concurrencyPerReplica ?? NaN;
    const m = getSelfHostModel('llama-3.1-8b');
    assert.ok(m);
    const kv = 2 * m.layers * m.kvHeads * m.headDim;
    assert.ok(Math.abs((fp8.memoryNeededGb?.value ?? NaN) - (m.totalParamsB * 1e9 + b8 * CTX * kv) / 1e9) < 1e-6);
  });
});
