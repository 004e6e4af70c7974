/**
 * The label-file format of the development corpus (eval/README.md, "Label file format"), as a zod schema, and the
 * checks a schema cannot express (notebook sites need a cell, a file is listed once, the file name matches the repo).
 * Pure: no file system; the callers read the files.
 */
import * as z from 'zod';

/** The report's provider vocabulary plus `unknown` (a model injected at run time). */
export const LABEL_PROVIDERS = [
  'openai', 'azure-openai', 'anthropic', 'google', 'bedrock', 'mistral', 'cohere', 'groq', 'together', 'fireworks',
  'deepseek', 'openrouter', 'xai', 'ollama', 'huggingface', 'other', 'unknown',
] as const;
export const LABEL_VIAS = ['sdk', 'http', 'langchain', 'llamaindex', 'litellm', 'ai-sdk', 'framework'] as const;
export const LABEL_APIS = ['chat', 'completion', 'responses', 'messages', 'generate', 'embeddings', 'images', 'audio', 'rerank', 'other'] as const;

const line = z.number().int().min(1);
const cell = z.number().int().min(0);

/** A repository-relative POSIX path with no `..`, `.` or empty segment, no backslash, not absolute. */
const repoPath = z.string().min(1).refine((p) => !p.startsWith('/') && !p.includes('\\') && p.split('/').every((s) => s !== '' && s !== '.' && s !== '..'), {
  message: 'must be a repository-relative POSIX path (no leading /, no .. or empty segment, no backslash)',
});

export const SiteLabelSchema = z.strictObject({
  line,
  cell: cell.optional(),
  provider: z.enum(LABEL_PROVIDERS),
  via: z.enum(LABEL_VIAS),
  api: z.enum(LABEL_APIS),
  model: z.string().min(1).nullable(),
  inCatalogue: z.boolean().optional(),
  test: z.boolean().optional(),
  note: z.string().optional(),
});

export const TrapLabelSchema = z.strictObject({
  line,
  cell: cell.optional(),
  what: z.string().min(1),
});

export const LabelledFileSchema = z.strictObject({
  path: repoPath,
  sites: z.array(SiteLabelSchema),
  traps: z.array(TrapLabelSchema).default([]),
});

export const LabelFileSchema = z.strictObject({
  repo: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_-]{0,38}\/[A-Za-z0-9._-]{1,100}$/, 'must be "owner/name"'),
  commit: z.string().regex(/^[0-9a-f]{40}$/, 'must be a full 40-hex commit (lower case)'),
  frozen: z.boolean(),
  /** Informational: the repository's main language(s) (what corpus.json was to hold). */
  language: z.union([z.string().min(1), z.array(z.string().min(1))]).optional(),
  labelledOn: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date YYYY-MM-DD'),
  files: z.array(LabelledFileSchema),
});

export type SiteLabel = z.infer<typeof SiteLabelSchema>;
export type TrapLabel = z.infer<typeof TrapLabelSchema>;
export type LabelledFile = z.infer<typeof LabelledFileSchema>;
export type LabelFile = z.infer<typeof LabelFileSchema>;

/** The file name a repository's labels live in: `owner__name.json`. */
export function labelFileName(repo: string): string {
  return `${repo.replace('/', '__')}.json`;
}

/**
 * Test code by path: `tests/`, `test/`, `__tests__/`, `__testfixtures__/`, `__mocks__/`, `test_*.py`, `*_test.py`,
 * `conftest.py`, `*.test.*`, `*.spec.*`. Decides whether a false site is in test code (a label says so itself).
 */
export function isTestPath(path: string): boolean {
  return /(^|\/)(tests?|__tests__|__testfixtures__|__mocks__)\//.test(path)
    || /(^|\/)(test_[^/]*|[^/]*_test|conftest)\.py$/.test(path)
    || /\.(test|spec)\.[cm]?[jt]sx?$/.test(path);
}

export const isNotebookPath = (p: string): boolean => p.toLowerCase().endsWith('.ipynb');

export interface ParsedLabels {
  /** The labels, when the file is usable (it may still carry warnings). */
  readonly labels?: LabelFile;
  /** Problems that make the file unusable: it is left out of the scores. */
  readonly errors: readonly string[];
  /** Problems worth a look that do not change the scores. */
  readonly warnings: readonly string[];
}

function where(path: readonly PropertyKey[]): string {
  return path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('').replace(/^\./, '') || '(top level)';
}

/**
 * Parses and checks one label file's text. `fileName` (the base name) must be `owner__name.json` for its `repo`.
 * Never throws.
 */
export function parseLabelFile(text: string, fileName: string): ParsedLabels {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    return { errors: [`${fileName}: not valid JSON (${e instanceof Error ? e.message : String(e)})`], warnings: [] };
  }
  const parsed = LabelFileSchema.safeParse(raw);
  if (!parsed.success) {
    return { errors: parsed.error.issues.map((i) => `${fileName}: ${where(i.path)}: ${i.message}`), warnings: [] };
  }
  const labels = parsed.data;
  const errors: string[] = [];
  const warnings: string[] = [];
  if (labelFileName(labels.repo) !== fileName) errors.push(`${fileName}: repo "${labels.repo}" belongs in ${labelFileName(labels.repo)}`);
  const seen = new Set<string>();
  labels.files.forEach((f, i) => {
    const at = `${fileName}: files[${i}] (${f.path})`;
    if (seen.has(f.path)) errors.push(`${at}: the file is listed twice (list each labelled file once)`);
    seen.add(f.path);
    const notebook = isNotebookPath(f.path);
    const siteKeys = new Set<string>();
    for (const [kind, list] of [['sites', f.sites], ['traps', f.traps]] as const) {
      list.forEach((l, j) => {
        if (notebook && l.cell === undefined) errors.push(`${at}: ${kind}[${j}] (line ${l.line}) is in a notebook and needs "cell"`);
        if (!notebook && l.cell !== undefined) errors.push(`${at}: ${kind}[${j}] (line ${l.line}) has "cell" but the file is not a notebook`);
      });
    }
    for (const s of f.sites) siteKeys.add(`${s.cell ?? ''}:${s.line}`);
    const untagged = isTestPath(f.path) ? f.sites.filter((s) => s.test !== true).length : 0;
    if (untagged) warnings.push(`${at}: the path looks like test code but ${untagged} site(s) lack "test": true`);
    for (const t of f.traps) {
      if (siteKeys.has(`${t.cell ?? ''}:${t.line}`)) warnings.push(`${at}: line ${t.line}${t.cell !== undefined ? ` (cell ${t.cell})` : ''} is both a site and a trap; a scanner site there counts as the site`);
    }
  });
  return errors.length ? { errors, warnings } : { labels, errors, warnings };
}
