import { z } from 'zod';

// Database ids (and row versions) are PostgreSQL `integer` columns: 1 … 2147483647. A number
// beyond that names no row, and handed to the database it fails the query (a 500), so every
// id read from a URL, a query string or a form goes through these, and anything else is a
// 400 or a 404 before the database is asked.

export const MAX_ID = 2_147_483_647;

/** An id given as a number (domain inputs). */
export const idSchema = z.number().int().positive().max(MAX_ID);

const positiveIntegerText = z.coerce.number().int().positive().max(MAX_ID);

/** An id given as text (route params, query strings, hidden fields), coerced. */
export const idText = positiveIntegerText;

/** A row version (optimistic locking) given as text: an integer column too. */
export const versionText = positiveIntegerText;

/** The id in a path segment, query value or form field; null when absent, malformed or out of range. */
export function parseId(value: unknown): number | null {
  if (typeof value === 'number') return Number.isInteger(value) && value > 0 && value <= MAX_ID ? value : null;
  if (typeof value !== 'string' || !/^\s*[1-9]\d{0,9}\s*$/.test(value)) return null;
  const id = Number(value);
  return id <= MAX_ID ? id : null;
}
