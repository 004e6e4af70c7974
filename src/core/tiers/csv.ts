/**
 * Minimal RFC 4180 CSV reader for the reference tables (quoted fields, doubled quotes, CRLF). Pure; never throws:
 * a malformed trailing quote simply ends the field at end of input.
 */

/** Parses CSV text into rows of string cells. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          cell += '"';
          i++;
        } else {
          quoted = false;
        }
      } else {
        cell += ch;
      }
    } else if (ch === '"') {
      quoted = true;
    } else if (ch === ',') {
      row.push(cell);
      cell = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
    } else {
      cell += ch;
    }
  }
  if (cell !== '' || row.length > 0) {
    row.push(cell);
    rows.push(row);
  }
  return rows.filter((r) => r.some((c) => c.trim() !== ''));
}

/** Parses CSV text with a header row into records keyed by column name (missing cells → ''). */
export function parseCsvRecords(text: string): Record<string, string>[] {
  const rows = parseCsv(text);
  const header = rows[0] ?? [];
  return rows.slice(1).map((r) => {
    const rec: Record<string, string> = {};
    header.forEach((h, i) => {
      rec[h.trim()] = (r[i] ?? '').trim();
    });
    return rec;
  });
}

/**
 * Reads a number from a reference cell. Ranges `a-b` give the midpoint, `a+` gives `a`; anything else
 * non-numeric (`(same as H100 per source)`, `7-25` watts is a range too) → null. Never invents a value.
 */
export function parseNumberCell(cell: string | undefined): number | null {
  if (cell === undefined) return null;
  const s = cell.replace(/,/g, '').trim();
  if (s === '') return null;
  const range = /^(\d+(?:\.\d+)?)\s*-\s*(\d+(?:\.\d+)?)$/.exec(s);
  if (range) return (Number(range[1]) + Number(range[2])) / 2;
  const plus = /^(\d+(?:\.\d+)?)\+$/.exec(s);
  if (plus) return Number(plus[1]);
  const lead = /^(\d+(?:\.\d+)?)(?:\s|$)/.exec(s);
  if (lead && /^\d+(?:\.\d+)?(\s*\([^)]*\))?$/.test(s)) return Number(lead[1]);
  return null;
}
