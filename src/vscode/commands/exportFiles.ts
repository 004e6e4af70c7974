import * as vscode from 'vscode';
import { MAX_EXPORT_BYTES } from '../../core/bills/types';

const MB = 1024 * 1024;

/**
 * Unpacks gzip with the platform's `DecompressionStream` (the web worker host has no zlib), stopping at `limit` bytes
 * of output: a small file that unpacks to gigabytes is refused, not held in memory.
 */
async function gunzip(bytes: Uint8Array, limit: number): Promise<Uint8Array> {
  const reader = new Blob([bytes as Uint8Array<ArrayBuffer>]).stream().pipeThrough(new DecompressionStream('gzip')).getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel();
      throw new Error(`it unpacks to more than ${limit / MB} MB`);
    }
    chunks.push(value);
  }
  const out = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.byteLength;
  }
  return out;
}

/**
 * One usage export read through `vscode.workspace.fs` (virtual and remote file systems, and every file on the web):
 * UTF-8, gunzipped when the bytes are gzip (CUR 2.0 is delivered as `.csv.gz`), with the same limits and messages as
 * the desktop's Node reader (src/node/usageExports.ts). Never throws.
 */
export async function readExportThroughVscode(uri: vscode.Uri, name: string): Promise<{ text: string } | { error: string }> {
  let bytes: Uint8Array;
  try {
    const st = await vscode.workspace.fs.stat(uri);
    if (st.type & vscode.FileType.Directory) return { error: `${name} is not a file` };
    if (st.size > MAX_EXPORT_BYTES) return { error: `${name} is ${Math.round(st.size / MB)} MB, over the ${MAX_EXPORT_BYTES / MB} MB limit` };
    bytes = await vscode.workspace.fs.readFile(uri);
  } catch (e) {
    return { error: `could not read ${name}: ${e instanceof Error ? e.message : String(e)}` };
  }
  if (bytes[0] === 0x1f && bytes[1] === 0x8b) {
    try {
      bytes = await gunzip(bytes, MAX_EXPORT_BYTES);
    } catch (e) {
      return { error: `${name} looks gzip-compressed but could not be unpacked within ${MAX_EXPORT_BYTES / MB} MB (${e instanceof Error ? e.message : String(e)})` };
    }
  }
  if (String.fromCharCode(...bytes.subarray(0, 4)) === 'PAR1') return { error: `${name} is Parquet; export the report as CSV for Tokentier to read it` };
  return { text: new TextDecoder('utf-8').decode(bytes) };
}
