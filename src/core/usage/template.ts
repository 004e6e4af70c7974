/** A text constant only, so the extension bundle can use it without the YAML library. */

/** The template of a new `.tokentier/usage.yml` (format: src/core/team/schemas.ts `usageFileSchema`). */
export const USAGE_TEMPLATE = `# Tokentier usage assumptions: how often each LLM call runs, shared by the editor and the CLI.
# Sites are matched by file glob, function, line or id; later entries win. Every figure used is shown in the
# hovers as coming from this file.
defaults:
  chat:
    callsPerDay: 1000
  embeddings:
    callsPerDay: 10000
sites:
`;
