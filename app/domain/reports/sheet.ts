/** One cell of an exported table: text, a number, or empty. */
export type Cell = string | number | null | undefined;

/** A table to export: a CSV file, or one sheet of an .xlsx workbook. */
export interface Sheet {
  /** Sheet name (shortened to Excel's 31 characters). */
  name: string;
  headers: string[];
  rows: Cell[][];
}
