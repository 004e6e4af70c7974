import * as z from 'zod';
import type { FromWebview } from './messages';

/** Validates a message from the webview. Unknown or malformed messages parse to undefined (the host logs and ignores them). */
export const fromWebviewSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('ready') }),
  z.object({ type: z.literal('log'), level: z.enum(['info', 'warn', 'error']), message: z.string().max(10_000) }),
]);

export function parseFromWebview(raw: unknown): FromWebview | undefined {
  const r = fromWebviewSchema.safeParse(raw);
  return r.success ? r.data : undefined;
}
