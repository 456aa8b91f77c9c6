import { randomBytes } from 'node:crypto';
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Database } from '#db/client';
import {
  apiClients, categories, cityClosedDays, citySettings, departments, improvementActions, improvementRecordEvents,
  improvementRecordSubmissions, improvementRecords, replies, replyTemplates, serviceCounters, submissionEvents,
  submissions, users,
} from '#db/schema/index';
import { hashPassword } from '~/auth/password.server';
import { YEAR_END_CLOSURE } from '~/domain/business-days';
import { createSubmission } from '~/domain/submissions.server';
import { newSecretToken } from '~/domain/secret-token.server';
import { issueApiKey } from '~/open311/api-keys.server';
import { seedCityBoundary } from './demo-boundary';
import { demoCategories, demoCity, demoCounters, demoDepartments, demoStaff } from './demo-city';
import { demoVoices } from './demo-voices';

export interface DemoLogin {
  role: string;
  email: string;
  password: string;
}

const DAY = 24 * 60 * 60 * 1000;

/** Readable but strong: 4 groups of 4 from an alphabet without look-alikes (≈ 79 bits). */
function generatePassword(): string {
  const alphabet = 'abcdefghjkmnpqrstuvwxyz23456789';
  const bytes = randomBytes(16);
  const chars = Array.from(bytes, (b) => alphabet[b % alphabet.length]);
  return [0, 4, 8, 12].map((i) => chars.slice(i, i + 4).join('')).join('-');
}

/** The organisation: city, calendar, 部 and 課, categories, counters, templates. Idempotent. */
export async function seedOrganisation(db: Database): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.insert(citySettings).values({ id: 1, ...demoCity }).onConflictDoNothing();
    await seedCityBoundary(tx);
    const [{ closed }] = (await tx.select({ closed: sql<number>`count(*)::int` }).from(cityClosedDays)) as [{ closed: number }];
    if (closed === 0) {
      await tx.insert(cityClosedDays).values(YEAR_END_CLOSURE.map((d) => ({
        kind: 'annual' as const, month: d.month, day: d.day, labelJa: '年末年始休業', labelTranslations: { en: 'Year-end closure' },
      })));
    }
    let order = 0;
    for (const bu of demoDepartments) {
      const [buRow] = await tx.insert(departments)
        .values({ code: bu.code, level: 'bu', nameJa: bu.ja, nameTranslations: { en: bu.en }, sortOrder: order++ })
        .onConflictDoUpdate({ target: departments.code, set: { nameJa: bu.ja } })
        .returning({ id: departments.id });
      for (const ka of bu.ka) {
        await tx.insert(departments)
          .values({ code: ka.code, level: 'ka', parentId: buRow!.id, nameJa: ka.ja, nameTranslations: { en: ka.en }, isReformTeam: !!ka.reform, sortOrder: order++ })
          .onConflictDoNothing({ target: departments.code });
      }
    }
    const deptIds = new Map((await tx.select({ id: departments.id, code: departments.code }).from(departments)).map((d) => [d.code, d.id]));
    for (const [i, c] of demoCategories.entries()) {
      await tx.insert(categories)
        .values({ code: c.code, nameJa: c.ja, nameTranslations: { en: c.en }, defaultDepartmentId: deptIds.get(c.department)!, replyTargetDays: c.days, sortOrder: i })
        .onConflictDoNothing({ target: categories.code });
    }
    for (const c of demoCounters) {
      await tx.insert(serviceCounters)
        .values({ slug: c.slug, nameJa: c.ja, nameTranslations: { en: c.en }, departmentId: deptIds.get(c.department)!,
          locationJa: c.locationJa, locationTranslations: { en: c.locationEn } })
        .onConflictDoNothing({ target: serviceCounters.slug });
    }
    const [{ templates }] = (await tx.select({ templates: sql<number>`count(*)::int` }).from(replyTemplates)) as [{ templates: number }];
    if (templates === 0) {
      const cat = new Map((await tx.select({ id: categories.id, code: categories.code }).from(categories)).map((c) => [c.code, c.id]));
      await tx.insert(replyTemplates).values([
        { categoryId: cat.get('doro')!, title: '現地確認のうえ対応', body: 'このたびはご連絡をいただき、ありがとうございます。\n担当職員が現地を確認し、〔対応内容〕を行いました。\n今後とも安全な道路の維持に努めてまいります。' },
        { categoryId: cat.get('koseki')!, title: '窓口手続きのご案内', body: 'お問い合わせいただき、ありがとうございます。\n〔手続き名〕は、市民課窓口（本庁舎1階）で受け付けています。\n受付時間は平日8時30分から17時15分までです。' },
        { categoryId: null, title: 'ご意見へのお礼（共通）', body: '貴重なご意見をお寄せいただき、ありがとうございます。\nいただいたご意見は担当課で共有し、今後の業務改善に生かしてまいります。' },
      ]);
    }
  });
}

/** Staff accounts, one per role; passwords are generated only for accounts created now. */
async function seedStaff(db: Database): Promise<DemoLogin[]> {
  const created: DemoLogin[] = [];
  const deptIds = new Map((await db.select({ id: departments.id, code: departments.code }).from(departments)).map((d) => [d.code, d.id]));
  for (const person of demoStaff) {
    const [existing] = await db.select({ id: users.id }).from(users).where(sql`lower(${users.email}) = ${person.email}`);
    if (existing) continue;
    const password = generatePassword();
    await db.insert(users).values({
      email: person.email,
      displayName: person.name,
      role: person.role,
      departmentId: person.department ? deptIds.get(person.department)! : null,
      passwordHash: await hashPassword(password),
    });
    created.push({ role: person.key, email: person.email, password });
  }
  return created;
}

/** 30+ voices across kinds, channels and statuses, with replies, publications and one improvement. */
async function seedVoices(db: Database, now = new Date()): Promise<number> {
  const cat = new Map((await db.select({ id: categories.id, code: categories.code }).from(categories)).map((c) => [c.code, c.id]));
  const staffByKey = new Map<string, number>();
  for (const person of demoStaff) {
    const [row] = await db.select({ id: users.id }).from(users).where(sql`lower(${users.email}) = ${person.email}`);
    if (row) staffByKey.set(person.key, row.id);
  }
  const reformId = staffByKey.get('reform')!;
  const mayorId = staffByKey.get('mayor')!;
  const ids: number[] = [];
  let createdCount = 0;
  for (const [index, voice] of demoVoices.entries()) {
    const receivedAt = new Date(now.getTime() - voice.daysAgo * DAY - (index % 7) * 3_600_000);
    const result = await createSubmission(db, {
      kind: voice.kind,
      channel: voice.channel,
      categoryId: cat.get(voice.category) ?? null,
      title: voice.title,
      body: voice.body,
      language: /[ぁ-んァ-ン一-龯]/.test(voice.body) ? 'ja' : 'en',
      placeText: voice.placeText ?? null,
      postcode: voice.postcode ?? null,
      contact: voice.contact ?? null,
      replyWanted: !!voice.contact,
      consentToPublish: !!voice.consent,
      enteredById: ['phone', 'fax', 'counter', 'letter'].includes(voice.channel) ? reformId : null,
    }, { trackingToken: newSecretToken(), idempotencyKey: `seed:voice:${index}`, now: receivedAt });
    ids.push(result.id);
    if (result.replayed) continue;
    createdCount += 1;
    await applyDemoProgress(db, result.id, index, voice, ids, { receivedAt, reformId, mayorId, staffByKey });
  }
  if (createdCount > 0) await seedImprovement(db, ids, { reformId, now });
  return createdCount;
}

async function applyDemoProgress(
  db: Database, id: number, index: number, voice: (typeof demoVoices)[number], ids: number[],
  ctx: { receivedAt: Date; reformId: number; mayorId: number; staffByKey: Map<string, number> },
) {
  const at = (hours: number) => new Date(ctx.receivedAt.getTime() + hours * 3_600_000);
  await db.transaction(async (tx) => {
    const events: (typeof submissionEvents.$inferInsert)[] = [];
    const changes: Partial<typeof submissions.$inferInsert> = { status: voice.status };
    if (voice.status !== 'received') {
      events.push({ submissionId: id, at: at(2), actorUserId: ctx.reformId, type: 'status', visibility: 'public', data: { to: 'triaged' } });
    }
    if (['in_progress', 'answered', 'closed'].includes(voice.status)) {
      events.push({ submissionId: id, at: at(4), actorUserId: ctx.reformId, type: 'status', visibility: 'public', data: { to: 'in_progress' } });
    }
    if (voice.reply) {
      const sentAt = at(72);
      const [sub] = await tx.select({ dep: submissions.departmentId }).from(submissions).where(eq(submissions.id, id));
      const author = sub?.dep ? await tx.select({ id: users.id }).from(users).where(and(eq(users.departmentId, sub.dep), eq(users.role, 'staff'))) : [];
      const approver = sub?.dep ? await tx.select({ id: users.id }).from(users).where(and(eq(users.departmentId, sub.dep), eq(users.role, 'manager'))) : [];
      await tx.insert(replies).values({
        submissionId: id, kind: 'final', status: 'sent', body: voice.reply,
        authorId: author[0]?.id ?? ctx.reformId, approverId: approver[0]?.id ?? ctx.reformId,
        submittedAt: at(48), decidedAt: at(60), sentAt, createdAt: at(24),
      });
      events.push({ submissionId: id, at: sentAt, actorUserId: ctx.reformId, type: 'reply_sent', visibility: 'public', data: {} });
      if (voice.status === 'closed') {
        changes.closedAt = at(96);
        events.push({ submissionId: id, at: at(96), actorUserId: ctx.reformId, type: 'status', visibility: 'public', data: { to: 'closed' } });
      }
      if (voice.publish) {
        Object.assign(changes, { publishedAt: at(100), publishedTitle: voice.title, publishedBody: voice.body, publishedReply: voice.reply });
      }
    }
    if (voice.mergedInto !== undefined) {
      changes.mergedIntoId = ids[voice.mergedInto]!;
      events.push({ submissionId: id, at: at(3), actorUserId: ctx.reformId, type: 'merged', visibility: 'public', data: { into: ids[voice.mergedInto] } });
    }
    if (voice.referredTo) {
      changes.referredTo = voice.referredTo;
      events.push({ submissionId: id, at: at(5), actorUserId: ctx.reformId, type: 'referred', visibility: 'public', data: { to: voice.referredTo } });
    }
    if (voice.notActionableReason) {
      changes.notActionableReason = voice.notActionableReason;
      events.push({ submissionId: id, at: at(5), actorUserId: ctx.reformId, type: 'not_actionable', visibility: 'public', data: { reason: voice.notActionableReason } });
    }
    if (voice.hiddenReason) {
      changes.hiddenReason = voice.hiddenReason;
      events.push({ submissionId: id, at: at(1), actorUserId: ctx.reformId, type: 'hidden', visibility: 'internal', data: { reason: voice.hiddenReason } });
    }
    if (voice.mayorReviewed) {
      Object.assign(changes, { mayorReviewedAt: at(20), mayorReviewedById: ctx.mayorId });
      events.push({ submissionId: id, at: at(20), actorUserId: ctx.mayorId, type: 'mayor_reviewed', visibility: 'internal', data: {} });
    }
    if (index === 0) {
      events.push({ submissionId: id, at: at(21), actorUserId: ctx.mayorId, type: 'mayor_instruction', visibility: 'internal',
        data: { text: '月曜午前の混雑は以前からの課題。窓口体制の見直しを改善記録で進めるように。' } });
    }
    await tx.update(submissions).set(changes).where(eq(submissions.id, id));
    if (events.length > 0) await tx.insert(submissionEvents).values(events);
  });
}

async function seedImprovement(db: Database, ids: number[], ctx: { reformId: number; now: Date }) {
  const [shimin] = await db.select({ id: departments.id }).from(departments).where(eq(departments.code, 'shimin'));
  const [existing] = await db.select({ id: improvementRecords.id }).from(improvementRecords).where(inArray(improvementRecords.number, ['IR-2026-001']));
  if (existing || !shimin) return;
  const closedAt = new Date(ctx.now.getTime() - 5 * DAY);
  await db.transaction(async (tx) => {
    const [record] = await tx.insert(improvementRecords).values({
      number: 'IR-2026-001',
      title: '市民課窓口の待ち時間の見える化',
      type: 'corrective', findingClass: 'nonconformity', level: 'operations', source: 'voice', stage: 'closed',
      ownerDepartmentId: shimin.id,
      problemStatement: '月曜午前に市民課窓口の待ち時間が1時間を超え、呼び出し状況もわからないという声が続いた。',
      immediateCorrection: '月曜午前に臨時窓口を1つ開設。',
      causeAnalysis: 'なぜなぜ分析：転入手続きが月曜午前に集中 → 窓口数が固定 → 混雑予測を使っていなかった。',
      effectiveness: 'effective', effectivenessEvidence: '月曜午前の平均待ち時間 62分 → 24分。窓口アンケートの「速さ」 2.4 → 3.9。',
      checkedAt: closedAt, checkedById: ctx.reformId,
      standardisation: '窓口業務手順書に混雑時の臨時窓口開設基準を追記。', closedAt,
      publicSummaryJa: '待ち人数と目安時間を表示するモニターを設置し、混雑する月曜午前は窓口を増やしました。平均待ち時間は62分から24分に短くなりました。',
      publicSummaryTranslations: { en: 'We installed a display of queue length and expected waiting time, and open an extra counter on busy Monday mornings. The average wait fell from 62 to 24 minutes.' },
      createdById: ctx.reformId,
    }).returning({ id: improvementRecords.id });
    await tx.insert(improvementRecordSubmissions).values([ids[0]!, ids[1]!].map((submissionId) => ({ recordId: record!.id, submissionId })));
    await tx.insert(improvementActions).values([
      { recordId: record!.id, description: '待ち人数表示モニターの設置', ownerDepartmentId: shimin.id, doneAt: closedAt, evidence: '設置完了写真・稼働ログ' },
      { recordId: record!.id, description: '混雑時の臨時窓口開設基準を手順書に追記', ownerDepartmentId: shimin.id, doneAt: closedAt, evidence: '業務手順書 第3版' },
    ]);
    await tx.insert(improvementRecordEvents).values({ recordId: record!.id, actorUserId: ctx.reformId, type: 'closed', data: {} });
  });
}

/** One Open311 client for the demo; the plain api_key exists only in this return value. */
async function seedOpen311Client(db: Database): Promise<string | undefined> {
  const [existing] = await db.select({ id: apiClients.id }).from(apiClients).where(eq(apiClients.name, DEMO_API_CLIENT));
  if (existing) return undefined;
  const [admin] = await db.select({ id: users.id }).from(users).where(eq(users.role, 'admin'));
  return (await issueApiKey(db, DEMO_API_CLIENT, admin?.id ?? null)).apiKey;
}

const DEMO_API_CLIENT = 'デモ用アプリ (demo app)';

/** Everything the demo needs; safe to run again (creates only what is missing). */
// `now` places the demo voices in time; tests that freeze the clock pass theirs so the
// demo's due dates sit where the test expects them, whatever day the suite runs.
export async function seedDemo(db: Database, now = new Date()): Promise<{ logins: DemoLogin[]; voicesCreated: number; open311ApiKey?: string }> {
  await seedOrganisation(db);
  const logins = await seedStaff(db);
  const voicesCreated = await seedVoices(db, now);
  const open311ApiKey = await seedOpen311Client(db);
  return { logins, voicesCreated, ...(open311ApiKey ? { open311ApiKey } : {}) };
}
