import { and, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { queryRows, type Database } from '../../db/client';
import { submissions } from '../../db/schema/index';
import { YEAR_END_CLOSURE } from '../../app/domain/business-days';
import { listInbox, parseInboxFilters } from '../../app/domain/inbox.server';
import { publishVoice } from '../../app/domain/publication.server';
import { parsePublishedFilters } from '../../app/domain/published';
import { bigrams, normalizeForSearch } from '../../app/domain/search-text';
import { createSubmission } from '../../app/domain/submissions.server';
import { newSecretToken } from '../../app/domain/secret-token.server';
import { voiceSearchCondition } from '../../app/domain/voice-search.server';
import { listPublishedVoices } from '../../app/models/public-voices.server';
import { listVisibleVoices } from '../../app/models/staff-voices.server';
import { seedDemo } from '../../app/seed/seed.server';
import { createTestDatabase, driverUnderTest } from '../support/db';
import { actorFor, demo } from '../support/actors';

// Every place that searches voices — the staff inbox, the staff dashboard's list and the public
// /voices page — finds the same voices for the same query (one search condition, voice-search.server.ts).

const calendar = { today: '2026-11-21', closedDays: YEAR_END_CLOSURE };

const VOICES = [
  { title: '公園のベンチが壊れています', body: '中央公園のベンチの背もたれが割れていて、座ると危ないです。' },
  { title: 'ＷｉＦｉが遅い', body: '図書館のＷｉＦｉがつながりにくいです。' },
  { title: '庁舎のコーヒーの自販機', body: '自販機が故障中のままです。' },
  { title: 'ごみのしゅうしゅうびがわからない', body: 'カレンダーを配ってください。' },
  { title: 'English guide', body: 'An English guide please, for the counters.' },
  { title: '背もたれのない椅子', body: '待合室の椅子は背もたれがなくて疲れます。' },
];

describe(`one Japanese search for every place that searches voices (${driverUnderTest})`, () => {
  let db: Database;
  let receipts: Record<string, string>;
  let reform: Awaited<ReturnType<typeof actorFor>>;

  beforeAll(async () => {
    db = (await createTestDatabase()).db;
    await seedDemo(db);
    reform = await actorFor(db, demo.reform);
    receipts = {};
    for (const voice of VOICES) {
      const created = await createSubmission(db, { kind: 'request', channel: 'web', categoryId: null, ...voice, language: 'ja', contact: null, replyWanted: false, consentToPublish: true }, { trackingToken: newSecretToken() });
      receipts[voice.title] = created.receiptNumber;
      await publishVoice(db, reform, { submissionId: created.id, version: 1, title: voice.title, body: voice.body, reply: null });
    }
  });

  /** The titles among VOICES each place finds, sorted; all three must agree. */
  async function search(q: string): Promise<string[]> {
    const ours = new Set(VOICES.map((v) => v.title));
    const inbox = (await listInbox(db, reform.user, parseInboxFilters(new URLSearchParams({ q })), calendar)).items.map((i) => i.title);
    const dashboard = (await listVisibleVoices(db, reform.user, { query: q, language: 'ja', limit: 100 })).map((i) => i.title);
    const published = (await listPublishedVoices(db, parsePublishedFilters(new URLSearchParams({ q })), 'ja')).voices.map((v) => v.title);
    const [a, b, c] = [inbox, dashboard, published].map((list) => list.filter((t) => ours.has(t)).sort());
    expect(b, `dashboard and inbox disagree on ${q}`).toEqual(a);
    expect(c, `/voices and inbox disagree on ${q}`).toEqual(a);
    return a!;
  }

  it('stores text folded exactly as queries are folded (search_fold and search_bigrams_of = the TypeScript)', async () => {
    const samples = ['ＡＢＣ　ｄｅｆ  全角\t英数', 'ﾍﾞﾝﾁ べんち ベンチ', 'コーヒー ｺｰﾋｰ コ－ヒ－ コ‐ヒ‐ コ—ヒ— Wi-Fi', 'ヴァイオリン ヽヾ', '  前後の 空白  ', '〒１２３－４５６７', 'GARBAGE Ｇａｒｂａｇｅ'];
    const rows = await queryRows<{ t: string; folded: string; grams: string[] }>(db, sql`select t, search_fold(t) as folded, search_bigrams_of(t) as grams from unnest(${sql.param(samples)}::text[]) as t`);
    expect(rows).toHaveLength(samples.length);
    for (const row of rows) {
      expect(row.folded, row.t).toBe(normalizeForSearch(row.t));
      expect([...row.grams].sort(), row.t).toEqual([...bigrams(row.t)].sort());
    }
    expect(normalizeForSearch('ﾍﾞﾝﾁ ｺｰﾋｰ')).toBe('べんち こーひー');
  });

  it('needs every word, in any order, whether separated by a half- or a full-width space', async () => {
    const both = ['公園のベンチが壊れています', '背もたれのない椅子'];
    expect(await search('背もたれ')).toEqual(both.sort());
    expect(await search('背もたれ 割れ')).toEqual(['公園のベンチが壊れています']);
    expect(await search('割れ　背もたれ')).toEqual(['公園のベンチが壊れています']);
    expect(await search('背もたれ 椅子')).toEqual(['背もたれのない椅子']);
    expect(await search('背もたれ 鉄棒')).toEqual([]);
  });

  it('matches a phrase in quotes as written', async () => {
    expect(await search('please guide')).toEqual(['English guide']);
    expect(await search('"guide please"')).toEqual(['English guide']);
    expect(await search('"please guide"')).toEqual([]);
    expect(await search('＂please guide＂')).toEqual([]);
    expect(await search('「ベンチの背もたれ」')).toEqual(['公園のベンチが壊れています']);
    expect(await search('「背もたれのベンチ」')).toEqual([]);
  });

  it('folds hiragana and katakana onto each other', async () => {
    expect(await search('べんち')).toEqual(['公園のベンチが壊れています']);
    expect(await search('シュウシュウビ')).toEqual(['ごみのしゅうしゅうびがわからない']);
    expect(await search('かれんだー')).toEqual(['ごみのしゅうしゅうびがわからない']);
  });

  it('folds half- and full-width forms and case', async () => {
    expect(await search('wifi')).toEqual(['ＷｉＦｉが遅い']);
    expect(await search('ＷＩＦＩ')).toEqual(['ＷｉＦｉが遅い']);
    expect(await search('ﾍﾞﾝﾁ')).toEqual(['公園のベンチが壊れています']);
    expect(await search('ENGLISH')).toEqual(['English guide']);
  });

  it('folds the long-vowel marks ー ｰ － ‐ and -', async () => {
    for (const q of ['コーヒー', 'ｺｰﾋｰ', 'コ－ヒ－', 'コ‐ヒ‐', 'コ-ヒ-', 'こーひー']) {
      expect(await search(q), q).toEqual(['庁舎のコーヒーの自販機']);
    }
    expect(await search('コヒ')).toEqual([]);
  });

  it('finds a voice by its receipt number, also typed full-width', async () => {
    const receipt = receipts['ＷｉＦｉが遅い']!;
    expect(await search(receipt)).toEqual(['ＷｉＦｉが遅い']);
    expect(await search(receipt.replace(/[0-9-]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0)))).toEqual(['ＷｉＦｉが遅い']);
  });

  it('treats wildcards and SQL as plain text', async () => {
    expect(await search('100%')).toEqual([]);
    expect(await search('_')).toEqual([]);
    expect(await search("'; drop table submissions; --")).toEqual([]);
  });

  it('uses the bigram index for the inbox search', async () => {
    // Enough voices that a sequential scan is not the cheapest plan; analysed like a real table.
    await db.execute(sql`
      insert into submissions (fiscal_year, receipt_number, tracking_token_hash, kind, channel, title, body, search_bigrams, received_at)
      select 2026, '2026-7' || lpad(n::text, 5, '0'), 'filler-' || n, 'request', 'web', '道路の件 ' || n, '市道' || n || '号線の舗装が傷んでいます',
        search_bigrams_of('道路の件 ' || n || ' 市道' || n || '号線の舗装が傷んでいます'), timestamptz '2026-10-01 12:00+09' - n * interval '1 minute'
      from generate_series(1, 5000) as n`);
    await db.execute(sql`vacuum analyze submissions`); // also moves the new bigrams out of the GIN pending list
    for (const q of ['背もたれ 割れ', 'べんち', '"guide please"']) {
      const query = db.select({ id: submissions.id }).from(submissions)
        .where(and(sql`${submissions.status} <> 'hidden'`, voiceSearchCondition(q)))
        .orderBy(sql`${submissions.receivedAt} desc`).limit(50);
      const plan = (await queryRows<{ 'QUERY PLAN': string }>(db, sql`explain ${query.getSQL()}`)).map((r) => r['QUERY PLAN']).join('\n');
      expect(plan, q).toContain('submissions_bigrams_idx');
    }
    // And the search still finds the right voices among them.
    expect(await search('背もたれ 割れ')).toEqual(['公園のベンチが壊れています']);
  });
});
