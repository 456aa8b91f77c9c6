// The large dataset of the bench, generated on the PostgreSQL server with INSERT … SELECT …
// FROM generate_series (never row by row from Node): at scale 1, one million voices over three
// fiscal years, one million ratings (residents' ratings of replies plus counter surveys), and
// ten thousand improvement records, on top of the demo city's organisation (seedDemo).
//
// Titles and bodies are put together from a few dozen Japanese phrases, so the bigram search
// has real work; their search_bigrams are computed in SQL by search_bigrams_of() (from the
// migrations), which follows bigrams() in app/domain/search-text.ts (NFKC, lower case, kana and
// long-vowel marks folded, white space folded, pairs without white space) — checkBigrams() below
// is the check.
import type { Sql } from 'postgres';

const PLACES = ['駅前', '市役所本庁舎', '中央公園', '市民課窓口', '北口駐輪場', '図書館', '市民プール', '第二小学校の通学路', '県道沿いの歩道',
  'ごみ集積所', '子育て支援センター', '保健センター', '総合体育館', '南地区の交差点', 'バス停', '川沿いの遊歩道', '公民館', '市営住宅'];
const SUBJECTS = ['照明', '段差', '案内表示', '待ち時間', '駐輪場', '手すり', 'トイレ', '点字ブロック', 'ベンチ', 'カーブミラー', '雑草',
  '騒音', '受付の対応', '申請書の書き方', 'ホームページ', '予約の方法', '開館時間', '収集日'];
const ISSUES = ['が暗くて危ないです', 'がわかりにくいです', 'が長すぎます', 'が壊れています', 'が足りません', 'について教えてください',
  'を改善してほしいです', 'がとても良かったです', 'が汚れています', 'が見えにくいです'];
const SENTENCES = [
  '毎日通勤で利用していますが、夜は特に不安を感じます。', '高齢の母と一緒に行ったときに困りました。', '子どもを連れていると危険だと思います。',
  '車いすを使っているため、通るのが難しいです。', '以前にも同じことをお願いしましたが、まだ変わっていません。', '他の市では改善されていると聞きました。',
  '職員の方がとても親切に説明してくださいました。', 'できるだけ早く対応していただけると助かります。', '週末は特に混雑しています。',
  '雨の日は滑りやすくなっています。', 'オンラインで手続きができるようにしてほしいです。', '案内の職員を増やしていただけないでしょうか。',
  '近所の方も同じ意見です。', '写真を撮って送ろうとしましたが、うまくいきませんでした。', 'マイナンバーカードの手続きで三時間待ちました。',
  '夜間の照明を明るくしてください。', '英語の案内もあると外国人の住民が助かります。', 'いつもきれいにしていただきありがとうございます。',
];

const sqlArray = (items: string[]) => `ARRAY[${items.map((s) => `'${s.replace(/'/g, "''")}'`).join(',')}]::text[]`;

export interface DatasetSize {
  voices: number;
  ratings: number;
  improvementRecords: number;
  /** Distinct title/body texts the voices draw from (their bigrams are computed once each). */
  texts: number;
}

export function sizeFor(scale: number): DatasetSize {
  return {
    voices: Math.max(1000, Math.round(1_000_000 * scale)),
    ratings: Math.max(1000, Math.round(1_000_000 * scale)),
    improvementRecords: Math.max(100, Math.round(10_000 * scale)),
    texts: Math.max(500, Math.min(20_000, Math.round(20_000 * Math.sqrt(scale)))),
  };
}

type Step = { name: string; sql: string };

export function datasetSteps(size: DatasetSize): Step[] {
  const { voices, ratings, improvementRecords, texts } = size;
  return [
    {
      name: `${texts} distinct texts with their bigrams`,
      sql: `
      create unlogged table bench_texts as
      select i as id, title, body, search_bigrams_of(title || ' ' || body) as grams
      from (
        select i,
          (${sqlArray(PLACES)})[1 + (i * 7) % ${PLACES.length}] || 'の' || (${sqlArray(SUBJECTS)})[1 + (i * 13 / 3) % ${SUBJECTS.length}]
            || (${sqlArray(ISSUES)})[1 + (i * 31 / 7) % ${ISSUES.length}] as title,
          (select string_agg((${sqlArray(SENTENCES)})[1 + ((i * 17 + k * 29 + k * k * 5) % ${SENTENCES.length})], '' order by k)
             from generate_series(1, 2 + i % 5) k)
            || (${sqlArray(PLACES)})[1 + (i * 11) % ${PLACES.length}] || 'の件で、受付番号の控えは' || (i % 97) || '番です。' as body
        from generate_series(1, ${texts}) i
      ) t;
      alter table bench_texts add primary key (id)`,
    },
    {
      name: `${voices} voices over three fiscal years`,
      sql: `
      create unlogged table bench_ref as select
        (select array_agg(id order by id) from categories) as cats,
        (select array_agg(default_department_id order by id) from categories) as cat_deps,
        (select array_agg(id order by id) from users where role in ('staff', 'manager', 'reform')) as staff,
        (select array_agg(id order by id) from service_counters) as counters,
        (select array_agg(id order by id) from departments where level = 'ka') as kas,
        (select id from users where role = 'mayor' order by id limit 1) as mayor;
      select setseed(0.42);
      -- Bulk load: the secondary indexes of submissions are dropped here and built again after the
      -- insert (one sort per index instead of a million index insertions, the GIN one above all).
      create unlogged table bench_dropped_indexes as
        select indexname, indexdef from pg_indexes i
        where tablename = 'submissions' and schemaname = 'public'
          and not exists (select 1 from pg_constraint c where c.conname = i.indexname);
      do $$ declare r record; begin
        for r in select indexname from bench_dropped_indexes loop execute format('drop index %I', r.indexname); end loop;
      end $$;
      create unlogged table bench_voices as
      select i,
        ts,
        (extract(year from (ts at time zone 'Asia/Tokyo') - interval '3 months'))::int as fy,
        1 + floor(random() * ${texts})::int as text_id,
        1 + floor(random() * array_length(r.cats, 1))::int as cat_ix,
        random() as r_status, random() as r_kind, random() as r_channel, random() as r_misc, random() as r_pub
      from (select i, timestamptz '2024-04-01 09:00+09' + (now() - timestamptz '2024-04-01 09:00+09') * ((i - 1)::float8 / ${voices}) as ts
            from generate_series(1, ${voices}) i) g, bench_ref r;
      insert into submissions (fiscal_year, receipt_number, tracking_token_hash, kind, channel, status, outcome, category_id, department_id,
        assignee_id, priority, title, body, language, anonymous, reply_wanted, consent_to_publish, received_at, due_date,
        mayor_reviewed_at, mayor_reviewed_by_id, negative_rating, published_at, published_title, published_body, search_bigrams, closed_at,
        created_at, updated_at)
      select v.fy,
        v.fy || '-' || lpad((coalesce(q.last_number, 0) + row_number() over (partition by v.fy order by v.i))::text, 6, '0'),
        encode(sha256(('bench-' || v.i)::bytea), 'hex'),
        (case when v.r_kind < .2 then 'idea' when v.r_kind < .45 then 'complaint' when v.r_kind < .8 then 'request' when v.r_kind < .95 then 'question' else 'praise' end)::submission_kind,
        (case when v.r_channel < .6 then 'web' when v.r_channel < .75 then 'phone' when v.r_channel < .83 then 'counter' when v.r_channel < .9 then 'email'
              when v.r_channel < .93 then 'letter' when v.r_channel < .95 then 'fax' when v.r_channel < .98 then 'staff_box' else 'api' end)::submission_channel,
        s.status::submission_status,
        case when s.status in ('answered', 'closed') and v.r_kind < .8 then (array['realized','considering','difficult','reference','other'])[1 + floor(v.r_misc * 5)::int]::submission_outcome end,
        r.cats[v.cat_ix], r.cat_deps[v.cat_ix],
        case when s.status in ('in_progress', 'answered', 'closed') then r.staff[1 + floor(v.r_misc * array_length(r.staff, 1))::int] end,
        case when v.r_misc < .9 then 0 when v.r_misc < .97 then 1 else 2 end,
        t.title, t.body, case when v.r_misc < .97 then 'ja' else 'en' end,
        v.r_pub < .4, v.r_pub >= .4 and v.r_misc < .7, v.r_pub >= .3,
        v.ts, (v.ts at time zone 'Asia/Tokyo')::date + 14,
        case when v.ts < now() - interval '3 days' or v.r_misc < .3 then v.ts + interval '2 days' end,
        case when v.ts < now() - interval '3 days' or v.r_misc < .3 then r.mayor end,
        s.status in ('answered', 'closed') and v.r_misc < .05,
        case when s.status in ('answered', 'closed') and v.r_pub > .9 then v.ts + interval '20 days' end,
        case when s.status in ('answered', 'closed') and v.r_pub > .9 then t.title end,
        case when s.status in ('answered', 'closed') and v.r_pub > .9 then t.body end,
        t.grams,
        case when s.status = 'closed' then v.ts + interval '25 days' end,
        v.ts, v.ts
      from bench_voices v
      cross join bench_ref r
      left join receipt_sequences q on q.fiscal_year = v.fy
      join bench_texts t on t.id = v.text_id
      cross join lateral (select case
        when v.ts < now() - interval '60 days' then
          case when v.r_status < .55 then 'closed' when v.r_status < .8 then 'answered' when v.r_status < .85 then 'merged' when v.r_status < .88 then 'referred'
               when v.r_status < .92 then 'not_actionable' when v.r_status < .93 then 'hidden' else 'in_progress' end
        else
          case when v.r_status < .2 then 'received' when v.r_status < .4 then 'triaged' when v.r_status < .7 then 'in_progress' when v.r_status < .9 then 'answered' else 'closed' end
        end as status) s
      order by v.i`,
    },
    {
      name: 'indexes of submissions built again',
      sql: `
      set maintenance_work_mem = '1GB';
      do $$ declare r record; begin
        for r in select indexdef from bench_dropped_indexes loop execute r.indexdef; end loop;
      end $$;
      drop table bench_dropped_indexes`,
    },
    {
      name: 'receipt sequences, received events',
      sql: `
      insert into receipt_sequences (fiscal_year, last_number)
        select fiscal_year, max(substr(receipt_number, 6)::int) from submissions group by fiscal_year
        on conflict (fiscal_year) do update set last_number = greatest(receipt_sequences.last_number, excluded.last_number);
      insert into submission_events (submission_id, at, type, visibility, data)
        select id, received_at, 'received', 'public', jsonb_build_object('channel', channel) from submissions`,
    },
    {
      name: 'final replies of answered and closed voices',
      sql: `
      insert into replies (submission_id, kind, status, body, author_id, approver_id, submitted_at, decided_at, sent_at, created_at)
        select s.id, 'final', 'sent', 'ご意見ありがとうございます。担当課で確認し、対応いたしました。', s.assignee_id, s.assignee_id,
          s.received_at + d.days * interval '1 day' - interval '1 hour', s.received_at + d.days * interval '1 day', s.received_at + d.days * interval '1 day',
          s.received_at + d.days * interval '1 day' - interval '2 hours'
        from submissions s cross join lateral (select 1 + floor(random() * 30)::int + (s.id % 2) as days) d
        where s.status in ('answered', 'closed') and s.assignee_id is not null`,
    },
    {
      name: `${ratings} ratings: residents' ratings of replies and counter surveys`,
      sql: `
      insert into reply_ratings (submission_id, reply_id, resolved, satisfaction, comment, created_at)
        select r.submission_id, r.id,
          (case when x.u < .6 then 'yes' when x.u < .85 then 'partly' else 'no' end)::reply_resolved,
          least(5, greatest(1, round(3.6 + (x.u - .5) * 4)))::smallint,
          case when x.u > .9 then '対応が遅かったです。' end, r.sent_at + interval '2 days'
        from (select id, submission_id, sent_at from replies order by id limit ${Math.round(ratings * 0.5)}) r
        cross join lateral (select random() + r.id * 0 as u) x;
      insert into counter_surveys (counter_id, speed, courtesy, clarity, overall, comment, language, created_at)
        select c.counters[1 + (i % array_length(c.counters, 1))],
          (1 + floor(random() * 5))::smallint, (2 + floor(random() * 4))::smallint, (2 + floor(random() * 4))::smallint, (2 + floor(random() * 4))::smallint,
          case when i % 20 = 0 then '窓口の案内がわかりやすかったです。' end, 'ja',
          timestamptz '2024-04-01 09:00+09' + (now() - timestamptz '2024-04-01 09:00+09') * random()
        from generate_series(1, ${ratings} - (select count(*) from reply_ratings)) i, bench_ref c`,
    },
    {
      name: `${improvementRecords} improvement records linked to voices`,
      sql: `
      insert into improvement_records (number, title, type, finding_class, level, source, stage, owner_department_id, owner_user_id, due_date,
        problem_statement, effectiveness, checked_at, closed_at, created_at, updated_at)
        select 'IR-' || fy || '-' || lpad(n::text, 5, '0'), t.title, (array['corrective','preventive','improvement'])[1 + i % 3]::improvement_type,
          (array['nonconformity','potential_nonconformity','request','opportunity','minor_fix','recommendation','minor_nonconformity'])[1 + i % 7]::finding_class,
          (array['operations','people','programme','workplace','strategy'])[1 + i % 5]::improvement_level,
          (array['voice','voice','voice','counter_survey','staff_suggestion','internal_audit','external_audit','management_review','mayor_instruction'])[1 + i % 9]::improvement_source,
          st.stage::improvement_stage, r.kas[1 + i % array_length(r.kas, 1)], null, (created + interval '90 days')::date,
          t.body, case when st.stage = 'closed' then (array['effective','partly','not_effective'])[1 + i % 3]::effectiveness end,
          case when st.stage = 'closed' then created + interval '80 days' end, case when st.stage = 'closed' then created + interval '85 days' end,
          created, created
        from (select i, created, (extract(year from (created at time zone 'Asia/Tokyo') - interval '3 months'))::int as fy,
                row_number() over (partition by (extract(year from (created at time zone 'Asia/Tokyo') - interval '3 months'))::int order by i) as n
              from (select i, timestamptz '2024-04-10 09:00+09' + (now() - timestamptz '2024-04-10 09:00+09') * ((i - 1)::float8 / ${improvementRecords}) as created
                    from generate_series(1, ${improvementRecords}) i) a) g
        cross join bench_ref r
        join bench_texts t on t.id = 1 + (g.i % ${texts})
        cross join lateral (select case when g.created < now() - interval '120 days' then (case when g.i % 10 < 7 then 'closed' else (array['plan','do','check','act'])[1 + g.i % 4] end)
                                        else (array['plan','do','check','act'])[1 + g.i % 4] end as stage) st;
      insert into improvement_record_submissions (record_id, submission_id, linked_at)
        select r.id, s.id, r.created_at from improvement_records r
        cross join lateral (select id from submissions where id = 1 + ((r.id * 7919) % ${voices}) union select id from submissions where id = 1 + ((r.id * 104729) % ${voices})) s
        on conflict do nothing`,
    },
    { name: 'clean up, ANALYZE', sql: 'drop table bench_voices; drop table bench_ref; drop table bench_texts; analyze' },
  ];
}

export async function generateDataset(sql: Sql, size: DatasetSize, log: (line: string) => void): Promise<number> {
  const started = performance.now();
  for (const step of datasetSteps(size)) {
    const stepStarted = performance.now();
    await sql.unsafe(step.sql);
    log(`  ${step.name}: ${((performance.now() - stepStarted) / 1000).toFixed(1)} s`);
  }
  return (performance.now() - started) / 1000;
}

/** search_bigrams_of() in SQL against bigrams() in TypeScript, on a sample of the generated voices. */
export async function checkBigrams(sql: Sql, bigrams: (text: string) => string[], sample = 200): Promise<string[]> {
  const rows = await sql<{ title: string; body: string; search_bigrams: string[] }[]>`
    select title, body, search_bigrams from submissions tablesample system (1) limit ${sample}`;
  const extra = ['ＡＢＣ　ｄｅｆ  全角\t英数', 'Hello World 東京', '〒１２３－４５６７', '  前後の 空白  ', 'ﾍﾞﾝﾁ べんち ベンチ', 'コーヒー ｺｰﾋｰ コ‐ヒ－ Wi-Fi'];
  const extraRows = await sql<{ t: string; g: string[] }[]>`select t, search_bigrams_of(t) as g from unnest(${extra}::text[]) t`;
  const problems: string[] = [];
  const same = (a: string[], b: string[]) => a.length === b.length && [...a].sort().join('\u0001') === [...b].sort().join('\u0001');
  for (const row of rows) if (!same(row.search_bigrams, bigrams(`${row.title} ${row.body}`))) problems.push(row.title);
  for (const row of extraRows) if (!same(row.g, bigrams(row.t))) problems.push(row.t);
  return problems;
}
