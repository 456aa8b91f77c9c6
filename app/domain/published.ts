import { z } from 'zod';
import { VOICE_KINDS } from './voice-kinds';
import { idText } from '~/utils/ids';

// Filters of the published-voices list, read from the query string. Anything odd is
// dropped rather than refused: it is a reading page, not a form.

export const PUBLISHED_PAGE_SIZE = 20;
const MAX_QUERY = 100;

const filtersSchema = z.object({
  q: z.string().catch('').transform((v) => v.slice(0, MAX_QUERY)),
  kind: z.enum(VOICE_KINDS).nullable().catch(null),
  category: idText.nullable().catch(null),
  page: z.coerce.number().int().min(1).max(10_000).catch(1),
});

export type PublishedFilters = z.output<typeof filtersSchema>;

export function parsePublishedFilters(params: URLSearchParams): PublishedFilters {
  return filtersSchema.parse({
    q: params.get('q') ?? '',
    kind: params.get('kind') || null,
    category: params.get('category') || null,
    page: params.get('page') ?? 1,
  });
}
