import '../zodJitless';
import * as z from 'zod';
import reportSchema from '../../../schemas/report.schema.json';
import type { Diagnostic, SiteEstimate } from '../types';

/**
 * Checks data read back from outside the process against the published report schema (`schemas/report.schema.json`,
 * the same definitions a report is validated with): the CLI's `--cache` entries (issue 17: an entry with
 * `estimates: "garbage"` made three sites vanish). The JSON Schema is turned into a zod schema once, on first use
 * (zod's `fromJSONSchema`; no code generation).
 */

interface SchemaDoc {
  readonly $schema?: string;
  readonly definitions: Record<string, unknown>;
}

let analysis: z.ZodType | undefined;

/** A schema for `{ estimates: SiteEstimate[], diagnostics: Diagnostic[] }` built from the report schema's definitions. */
function analysisSchema(): z.ZodType {
  if (!analysis) {
    const doc = reportSchema as unknown as SchemaDoc;
    analysis = z.fromJSONSchema({
      $schema: doc.$schema,
      definitions: doc.definitions,
      type: 'object',
      required: ['estimates', 'diagnostics'],
      properties: {
        estimates: { type: 'array', items: { $ref: '#/definitions/siteEstimate' } },
        diagnostics: { type: 'array', items: { $ref: '#/definitions/diagnostic' } },
      },
    } as Parameters<typeof z.fromJSONSchema>[0]);
  }
  return analysis;
}

/**
 * Undefined when `value` is a valid per-file analysis (what the scanner gets for one file), else the first problem as
 * `path: message`. Never throws.
 */
export function analysisProblem(value: unknown): string | undefined {
  try {
    const r = analysisSchema().safeParse(value);
    if (r.success) return undefined;
    const issue = r.error.issues[0];
    return issue ? `${issue.path.map(String).join('.') || '(root)'}: ${issue.message}` : 'invalid';
  } catch (e) {
    return `could not be checked: ${e instanceof Error ? e.message : String(e)}`;
  }
}

/** The shape {@link analysisProblem} accepts. */
export interface CheckedAnalysis {
  readonly estimates: readonly SiteEstimate[];
  readonly diagnostics: readonly Diagnostic[];
}
