-- Search folds hiragana/katakana and long-vowel marks as well as width and case (issue #17).
-- search_fold() is normalizeForSearch() of app/domain/search-text.ts in SQL: NFKC, lower case,
-- katakana → hiragana, every dash and long-vowel mark → ー, white space runs → one space.
CREATE OR REPLACE FUNCTION search_fold(t text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT btrim(regexp_replace(translate(lower(normalize(t, NFKC)),
    'ァアィイゥウェエォオカガキギクグケゲコゴサザシジスズセゼソゾタダチヂッツヅテデトドナニヌネノハバパヒビピフブプヘベペホボポマミムメモャヤュユョヨラリルレロヮワヰヱヲンヴヵヶヽヾ-‐‑‒–—―−',
    'ぁあぃいぅうぇえぉおかがきぎくぐけげこごさざしじすずせぜそぞただちぢっつづてでとどなにぬねのはばぱひびぴふぶぷへべぺほぼぽまみむめもゃやゅゆょよらりるれろゎわゐゑをんゔゕゖゝゞーーーーーーーー'), '\s+', ' ', 'g'), ' ')
$$;--> statement-breakpoint
-- The distinct bigrams of the folded text, skipping pairs with white space: bigrams() in SQL.
-- The app writes search_bigrams itself; this rebuilds the stored ones below (and the bench's).
CREATE OR REPLACE FUNCTION search_bigrams_of(t text) RETURNS text[] LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE AS $$
DECLARE
  n text := search_fold(t);
BEGIN
  RETURN coalesce((SELECT array_agg(DISTINCT g) FROM (SELECT substr(n, i, 2) AS g FROM generate_series(1, char_length(n) - 1) AS i) y
                   WHERE g !~ '\s'), '{}'::text[]);
END
$$;--> statement-breakpoint
ALTER TABLE "submissions" drop column "search_text";--> statement-breakpoint
ALTER TABLE "submissions" ADD COLUMN "search_text" text GENERATED ALWAYS AS (search_fold(title || ' ' || body)) STORED;--> statement-breakpoint
-- The stored bigrams were folded the old way (ベンチ and べんち apart): rebuild them with the new fold.
UPDATE "submissions" SET "search_bigrams" = search_bigrams_of(title || ' ' || body);--> statement-breakpoint
ANALYZE "submissions";
