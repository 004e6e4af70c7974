import '../core/zodJitless';
import * as z from 'zod';
import type { AdvisorEdits, AdvisorScope } from '../core/tiers/advisorView';
import type { AdvisorUiState, FromWebview } from './messages';

/** Bounds keep a hostile or buggy webview from driving the model into absurd (or non-finite) territory. */
const finite = (min: number, max: number) => z.number().finite().min(min).max(max);

/** Validates an {@link AdvisorScope}. URIs and ids are opaque strings to the protocol; the host resolves them. */
export const advisorScopeSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('workspace') }),
  z.object({ kind: z.literal('file'), uri: z.string().min(1).max(4096) }),
  z.object({ kind: z.literal('site'), uri: z.string().min(1).max(4096), siteId: z.string().min(1).max(4096) }),
]);

/** Validates {@link AdvisorEdits}: every field optional, numbers finite and within physical bounds. */
export const advisorEditsSchema = z.object({
  requestsPerDay: finite(0, 1e10).optional(),
  inputTokens: finite(0, 10_000_000).optional(),
  outputTokens: finite(0, 10_000_000).optional(),
  ttftTargetMs: finite(1, 1e8).nullable().optional(),
  e2eTargetMs: finite(1, 1e8).nullable().optional(),
  selfHostModelId: z.string().min(1).max(200).optional(),
  precision: z.enum(['bf16', 'fp16', 'fp8', 'int8', 'int4']).optional(),
  electricityUsdPerKWh: finite(0, 10).optional(),
  utilisation: finite(0.01, 1).optional(),
  edgeUsers: z.number().int().min(1).max(1e9).nullable().optional(),
});

/** Validates a message from the webview. Unknown or malformed messages parse to undefined (the host logs and ignores them). */
export const fromWebviewSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('ready') }),
  z.object({ type: z.literal('log'), level: z.enum(['info', 'warn', 'error']), message: z.string().max(10_000) }),
  z.object({ type: z.literal('edit'), edits: advisorEditsSchema }),
  z.object({ type: z.literal('setScope'), scope: advisorScopeSchema }),
  z.object({ type: z.literal('export'), format: z.enum(['markdown', 'csv', 'json']) }),
  z.object({ type: z.literal('refresh') }),
]);

/** Parses a message from the webview; undefined when it is unknown or malformed. */
export function parseFromWebview(raw: unknown): FromWebview | undefined {
  const r = fromWebviewSchema.safeParse(raw);
  return r.success ? r.data : undefined;
}

/** Parses an {@link AdvisorScope} (e.g. a command argument); undefined when malformed. */
export function parseAdvisorScope(raw: unknown): AdvisorScope | undefined {
  const r = advisorScopeSchema.safeParse(raw);
  return r.success ? r.data : undefined;
}

/** Parses {@link AdvisorEdits}; undefined when malformed. */
export function parseAdvisorEdits(raw: unknown): AdvisorEdits | undefined {
  const r = advisorEditsSchema.safeParse(raw);
  return r.success ? r.data : undefined;
}

/**
 * Parses the webview state a serializer receives after a reload. The state was written by the webview, so it is
 * untrusted like any message: each field is validated separately and a bad field is dropped, not the whole state.
 */
export function parseAdvisorUiState(raw: unknown): AdvisorUiState {
  if (typeof raw !== 'object' || raw === null) return {};
  const o = raw as Record<string, unknown>;
  const tab = z.number().int().min(0).max(10).safeParse(o.tab);
  return {
    ...(tab.success ? { tab: tab.data } : {}),
    ...(parseAdvisorScope(o.scope) ? { scope: parseAdvisorScope(o.scope) } : {}),
    ...(parseAdvisorEdits(o.edits) ? { edits: parseAdvisorEdits(o.edits) } : {}),
  };
}
