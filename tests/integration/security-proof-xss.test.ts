import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { categories, emailOutbox, replies, submissions } from '../../db/schema/index';
import type { DatabaseHandle } from '../../db/client';
import { seedDemo, type DemoLogin } from '../../app/seed/seed.server';
import { newIdempotencyKey } from '../../app/domain/tracking-token.server';
import { hashSecretToken } from '../../app/domain/secret-token.server';
import { approveReply, draftReply, submitReplyForApproval } from '../../app/domain/replies.server';
import { rateReply } from '../../app/domain/ratings.server';
import { publishVoice } from '../../app/domain/publication.server';
import { renderEmail } from '../../app/email/render.server';
import { createTestDatabase } from '../support/db';
import { createTestApp } from '../support/remix';
import { actorFor, demo } from '../support/actors';
import { get, signIn } from '../support/staff-auth';
import { XSS_PAYLOADS } from '../security/xss-payloads';
import { markupProblems, type MarkupProblem } from '../security/html-checks';

// Every XSS payload of the corpus goes through every free-text field a resident or staff
// member fills for a voice (title, body, place, names, the reply, the rating comment), and is
// checked wherever that text is shown: the resident's tracking page, the staff voice page, the
// published voice and the public list, the receipt and reply mails, and the staff outbox view.

process.env.CITIZEN_SUBMIT_LIMIT = '100000/600';

const dataDir = mkdtempSync(path.join(os.tmpdir(), 'meyasu-xss-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

let database: DatabaseHandle;
let app: Awaited<ReturnType<typeof createTestApp>>;
let reformCookie: string;
let categoryId: number;

beforeAll(async () => {
  database = await createTestDatabase();
  const { logins } = await seedDemo(database.db);
  app = await createTestApp(database, { DATA_DIR: dataDir, APP_URL: 'http://localhost:3000' });
  const reform = (logins as DemoLogin[]).find((l) => l.email === demo.reform)!;
  reformCookie = await signIn(app, reform.email, reform.password);
  const [koseki] = await database.db.select({ id: categories.id }).from(categories).where(eq(categories.code, 'koseki'));
  categoryId = koseki!.id;
});

const fits = (text: string, max: number) => Array.from(text.trim()).length <= max && text.trim() !== '';

function voiceForm(payload: string): URLSearchParams {
  const name = fits(payload, 50) ? payload : '<b>山田</b>';
  return new URLSearchParams({
    idempotencyKey: newIdempotencyKey(), kind: 'request', categoryId: String(categoryId),
    title: fits(payload, 100) ? payload : 'タイトル',
    body: `本文: ${payload}`,
    placeText: fits(payload, 200) ? payload : '',
    contactMode: 'named', familyName: name, givenName: name, email: 'resident@example.com',
    replyWanted: 'on', consentToPublish: 'on', website: '',
  });
}

// Escaping does not depend on the database driver: CI runs this once, in the PGlite pass (the
// PostgreSQL pass excludes this file by name in .ci/run).
describe(`XSS corpus (${XSS_PAYLOADS.length} payloads) through every free-text field`, () => {
  it('has at least 100 payloads', () => {
    expect(XSS_PAYLOADS.length).toBeGreaterThanOrEqual(100);
  });

  it('shows every payload as text on public pages, staff pages, the published view and in mails', async () => {
    const db = database.db;
    const manager = await actorFor(db, demo.shiminManager);
    const staff = await actorFor(db, demo.shiminStaff);
    const reform = await actorFor(db, demo.reform);
    const problems: MarkupProblem[] = [];
    const refused: string[] = [];
    const check = (html: string, payload: string, where: string, options?: { allowScripts?: boolean }) => {
      problems.push(...markupProblems(html, payload, where, options));
    };

    for (const [i, payload] of XSS_PAYLOADS.entries()) {
      const posted = await app.fetch('/send', { method: 'POST', body: voiceForm(payload), redirect: 'manual' });
      if (posted.status !== 302) {
        // A refusal must be a clean 400 page that shows the typed text back as text.
        expect(posted.status, `payload ${i} refused with ${posted.status}`).toBe(400);
        check(await posted.text(), payload, `#${i} refused send form`);
        refused.push(payload);
        continue;
      }
      const trackUrl = posted.headers.get('location')!;
      const token = trackUrl.slice('/track/'.length, trackUrl.indexOf('?'));
      const [voice] = await db.select().from(submissions).where(eq(submissions.trackingTokenHash, hashSecretToken(token)));
      expect(voice, `voice of payload ${i}`).toBeTruthy();

      // The reply (drafted by staff of the 課, approved by its 課長: issue #13 separates the two), the resident's rating, publication.
      const { replyId } = await draftReply(db, staff, { submissionId: voice!.id, kind: 'final', body: `回答: ${payload}` });
      const [draft] = await db.select().from(replies).where(eq(replies.id, replyId));
      const submitted = await submitReplyForApproval(db, staff, { replyId, version: draft!.version });
      await approveReply(db, manager, { replyId, version: submitted.version, comment: payload });
      const rated = await rateReply(db, voice!.id, { resolved: 'no', satisfaction: 1, comment: `評価: ${payload}` });
      expect(rated.ok).toBe(true);
      const [current] = await db.select({ version: submissions.version }).from(submissions).where(eq(submissions.id, voice!.id));
      await publishVoice(db, reform, { submissionId: voice!.id, version: current!.version, title: fits(payload, 100) ? payload : '公開', body: `公開本文 ${payload}`, reply: `公開回答 ${payload}` });

      check(await (await app.fetch(trackUrl)).text(), payload, `#${i} tracking page`);
      check(await (await app.fetch(trackUrl, { headers: { 'Accept-Language': 'en' } })).text(), payload, `#${i} tracking page (en)`);
      const staffPage = await get(app, `/staff/voices/${voice!.receiptNumber}`, reformCookie);
      expect(staffPage.status, `staff page of payload ${i}`).toBe(200);
      check(await staffPage.text(), payload, `#${i} staff voice page`);
      const published = await app.fetch(`/voices/${voice!.receiptNumber}`);
      expect(published.status).toBe(200);
      check(await published.text(), payload, `#${i} published voice`);

      const mails = await db.select().from(emailOutbox).where(and(eq(emailOutbox.submissionId, voice!.id)));
      expect(mails.length, `mails of payload ${i}`).toBeGreaterThanOrEqual(2);
      for (const mail of mails) {
        const rendered = await renderEmail(mail.template, mail.language, mail.payload, { appUrl: 'http://localhost:3000', cityName: '<b>さくら台市</b>', stopUrl: 'http://localhost:3000/mail/stop/x' });
        check(rendered.html, payload, `#${i} ${mail.template} mail`, { allowScripts: false });
        expect(rendered.subject, 'no line breaks in a subject').not.toMatch(/[\r\n]/);
        const outboxPage = await get(app, `/staff/outbox/${mail.id}`, reformCookie);
        if (outboxPage.status === 200) check(await outboxPage.text(), payload, `#${i} staff outbox view of ${mail.template}`);
      }
    }
    const list = await app.fetch('/voices');
    check(await list.text(), '', 'public list of voices');
    const home = await app.fetch('/');
    check(await home.text(), '', 'home page');
    const staffHome = await get(app, '/staff', reformCookie);
    check(await staffHome.text(), '', 'staff dashboard');

    expect(problems.map((p) => `${p.where}: ${p.problem}`).slice(0, 30)).toEqual([]);
    // Refusals are fine (a field rule), but most payloads must get through to be tested.
    expect(refused.length, `refused: ${refused.join(' | ')}`).toBeLessThan(XSS_PAYLOADS.length / 10);
  }, 600_000);
});
