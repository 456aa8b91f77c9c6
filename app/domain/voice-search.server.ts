import { and, or, sql, type AnyColumn, type SQL } from 'drizzle-orm';
import { submissions } from '#db/schema/index';
import { bigrams, parseSearchQuery } from './search-text';

// The one search condition for every place that searches voices: the staff inbox, the staff
// dashboard's list and the public /voices page. A query is split into terms (words, or quoted
// phrases), each folded like the stored text; every term must occur. The bigrams of all terms
// find candidates through the GIN index on search_bigrams, and LIKE on the folded text confirms
// each term really occurs (bigrams present but apart do not count). A query that is a receipt
// number also finds that voice.

export interface SearchTarget {
  /** The folded text (search_fold of what may be searched). */
  text: SQL | AnyColumn;
  /** The stored bigrams of that text, when there is an index on them. */
  bigrams?: SQL | AnyColumn;
  receiptNumber?: SQL | AnyColumn;
}

/** A voice's title and body, with their GIN-indexed bigrams. */
const voiceSearchTarget: SearchTarget = {
  text: submissions.searchText, bigrams: submissions.searchBigrams, receiptNumber: submissions.receiptNumber,
};

/**
 * What the public may search: only the published (masked) title, body and reply, so a search
 * can never reveal what staff removed from the original. Few voices are published, so there
 * is no index on this text.
 */
export const publishedSearchTarget: SearchTarget = {
  text: sql`search_fold(coalesce(${submissions.publishedTitle}, '') || ' ' || coalesce(${submissions.publishedBody}, '') || ' ' || coalesce(${submissions.publishedReply}, ''))`,
  receiptNumber: submissions.receiptNumber,
};

const RECEIPT = /^(\d{4})ー(\d{6})$/; // 2026-000034, folded (the hyphen becomes ー)

function likePattern(term: string): string {
  return `%${term.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** The condition for a search query, or undefined when the query has no terms. */
export function voiceSearchCondition(query: string, target: SearchTarget = voiceSearchTarget): SQL | undefined {
  const terms = parseSearchQuery(query);
  if (terms.length === 0) return undefined;
  const grams = [...new Set(terms.flatMap((t) => bigrams(t)))];
  const byText = and(
    target.bigrams && grams.length > 0
      ? sql`${target.bigrams} @> ${sql`ARRAY[${sql.join(grams.map((g) => sql`${g}`), sql`, `)}]::text[]`}`
      : undefined,
    ...terms.map((t) => sql`${target.text} like ${likePattern(t)}`),
  )!;
  const receipt = terms.length === 1 ? RECEIPT.exec(terms[0]!) : null;
  return receipt && target.receiptNumber ? or(sql`${target.receiptNumber} = ${`${receipt[1]}-${receipt[2]}`}`, byText) : byText;
}
