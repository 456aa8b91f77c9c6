import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import i18next from 'i18next';
import { describe, expect, it } from 'vitest';
import { addTranslations, createTranslator, pageNamespaces, translatorFor, type Namespaces } from '~/i18n/i18n';

const dir = path.resolve('app/i18n/locales');
const languages = readdirSync(dir);

function load(language: string): Namespaces {
  return Object.fromEntries(readdirSync(path.join(dir, language)).map((f) => [f.replace('.json', ''), JSON.parse(readFileSync(path.join(dir, language, f), 'utf8'))]));
}

function leafKeys(tree: Record<string, unknown>, prefix = ''): string[] {
  return Object.entries(tree).flatMap(([k, v]) => (v && typeof v === 'object' ? leafKeys(v as Record<string, unknown>, `${prefix}${k}.`) : [`${prefix}${k}`]));
}

describe('translation files', () => {
  it('have Japanese and English with exactly the same keys', () => {
    expect(languages).toEqual(expect.arrayContaining(['ja', 'en']));
    const ja = load('ja');
    for (const language of languages) {
      const other = load(language);
      expect(Object.keys(other).sort(), language).toEqual(Object.keys(ja).sort());
      for (const ns of Object.keys(ja)) {
        expect(leafKeys(other[ns]!).sort(), `${language}/${ns}`).toEqual(leafKeys(ja[ns]!).sort());
      }
    }
  });

  it('have no empty strings', () => {
    for (const language of languages) {
      const all = load(language);
      for (const [ns, tree] of Object.entries(all)) {
        for (const key of leafKeys(tree)) {
          const value = key.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown>)[part], tree);
          expect(typeof value === 'string' && value.trim() !== '', `${language}/${ns}:${key}`).toBe(true);
        }
      }
    }
  });

  it('our translator gives the same text as i18next for every key', async () => {
    for (const language of languages) {
      const namespaces = load(language);
      const reference = i18next.createInstance();
      await reference.init({ lng: language, resources: { [language]: namespaces }, ns: Object.keys(namespaces), defaultNS: 'common', interpolation: { escapeValue: false } });
      const ours = createTranslator(language, namespaces);
      const values = { endpoint: 'https://x', count: 3, city: 'さくら台市', receiptNumber: '2026-000001', name: 'X', days: 2, date: '2026-11-21', max: 4000, min: 1,
        title: '件名', mergedInto: '2026-000002', referredTo: '県', department: '市民課', receiptNumbers: '2026-000001',
        // citizen portal placeholders
        over: 1, status: '受付', to: '県', reason: '理由', resolved: 'はい', satisfaction: 4, counter: '市民課窓口', location: '1階', page: 1, pages: 2, minutes: 5,
        // staff and admin placeholders
        email: 'a@example.jp', query: '窓口',
        // triage screens
        total: 5, percent: 40,
        // busy-day staff screens (inbox figures, voice workspace, shortcuts)
        n: '12', assignee: '山田', position: 2,
        // email (outbox pages)
        id: 12, template: 'receipt', language: 'en',
        // improvement screens
        stage: '計画', from: '計画', average: 3.5,
        // analytics screens
        year: 2026, month: 4, internal: 1, external: 2, number: 'K-2026-001', start: '2026-04-01', end: '2027-03-31', mean: '3.50', phase: 'PLAN',
        // retention periods and residents' requests
        day: '2026-12-04', voiceYears: 5, contactMonths: 12, photoMonths: 12, auditYears: 5, mailDays: 90, kind: '開示',
        // the map (not {{lng}}: i18next reads lng as the language)
        lat: 35.6581, lon: 139.7017,
        // photo evidence of improvements, Open311 media_url on the timeline
        label: '改善前', caption: 'ベンチ', url: 'https://photos.example.jp/p.jpg',
        // places: the boundary screen, nearby voices, the inbox map, the "where" view, the geocoder's suggestion
        polygons: 2, vertices: 10, meters: 300, limit: 5000, address: '桜台一丁目' };
      for (const [ns, tree] of Object.entries(namespaces)) {
        for (const key of leafKeys(tree)) {
          const base = key.replace(/_(zero|one|two|few|many|other)$/, '');
          expect(ours(`${ns}:${base}`, values), `${language} ${ns}:${base}`).toBe(reference.t(`${ns}:${base}`, values));
        }
      }
    }
  });

  it('returns the key for a missing translation so gaps are visible', () => {
    expect(createTranslator('ja', load('ja'))('no.such.key')).toBe('no.such.key');
  });

  it('gives a page only the namespaces it names, in its language', () => {
    addTranslations('ja', load('ja'));
    const t = translatorFor('ja', ['common', 'errors'], 'errors');
    expect(t('notFoundTitle')).toBe('ページが見つかりません');
    expect(t('common:nav.home')).toBe('ホーム');
    // Loaded, but not named: the key shows, as it would in a browser that never fetched it.
    expect(t('citizen:send.title')).toBe('citizen:send.title');
    expect(translatorFor('xx', ['common'])('nav.home')).toBe('nav.home');
  });

  it('names the namespaces each area of the site needs in the browser', () => {
    const residents = ['common', 'citizen', 'domain', 'errors'];
    expect(pageNamespaces('/send')).toEqual([...residents, 'map']);
    expect(pageNamespaces('/mail/stop/abc')).toEqual(residents);
    expect(pageNamespaces('/track/abc')).toEqual([...residents, 'improvement']);
    expect(pageNamespaces('/improvements/K-1')).toEqual([...residents, 'improvement']);
    expect(pageNamespaces('/statistics')).toEqual([...residents, 'analytics']);
    expect(pageNamespaces('/staff')).toBe('all');
    expect(pageNamespaces('/staff/outbox/3')).toBe('all');
    expect(pageNamespaces('/staffing')).toEqual(residents);
  });
});
