import { applyEdits, modify, parseTree, type ParseError } from 'jsonc-parser';
import { isMap, isScalar, isSeq, parseDocument, type YAMLMap } from 'yaml';

/** A usage-file site rule written by "Set Model → Usage file entry". */
export interface UsageSiteEntry {
  readonly match: { readonly file: string; readonly function?: string; readonly line?: number };
  readonly model: string;
}

/**
 * Appends a site rule to the text of a usage file (`.tokentier/usage.{yml,yaml,json}`) through a document API, so
 * everything else is kept: YAML through the `yaml` package's Document (comments, key order, other blocks), JSON
 * through jsonc-parser's `modify` (comments, formatting). Issue 17: appending text after a regex look for `sites:`
 * lost every site rule in 4 of 6 ordinary layouts (`profiles:` after `sites:`, `sites: []`, a comment after `sites:`,
 * unindented items). Returns the new text, or an error to show (a file with syntax errors or a `sites` that is not a
 * list is left alone). Never throws.
 */
export function addUsageSite(text: string, fileName: string, entry: UsageSiteEntry): { readonly text: string } | { readonly error: string } {
  try {
    return fileName.endsWith('.json') ? addJson(text, entry) : addYaml(text, entry);
  } catch (e) {
    return { error: `could not edit ${fileName}: ${e instanceof Error ? e.message : String(e)}` };
  }
}

function plainEntry(entry: UsageSiteEntry): { match: Record<string, string | number>; model: string } {
  const match: Record<string, string | number> = { file: entry.match.file };
  if (entry.match.function !== undefined) match['function'] = entry.match.function;
  if (entry.match.line !== undefined) match['line'] = entry.match.line;
  return { match, model: entry.model };
}

function addYaml(text: string, entry: UsageSiteEntry): { text: string } | { error: string } {
  const doc = parseDocument(text);
  if (doc.errors.length) return { error: `it has YAML errors (${doc.errors[0]!.message.split('\n')[0]}); fix them first` };
  if (doc.contents === null || (isScalar(doc.contents) && (doc.contents.value === null || doc.contents.value === ''))) {
    // An empty file, or one with only comments: start a map (the comments stay above it).
    const comment = doc.contents?.commentBefore ?? doc.commentBefore;
    const map: YAMLMap = doc.createNode({});
    if (comment) map.commentBefore = comment;
    doc.commentBefore = null;
    doc.contents = map as unknown as typeof doc.contents;
  }
  if (!isMap(doc.contents)) return { error: 'its top level is not a map of fields' };
  const node: YAMLMap = doc.createNode(plainEntry(entry));
  const match = node.get('match', true);
  if (isMap(match)) match.flow = true;
  const sites = doc.get('sites', true);
  if (isSeq(sites)) {
    (sites.items as unknown[]).push(node);
    // `sites: []` becomes a block list: one entry per item, as the rest of the file.
    if (sites.flow) sites.flow = false;
  } else if (sites === undefined || sites === null || (isScalar(sites) && sites.value === null)) {
    // No `sites`, or `sites:` with nothing after it (its comment is kept on the new list).
    const seq = doc.createNode([]);
    (seq.items as unknown[]).push(node);
    if (isScalar(sites)) {
      if (sites.comment) seq.comment = sites.comment;
      if (sites.commentBefore) seq.commentBefore = sites.commentBefore;
    }
    doc.set('sites', seq);
  } else {
    return { error: '`sites` is not a list' };
  }
  return { text: doc.toString() };
}

function addJson(text: string, entry: UsageSiteEntry): { text: string } | { error: string } {
  const errors: ParseError[] = [];
  const tree = parseTree(text.trim() ? text : '{}', errors, { allowTrailingComma: true, disallowComments: false });
  if (errors.length || !tree) return { error: 'it has JSON errors; fix them first' };
  if (tree.type !== 'object') return { error: 'its top level is not an object' };
  const base = text.trim() ? text : '{}\n';
  const sites = tree.children?.find((p) => p.children?.[0]?.value === 'sites')?.children?.[1];
  if (sites && sites.type !== 'array' && sites.type !== 'null') return { error: '`sites` is not a list' };
  const options = { formattingOptions: { insertSpaces: true, tabSize: 2, eol: '\n' } };
  const edits = sites && sites.type === 'array' ? modify(base, ['sites', -1], plainEntry(entry), { ...options, isArrayInsertion: true }) : modify(base, ['sites'], [plainEntry(entry)], options);
  return { text: applyEdits(base, edits) };
}
