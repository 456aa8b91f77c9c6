import { mkdtempSync } from 'node:fs';
import { servedTranslationUrls } from '../../app/i18n/resources.server';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { and, eq, sql } from 'drizzle-orm';
import type { ServerBuild } from '@remix-run/node';
import sharp from 'sharp';
import {
  categories, departments, emailOutbox, improvementPhotos, improvementRecords, managementReviews, residentRequests, serviceCounters, submissionPhotos, submissions, users,
} from '../../db/schema/index';
import type { DatabaseHandle } from '../../db/client';
import { seedDemo, type DemoLogin } from '../../app/seed/seed.server';
import { roleHasPermission } from '../../app/auth/permissions';
import type { RouteAccess } from '../../app/auth/route-access';
import { issueUserToken, INVITE_TTL_MS, RESET_TTL_MS, UNLOCK_TTL_MS } from '../../app/auth/user-tokens.server';
import { createSubmission } from '../../app/domain/submissions.server';
import { newSecretToken } from '../../app/domain/secret-token.server';
import { signStopToken } from '../../app/email/stop-link.server';
import { photoStorageFor } from '../../app/storage/photo-storage.server';
import type { StaffRole } from '../../db/schema/enums';
import { createTestDatabase } from '../support/db';
import { createTestApp } from '../support/remix';
import { get, postForm, signIn } from '../support/staff-auth';
import { secretKeysFrom } from '../../app/secret-keys.server';

// The authorization matrix, generated from the app's route list: every route must declare
// its access, and every backoffice route is requested as a stranger and as every demo role.
// A new route without a rule, or a parameter without a sample value, fails this file.

type Principal = { key: string; role: StaffRole | null; departmentCode: string | null; cookie: string | null };
type RouteInfo = { id: string; path: string; params: string[]; access: RouteAccess | undefined; hasAction: boolean; hasLoader: boolean };

const DEPARTMENT_OF: Record<string, string | null> = {
  admin: 'somu-ka', reform: 'kikaku-chosei', mayor: null, auditor: 'somu-ka',
  manager: 'shimin', staff: 'shimin', 'doro-manager': 'doro', 'doro-staff': 'doro', 'kikaku-manager': 'kikaku-chosei',
};

function routeTable(build: ServerBuild): RouteInfo[] {
  const routes = Object.values(build.routes).filter((r) => r.id !== 'root');
  const hasChildren = new Set(routes.map((r) => r.parentId));
  const fullPath = (id: string): string => {
    const parts: string[] = [];
    for (let r = build.routes[id]; r && r.id !== 'root'; r = build.routes[r.parentId ?? '']) if (r.path) parts.unshift(r.path);
    return `/${parts.join('/')}`;
  };
  return routes
    .filter((r) => !hasChildren.has(r.id))
    .map((r) => {
      const path = fullPath(r.id);
      const mod = r.module as { handle?: { access?: RouteAccess }; action?: unknown; loader?: unknown };
      return {
        id: r.id,
        path,
        params: [...path.matchAll(/:(\w+)|(\*)/g)].map((m) => m[1] ?? '*'),
        access: mod.handle?.access,
        hasAction: typeof mod.action === 'function',
        hasLoader: typeof mod.loader === 'function',
      };
    });
}

describe('authorization matrix (every route × every role and a stranger)', () => {
  let database: DatabaseHandle;
  let app: Awaited<ReturnType<typeof createTestApp>>;
  let routes: RouteInfo[];
  let layouts: { id: string; access: RouteAccess | undefined }[];
  const principals: Principal[] = [];
  const samples: Record<string, (route: RouteInfo, who: Principal) => string> = {};

  beforeAll(async () => {
    database = await createTestDatabase();
    const { logins } = await seedDemo(database.db);
    app = await createTestApp(database, { DATA_DIR: mkdtempSync(path.join(os.tmpdir(), 'meyasu-authz-')) });
    routes = routeTable(app.build);
    layouts = Object.values(app.build.routes)
      .filter((r) => r.id !== 'root' && Object.values(app.build.routes).some((c) => c.parentId === r.id))
      .map((r) => ({ id: r.id, access: (r.module as { handle?: { access?: RouteAccess } }).handle?.access }));

    const db = database.db;
    const voiceIn = async (code: string) => {
      const [row] = await db.select({ receipt: submissions.receiptNumber }).from(submissions)
        .innerJoin(departments, eq(departments.id, submissions.departmentId)).where(eq(departments.code, code)).limit(1);
      return row!.receipt;
    };
    const shiminVoice = await voiceIn('shimin');
    const doroVoice = await voiceIn('doro');
    const kikakuVoice = await voiceIn('kikaku-chosei');
    const [anyUser] = await db.select({ id: users.id }).from(users).where(sql`lower(${users.email}) = 'shimin-staff@sakuradai.example.jp'`);
    const [anyDepartment] = await db.select({ id: departments.id }).from(departments).where(eq(departments.code, 'shimin'));
    const [anyCategory] = await db.select({ id: categories.id }).from(categories).where(eq(categories.code, 'koseki'));
    const [anyCounter] = await db.select({ id: serviceCounters.id, slug: serviceCounters.slug }).from(serviceCounters).limit(1);
    const [anyMail] = await db.select({ id: emailOutbox.id }).from(emailOutbox).limit(1);
    const [published] = await db.select({ receipt: submissions.receiptNumber }).from(submissions).where(sql`${submissions.publishedAt} is not null`).limit(1);
    const trackingToken = newSecretToken();
    const tracked = await createSubmission(db, {
      kind: 'question', channel: 'web', categoryId: anyCategory!.id, title: '確認用', body: '行列テストの投稿です。', language: 'ja',
      contact: null, replyWanted: false, consentToPublish: false,
    }, { trackingToken });
    const invitee = (await db.insert(users).values({ email: 'invitee@sakuradai.example.jp', displayName: '招待 中', role: 'staff', departmentId: anyDepartment!.id })
      .returning({ id: users.id }))[0]!;
    const invite = await issueUserToken(db, invitee.id, 'invite', INVITE_TTL_MS);
    const reset = await issueUserToken(db, anyUser!.id, 'password_reset', RESET_TTL_MS);
    const unlock = await issueUserToken(db, anyUser!.id, 'sign_in_unlock', UNLOCK_TTL_MS);
    // One stored photo on each sampled voice, for /staff/voices/:receiptNumber/photos/:photoId.
    const storage = photoStorageFor(app.config);
    const photoOf: Record<string, string> = {};
    // (The published voice's photo is published too, for /voices/:receiptNumber/photos/:photoId.)
    for (const receipt of [shiminVoice, doroVoice, kikakuVoice, published!.receipt]) {
      const [voice] = await db.select({ id: submissions.id }).from(submissions).where(eq(submissions.receiptNumber, receipt));
      const key = `submissions/test/matrix-${voice!.id}.png`;
      await storage.put(key, new Uint8Array(await sharp({ create: { width: 4, height: 3, channels: 3, background: '#888' } }).png().toBuffer()), 'image/png');
      const [photo] = await db.insert(submissionPhotos).values({
        submissionId: voice!.id, storageKey: key, mimeType: 'image/png', width: 4, height: 3, bytes: 1, published: receipt === published!.receipt,
      }).returning({ id: submissionPhotos.id });
      photoOf[receipt] = String(photo!.id);
    }
    // And one published photo on the demo's closed improvement record, for both photo routes of improvements.
    const [demoRecord] = await db.select({ id: improvementRecords.id }).from(improvementRecords).where(eq(improvementRecords.number, 'IR-2026-001'));
    await storage.put('improvements/test/matrix.png', new Uint8Array(await sharp({ create: { width: 4, height: 3, channels: 3, background: '#888' } }).png().toBuffer()), 'image/png');
    const [improvementPhoto] = await db.insert(improvementPhotos).values({
      recordId: demoRecord!.id, stage: 'check', label: 'after', caption: '行列テスト', storageKey: 'improvements/test/matrix.png',
      mimeType: 'image/png', width: 4, height: 3, bytes: 1, published: true,
    }).returning({ id: improvementPhotos.id });
    const [review] = await db.insert(managementReviews).values({ title: '行列テストのレビュー', periodStart: '2026-04-01', periodEnd: '2027-03-31' })
      .returning({ id: managementReviews.id });

    const [residentRequest] = await db.insert(residentRequests).values({
      kind: 'disclosure', status: 'approved', requesterName: '行列 テスト', receivedOn: '2026-12-01', decisionDue: '2026-12-31', submissionIds: [tracked.id],
    }).returning({ id: residentRequests.id });

    // One sample per parameter name; a route may need a value that depends on who asks.
    Object.assign(samples, {
      receiptNumber: (route: RouteInfo, who: Principal) =>
        route.path.startsWith('/staff')
          ? (who.departmentCode === 'doro' ? doroVoice : who.role === 'manager' && who.departmentCode === 'kikaku-chosei' ? kikakuVoice : shiminVoice)
          : published!.receipt,
      photoId: (route: RouteInfo, who: Principal) =>
        route.path.includes('/improvements/') ? String(improvementPhoto!.id) : photoOf[samples.receiptNumber!(route, who)]!,
      token: (route: RouteInfo) =>
        route.path.includes('invitation') ? invite.token
        : route.path.includes('reset-password') ? reset.token
        : route.path.includes('unlock') ? unlock.token
        : route.path.startsWith('/track') ? trackingToken
        : route.path.startsWith('/mail/stop') ? signStopToken(tracked.id, secretKeysFrom(app.config.SESSION_SECRET))
        : '',
      slug: () => anyCounter!.slug,
      userId: () => String(anyUser!.id),
      departmentId: () => String(anyDepartment!.id),
      categoryId: () => String(anyCategory!.id),
      counterId: () => String(anyCounter!.id),
      messageId: () => String(anyMail!.id),
      reviewId: () => String(review!.id),
      requestId: () => String(residentRequest!.id),
      format: () => 'json',
      // A translation file served by the app itself (a language the build does not hold).
      language: () => 'ja',
      file: () => servedTranslationUrls('ja', ['common']).common!.split('/').at(-1)!,
      // Improvement records (staff and public pages): the demo's closed record.
      number: () => 'IR-2026-001',
      '*': () => 'services.json',
    });

    principals.push({ key: 'anonymous', role: null, departmentCode: null, cookie: null });
    for (const login of logins as DemoLogin[]) {
      const [u] = await db.select({ role: users.role }).from(users).where(and(sql`lower(${users.email}) = ${login.email}`));
      principals.push({ key: login.role, role: u!.role, departmentCode: DEPARTMENT_OF[login.role] ?? null, cookie: await signIn(app, login.email, login.password) });
    }
  });

  function urlFor(route: RouteInfo, who: Principal): string {
    return route.path.replace(/:(\w+)|\*/g, (_, name: string | undefined) => {
      const sample = samples[name ?? '*'];
      if (!sample) throw new Error(`no sample value for :${name ?? '*'} in ${route.path}: add one to the table`);
      return encodeURIComponent(sample(route, who)).replace(/%2F/g, '/');
    });
  }

  it('has a rule for every route and a sample for every parameter', () => {
    const missing = [...routes, ...layouts].filter((r) => r.access === undefined).map((r) => r.id);
    expect(missing, 'routes without `export const handle = { access }`').toEqual([]);
    const unsampled = routes.flatMap((r) => r.params.filter((p) => !samples[p]).map((p) => `${r.path} (:${p})`));
    expect(unsampled, 'route parameters without a sample value').toEqual([]);
    expect(routes.filter((r) => r.path.startsWith('/staff')).length).toBeGreaterThan(20);
    expect(principals.map((p) => p.role)).toEqual(expect.arrayContaining([null, 'staff', 'manager', 'reform', 'mayor', 'auditor', 'admin']));
  });

  it('answers every backoffice page as the rules say, for every role and a stranger', async () => {
    const problems: string[] = [];
    for (const route of routes.filter((r) => r.path.startsWith('/staff') && r.hasLoader)) {
      for (const who of principals) {
        const url = urlFor(route, who);
        const response = await get(app, url, who.cookie ?? undefined);
        const location = response.headers.get('location') ?? '';
        const toLogin = response.status >= 300 && response.status < 400 && location.startsWith('/staff/login');
        const access = route.access!;
        let expected: string;
        let ok: boolean;
        if (access === 'public') {
          expected = '200 or a redirect';
          ok = response.status === 200 || (response.status >= 300 && response.status < 400);
        } else if (who.role === null) {
          expected = `redirect to /staff/login?redirectTo=${url}`;
          ok = toLogin && location === `/staff/login?${new URLSearchParams({ redirectTo: url })}`;
        } else if (access.permission && !roleHasPermission(who.role, access.permission)) {
          expected = '403';
          ok = response.status === 403;
        } else {
          expected = '200';
          ok = response.status === 200;
        }
        if (!ok) problems.push(`GET ${url} as ${who.key}: expected ${expected}, got ${response.status} ${location}`);
        await response.body?.cancel();
      }
    }
    expect(problems).toEqual([]);
  }, 240_000);

  it('guards every backoffice action the same way (a same-origin post with an empty form)', async () => {
    const problems: string[] = [];
    for (const route of routes.filter((r) => r.path.startsWith('/staff') && r.hasAction && r.access !== 'public')) {
      const access = route.access as Exclude<RouteAccess, 'public'>;
      for (const who of principals) {
        const url = urlFor(route, who);
        const response = await app.fetch(url, postForm({}, { cookie: who.cookie ?? undefined }));
        const location = response.headers.get('location') ?? '';
        let ok: boolean;
        let expected: string;
        if (who.role === null) {
          expected = 'redirect to sign-in';
          ok = response.status === 302 && location.startsWith('/staff/login');
        } else if (access.permission && !roleHasPermission(who.role, access.permission)) {
          expected = '403';
          ok = response.status === 403;
        } else {
          expected = 'a validation answer (400), never a write';
          ok = response.status === 400;
        }
        if (!ok) problems.push(`POST ${url} as ${who.key}: expected ${expected}, got ${response.status} ${location}`);
        await response.body?.cancel();
      }
    }
    expect(problems).toEqual([]);
  }, 240_000);

  it('refuses every backoffice post that does not prove it comes from our origin (CSRF), whoever is signed in', async () => {
    const problems: string[] = [];
    const forged: Record<string, Record<string, string>> = {
      'cross-site': { 'Sec-Fetch-Site': 'cross-site' },
      'same-site (another subdomain)': { 'Sec-Fetch-Site': 'same-site' },
      'no origin information at all': {},
    };
    for (const route of routes.filter((r) => r.path.startsWith('/staff') && r.hasAction)) {
      for (const who of [principals.find((p) => p.key === 'admin')!, principals.find((p) => p.key === 'reform')!]) {
        for (const [label, headers] of Object.entries(forged)) {
          const url = urlFor(route, who);
          const init = postForm({ intent: 'signOutEverywhere', email: 'x@example.jp', password: 'x' }, { cookie: who.cookie ?? undefined });
          const h = new Headers(init.headers);
          h.delete('Origin');
          h.delete('Sec-Fetch-Site');
          for (const [k, v] of Object.entries(headers)) h.set(k, v);
          const response = await app.fetch(url, { ...init, headers: h });
          if (response.status !== 403) problems.push(`POST ${url} (${label}) as ${who.key}: expected 403, got ${response.status}`);
          await response.body?.cancel();
        }
      }
    }
    expect(problems).toEqual([]);
    // The sessions used above are all still valid: nothing was signed out by the forged posts.
    for (const who of principals.filter((p) => p.cookie)) expect((await get(app, '/staff', who.cookie!)).status, who.key).toBe(200);
  }, 240_000);

  it('serves the public site to everyone, signed in or not', async () => {
    const problems: string[] = [];
    for (const route of routes.filter((r) => !r.path.startsWith('/staff') && r.access === 'public' && r.hasLoader)) {
      for (const who of principals.filter((p) => p.role === null || p.key === 'admin')) {
        const url = urlFor(route, who);
        const response = await get(app, url, who.cookie ?? undefined);
        const location = response.headers.get('location') ?? '';
        // The catch-all route (any URL no other route claims) is the 404 page, for everyone.
        if (route.id === 'routes/not-found') {
          if (response.status !== 404) problems.push(`GET ${url} as ${who.key}: expected 404, got ${response.status}`);
        } else if (response.status >= 400 || location.startsWith('/staff/login')) problems.push(`GET ${url} as ${who.key}: ${response.status} ${location}`);
        await response.body?.cancel();
      }
    }
    expect(problems).toEqual([]);
  });
});
