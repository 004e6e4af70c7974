import type { NumberRange } from '../types';

/**
 * Input tokens for one image of a stated size, per vendor rule. Each rule cites the vendor's documentation.
 * When the code states no size, the range spans a small (256×256) image, a typical 1024×1024 image (expected)
 * and the largest the vendor bills before resizing.
 */
export type ImageRule = 'openai-tiles' | 'openai-4o-mini' | 'anthropic' | 'gemini';

export interface ImageTokens {
  readonly tokens: NumberRange;
  readonly note: string;
}

/**
 * OpenAI high-detail images (platform.openai.com/docs/guides/images-vision, "Calculating costs"): scale to fit
 * 2048×2048, then so the shortest side is 768 px; 85 base tokens + 170 per 512-px tile. `detail: low` = 85.
 * GPT-4o mini uses the same tiling with 2,833 base + 5,667 per tile (same page).
 */
export function openAiImageTokens(width: number, height: number, detail: string | undefined, mini = false): number {
  const base = mini ? 2833 : 85;
  const perTile = mini ? 5667 : 170;
  if (detail === 'low') return base;
  let w = width;
  let h = height;
  const fit = Math.min(1, 2048 / Math.max(w, h));
  w *= fit;
  h *= fit;
  const short = Math.min(w, h);
  if (short > 768) {
    const s = 768 / short;
    w *= s;
    h *= s;
  }
  return base + perTile * Math.ceil(w / 512) * Math.ceil(h / 512);
}

/**
 * Anthropic (docs.anthropic.com/en/docs/build-with-claude/vision, "Calculate image costs"): tokens ≈ w×h/750;
 * images over 1,568 px on the long edge (≈1,600 tokens) are scaled down first, so ~1,600 is the ceiling.
 */
export function anthropicImageTokens(width: number, height: number): number {
  let w = width;
  let h = height;
  const s = Math.min(1, 1568 / Math.max(w, h));
  w *= s;
  h *= s;
  return Math.min(1600, Math.ceil((w * h) / 750));
}

/**
 * Gemini 2.x (ai.google.dev/gemini-api/docs/vision, "Technical details" / tokens guide): both sides ≤ 384 px →
 * 258 tokens; larger images are cropped into tiles of size floor(min(w,h)/1.5) (clamped to 256–768 px), 258
 * tokens each.
 */
export function geminiImageTokens(width: number, height: number): number {
  if (width <= 384 && height <= 384) return 258;
  const unit = Math.min(768, Math.max(256, Math.floor(Math.min(width, height) / 1.5)));
  return 258 * Math.ceil(width / unit) * Math.ceil(height / unit);
}

/** Picks the rule for a model and the serving provider (Claude on Bedrock/Vertex bills as Claude). */
export function imageRuleFor(modelId: string | null, provider: string): ImageRule {
  const id = (modelId ?? '').toLowerCase();
  if (id.includes('claude') || provider === 'anthropic') return 'anthropic';
  if (id.includes('gemini') || id.includes('gemma') || provider === 'google') return 'gemini';
  if (/gpt-4o-mini/.test(id)) return 'openai-4o-mini';
  return 'openai-tiles';
}

function byRule(rule: ImageRule, w: number, h: number, detail: string | undefined): number {
  switch (rule) {
    case 'anthropic':
      return anthropicImageTokens(w, h);
    case 'gemini':
      return geminiImageTokens(w, h);
    case 'openai-4o-mini':
      return openAiImageTokens(w, h, detail, true);
    case 'openai-tiles':
      return openAiImageTokens(w, h, detail);
  }
}

const RULE_NAMES: Readonly<Record<ImageRule, string>> = {
  'openai-tiles': 'OpenAI: 85 + 170 per 512-px tile',
  'openai-4o-mini': 'OpenAI GPT-4o mini: 2,833 + 5,667 per 512-px tile',
  anthropic: 'Anthropic: width × height / 750 (max ≈1,600)',
  gemini: 'Gemini: 258 per image ≤ 384 px, else 258 per tile',
};

/** Tokens for one image part: exact for a stated size, a range otherwise. */
export function imageTokens(rule: ImageRule, image: { width?: number; height?: number; detail?: string } | undefined): ImageTokens {
  const detail = image?.detail;
  if (image?.width && image.height && image.width > 0 && image.height > 0) {
    const t = byRule(rule, image.width, image.height, detail);
    return { tokens: { min: t, expected: t, max: t }, note: `${image.width}×${image.height}${detail ? ` detail=${detail}` : ''}: ${RULE_NAMES[rule]}` };
  }
  const min = byRule(rule, 256, 256, detail);
  const expected = byRule(rule, 1024, 1024, detail);
  // The largest billed size: 2048×768 for OpenAI tiling (8 tiles), ≥1568 px square for Anthropic, 3072×3072 for Gemini.
  const max = Math.max(expected, byRule(rule, 2048, 768, detail), byRule(rule, 1568, 1568, detail), rule === 'gemini' ? byRule(rule, 3072, 3072, detail) : 0);
  return { tokens: { min, expected, max }, note: `size not stated: 256² … 1024² (expected) … largest billed size; ${RULE_NAMES[rule]}` };
}
