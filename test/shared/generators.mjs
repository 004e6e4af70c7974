// Deterministic inputs shared by the benchmarks (bench/*.mjs, plain Node) and the tests (TypeScript, through
// generators.d.mts): one seeded PRNG and the 5,000-line source files the speed figures are measured on, so the
// benchmark and the extension-host measurement time the same text.

/** mulberry32: a tiny seeded PRNG, so a sequence (a tree, an edit script) is identical on every run and machine. */
export function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A Python file of `lines` lines: one OpenAI chat call every ten functions, plain helpers in between. */
export function bigPython(lines) {
  const out = ['import os', 'from openai import OpenAI', 'client = OpenAI()', 'MODEL = os.getenv("MODEL", "gpt-4o-mini")', ''];
  let i = 0;
  while (out.length < lines) {
    if (i % 10 === 0) {
      out.push(`def ask_${i}(q: str) -> str:`, '    r = client.chat.completions.create(', '        model=MODEL,', '        max_tokens=256,', `        messages=[{"role": "user", "content": f"Question ${i}: {q}"}],`, '    )', '    return r.choices[0].message.content', '');
    } else {
      out.push(`def helper_${i}(x: int, y: int) -> int:`, `    """Adds ${i}."""`, `    total = x + y * ${i}`, '    for k in range(3):', '        total += k', '    return total', '');
    }
    i++;
  }
  return out.slice(0, lines).join('\n') + '\n';
}

/** A TypeScript file of `lines` lines, the same shape as `bigPython`. */
export function bigTypeScript(lines) {
  const out = ["import OpenAI from 'openai';", 'const client = new OpenAI();', "const MODEL = process.env.MODEL ?? 'gpt-4o-mini';", ''];
  let i = 0;
  while (out.length < lines) {
    if (i % 10 === 0) {
      out.push(`export async function ask${i}(q: string): Promise<string> {`, '  const r = await client.chat.completions.create({', '    model: MODEL,', '    max_tokens: 256,', `    messages: [{ role: 'user', content: \`Question ${i}: \${q}\` }],`, '  });', "  return r.choices[0]?.message.content ?? '';", '}', '');
    } else {
      out.push(`export function helper${i}(x: number, y: number): number {`, `  let total = x + y * ${i};`, '  for (let k = 0; k < 3; k++) total += k;', '  return total;', '}', '');
    }
    i++;
  }
  return out.slice(0, lines).join('\n') + '\n';
}
