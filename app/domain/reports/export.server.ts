import ExcelJS from 'exceljs';
import type { Cell, Sheet } from './sheet';

// Files the reform team opens in Excel. A CSV starts with the UTF-8 BOM (Excel in Japan reads
// BOM-less CSV as Shift_JIS and garbles it), uses CRLF and RFC 4180 quoting, and neutralises
// text that Excel would run as a formula. The .xlsx has one sheet per table.

const BOM = '\uFEFF';

/** Text that Excel would read as a formula (or a DDE call) is prefixed with a quote. */
const FORMULA_START = /^[=+\-@\t\r]/;

function csvField(value: Cell): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  const text = FORMULA_START.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function toCsv(rows: readonly (readonly Cell[])[], headers: readonly string[]): string {
  const lines = [headers, ...rows].map((row) => row.map(csvField).join(','));
  return `${BOM}${lines.join('\r\n')}\r\n`;
}

/** Display width of text in Excel columns: full-width (Japanese) characters take two. */
function textWidth(value: Cell): number {
  if (value === null || value === undefined) return 0;
  let width = 0;
  for (const ch of String(value)) width += /[\u1100-\u115F\u2E80-\uA4CF\uAC00-\uD7A3\uF900-\uFAFF\uFE30-\uFE4F\uFF00-\uFF60\uFFE0-\uFFE6]/.test(ch) ? 2 : 1;
  return width;
}

/** Excel refuses sheet names over 31 characters, with []:*?/\ or repeated. */
function sheetName(name: string, used: Set<string>): string {
  const base = name.replace(/[[\]:*?/\\]/g, ' ').trim().slice(0, 31) || 'Sheet';
  let candidate = base;
  for (let i = 2; used.has(candidate); i++) candidate = `${base.slice(0, 31 - String(i).length - 1)} ${i}`;
  used.add(candidate);
  return candidate;
}

export async function toXlsx(sheets: readonly Sheet[]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Meyasu';
  const used = new Set<string>();
  for (const sheet of sheets) {
    const worksheet = workbook.addWorksheet(sheetName(sheet.name, used), { views: [{ state: 'frozen', ySplit: 1 }] });
    worksheet.columns = sheet.headers.map((header, i) => ({
      header,
      width: Math.min(60, Math.max(8, ...[header, ...sheet.rows.map((r) => r[i])].map(textWidth)) + 2),
    }));
    for (const row of sheet.rows) worksheet.addRow(row.map((v) => (v === undefined ? null : v)));
    worksheet.getRow(1).font = { bold: true };
    worksheet.getRow(1).alignment = { vertical: 'middle', wrapText: true };
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/**
 * Several tables in one CSV file (for readers who want one download): each table under a line
 * with its name, separated by an empty line. Excel opens it as one sheet.
 */
export function sheetsToCsv(sheets: readonly Sheet[]): string {
  if (sheets.length === 1) return toCsv(sheets[0]!.rows, sheets[0]!.headers);
  const [first, ...rest] = sheets;
  const rows: Cell[][] = [first!.headers, ...first!.rows];
  for (const sheet of rest) rows.push([], [sheet.name], sheet.headers, ...sheet.rows);
  return toCsv(rows, [first!.name]);
}

/** A file download: CSV (UTF-8 with BOM) or .xlsx, never cached by shared caches. */
export function downloadResponse(body: string | Buffer, filename: string, type: 'csv' | 'xlsx'): Response {
  const contentType = type === 'csv' ? 'text/csv; charset=utf-8' : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
  return new Response(typeof body === 'string' ? body : new Uint8Array(body), {
    headers: {
      'Content-Type': contentType,
      'Content-Disposition': `attachment; filename="${filename}"`,
      'Cache-Control': 'private, no-store',
    },
  });
}
