import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { describe, expect, it } from 'vitest';
import { MIGRATIONS_FOLDER } from '../../db/client';

// Migration 0014 moves the city's English texts from their *_en columns into the translations
// maps. A city upgrading keeps every English name it had entered: checked on a database built
// by the migrations before it, with data in the old columns, then migrated.

const files = readdirSync(MIGRATIONS_FOLDER).filter((f) => f.endsWith('.sql')).sort();
const run = (db: PGlite, file: string) => db.exec(readFileSync(path.join(MIGRATIONS_FOLDER, file), 'utf8').replaceAll('--> statement-breakpoint', ''));

describe('migration 0014: English city texts into the translations maps', () => {
  it('keeps every English text, leaves empty ones out, and drops the *_en columns', async () => {
    const db = new PGlite();
    const before = files.filter((f) => f < '0014');
    expect(before.at(-1)).toBe('0013_submissions_place_index.sql');
    for (const file of before) await run(db, file);
    await db.exec(`
      insert into city_settings (id, name_ja, name_en, promise_ja, promise_en, office_hours_ja, office_hours_en)
        values (1, 'さくら台市', 'Sakuradai City', '必ず読みます', 'We read every voice', '平日', '');
      insert into departments (code, level, name_ja, name_en) values ('doro', 'ka', '道路管理課', 'Road Management Division'), ('x', 'ka', '未訳課', '');
      insert into categories (code, name_ja, name_en) values ('gomi', 'ごみ', 'Waste');
      insert into service_counters (slug, name_ja, name_en, department_id, location_ja, location_en) values ('c', '窓口', 'Counter', 1, '1階', null);
      insert into city_closed_days (kind, month, day, label_ja, label_en) values ('annual', 12, 29, '年末', 'Year end');
    `);
    await run(db, files.find((f) => f.startsWith('0014'))!);

    const city = (await db.query('select name_translations, promise_translations, office_hours_translations from city_settings')).rows[0];
    expect(city).toEqual({ name_translations: { en: 'Sakuradai City' }, promise_translations: { en: 'We read every voice' }, office_hours_translations: {} });
    expect((await db.query('select code, name_translations from departments order by id')).rows).toEqual([
      { code: 'doro', name_translations: { en: 'Road Management Division' } },
      { code: 'x', name_translations: {} },
    ]);
    expect((await db.query('select name_translations from categories')).rows).toEqual([{ name_translations: { en: 'Waste' } }]);
    expect((await db.query('select name_translations, location_translations from service_counters')).rows).toEqual([{ name_translations: { en: 'Counter' }, location_translations: {} }]);
    expect((await db.query('select label_translations from city_closed_days')).rows).toEqual([{ label_translations: { en: 'Year end' } }]);
    const left = await db.query(`select table_name, column_name from information_schema.columns where column_name like '%\\_en' escape '\\' and table_schema = 'public'`);
    expect(left.rows).toEqual([]);
    await db.close();
  });
});
