/**
 * Reading usage exports and the team's usage file from the local disk, for `tokentier reconcile`. Node only; the
 * parsing and arithmetic are in src/core/bills and src/core/reconcile.
 */
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { MAX_EXPORT_BYTES } from '../core/bills/types';

const MB = 1024 * 1024;

/**
 * One export's text: UTF-8, gunzipped when the bytes are gzip (CUR 2.0 is delivered as `.csv.gz`). An unreadable,
 * oversized or Parquet file gives an error message instead. Never throws.
 */
export function readExportFile(file: string): { text: string } | { error: string } {
  let bytes: Buffer;
  try {
    const st = fs.statSync(file);
    if (!st.isFile()) return { error: `${file} is not a file` };
    if (st.size > MAX_EXPORT_BYTES) return { error: `${file} is ${Math.round(st.size / MB)} MB, over the ${MAX_EXPORT_BYTES / MB} MB limit` };
    bytes = fs.readFileSync(file);
  } catch (e) {
    return { error: `could not read ${file}: ${e instanceof Error ? e.message : String(e)}` };
  }
  if (bytes[0] === 0x1f && bytes[1] === 0x8b) {
    try {
      bytes = zlib.gunzipSync(bytes, { maxOutputLength: MAX_EXPORT_BYTES });
    } catch (e) {
      return { error: `${file} looks gzip-compressed but could not be unpacked within ${MAX_EXPORT_BYTES / MB} MB (${e instanceof Error ? e.message : String(e)})` };
    }
  }
  if (bytes.subarray(0, 4).toString('latin1') === 'PAR1') return { error: `${file} is Parquet; export the report as CSV for Tokentier to read it` };
  return { text: new TextDecoder('utf-8').decode(bytes) };
}

/** The usage file proposals go into: the team-file loader's first existing `.tokentier/usage.{json,yaml,yml}`, else `usage.yml`. */
export function localUsageFile(root: string): { path: string; abs: string; text: string | undefined } {
  for (const ext of ['json', 'yaml', 'yml']) {
    const rel = `.tokentier/usage.${ext}`;
    const abs = path.join(root, rel);
    try {
      if (fs.statSync(abs).isFile()) return { path: rel, abs, text: fs.readFileSync(abs, 'utf8') };
    } catch {
      // Not there: try the next name.
    }
  }
  return { path: '.tokentier/usage.yml', abs: path.join(root, '.tokentier', 'usage.yml'), text: undefined };
}

/** The current text of a file, or undefined when it does not exist (to check nothing changed before writing). */
export function currentText(abs: string): string | undefined {
  try {
    return fs.readFileSync(abs, 'utf8');
  } catch {
    return undefined;
  }
}
