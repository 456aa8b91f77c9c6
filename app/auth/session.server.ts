import { redirect, type AppLoadContext } from '@remix-run/node';
import type { Config } from '~/config.server';
import { requestLanguage, serverT } from '~/i18n/resources.server';
import { assertSameOrigin } from '~/security/csrf.server';
import { roleHasPermission, type Permission } from './permissions';
import { findSession, SESSION_ABSOLUTE_MS, type SessionRecord } from './session-store.server';
import { totpPolicyApplies } from './totp-policy.server';

export { createSession, deleteSession } from './session-store.server';

/** The signed-in member of staff, as every backoffice loader and action sees them. */
export type StaffUser = Omit<SessionRecord['user'], 'totpEnabled'>;

type GuardContext = Pick<AppLoadContext, 'db' | 'config'>;

// ---- the cookie --------------------------------------------------------------------------

/** Secure only when the app is served over https, so the local http demo still signs in. */
export function isSecureDeployment(config: Pick<Config, 'APP_URL'>): boolean {
  return config.APP_URL.startsWith('https:');
}

/** __Host- pins the cookie to our host and path / (browsers accept it only with Secure). */
function sessionCookieName(config: Pick<Config, 'APP_URL'>): string {
  return isSecureDeployment(config) ? '__Host-meyasu_session' : 'meyasu_session';
}

export function sessionCookie(config: Pick<Config, 'APP_URL'>, token: string): string {
  const secure = isSecureDeployment(config) ? '; Secure' : '';
  return `${sessionCookieName(config)}=${token}; Path=/; HttpOnly; SameSite=Lax; Max-Age=${SESSION_ABSOLUTE_MS / 1000}${secure}`;
}

export function clearedSessionCookie(config: Pick<Config, 'APP_URL'>): string {
  const secure = isSecureDeployment(config) ? '; Secure' : '';
  return `${sessionCookieName(config)}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0${secure}`;
}

export function readSessionToken(request: Request, config: Pick<Config, 'APP_URL'>): string | null {
  const header = request.headers.get('cookie');
  if (!header) return null;
  const name = sessionCookieName(config);
  for (const part of header.split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key === name) {
      const value = rest.join('=');
      return /^[A-Za-z0-9_-]{43}$/.test(value) ? value : null;
    }
  }
  return null;
}

// ---- reading the session -----------------------------------------------------------------

export interface SessionState {
  token: string;
  record: SessionRecord;
  user: StaffUser;
  /** Password accepted, but the TOTP step is still to do. */
  awaitingSecondFactor: boolean;
}

function toStaffUser(record: SessionRecord): StaffUser {
  const { id, email, displayName, role, departmentId, language } = record.user;
  return { id, email, displayName, role, departmentId, language };
}

/** The session of a request, whether or not its second step is done. */
export async function getSessionState(request: Request, context: GuardContext): Promise<SessionState | null> {
  const token = readSessionToken(request, context.config);
  if (!token) return null;
  const record = await findSession(context.db, token);
  if (!record) return null;
  return {
    token,
    record,
    user: toStaffUser(record),
    awaitingSecondFactor: record.user.totpEnabled && record.secondFactorAt === null,
  };
}

function loginPath(request: Request): string {
  const url = new URL(request.url);
  const here = url.pathname + url.search;
  return `/staff/login?${new URLSearchParams({ redirectTo: here })}`;
}

/** Paths a user who must still enrol TOTP may reach. */
const ENROLMENT_PATHS = new Set(['/staff/profile/totp', '/staff/logout']);

/**
 * The signed-in user, or a redirect to the sign-in page (and back here afterwards).
 * A state-changing request must also come from our own origin (CSRF), so every backoffice
 * action that calls this is protected without further code.
 */
export async function requireUser(request: Request, context: GuardContext): Promise<StaffUser> {
  assertSameOrigin(request, context.config);
  const state = await getSessionState(request, context);
  if (!state) throw redirect(loginPath(request));
  if (state.awaitingSecondFactor) {
    throw redirect(`/staff/login/totp?${new URLSearchParams({ redirectTo: new URL(request.url).pathname })}`);
  }
  if (!state.record.user.totpEnabled && !ENROLMENT_PATHS.has(new URL(request.url).pathname)
    && (await totpPolicyApplies(context.db, state.user.role))) {
    throw redirect('/staff/profile/totp?required=1');
  }
  return state.user;
}

/** A translated 403 page (the staff layout's error boundary renders it). */
export function forbidden(request: Request): Response {
  const t = serverT(requestLanguage(request), 'staff');
  return new Response(t('forbidden.body'), { status: 403, headers: { 'Content-Type': 'text/plain; charset=utf-8' } });
}

/** A 404 that does not reveal whether the thing exists in another 課. */
export function notFound(request: Request): Response {
  const t = serverT(requestLanguage(request), 'staff');
  return new Response(t('notFound.body'), { status: 404, headers: { 'Content-Type': 'text/plain; charset=utf-8' } });
}

/** The signed-in user holding `permission`; anonymous → sign-in, lacking it → 403. */
export async function requireUserWithPermission(request: Request, context: GuardContext, permission: Permission): Promise<StaffUser> {
  const user = await requireUser(request, context);
  if (!roleHasPermission(user.role, permission)) throw forbidden(request);
  return user;
}

export function userHasPermission(user: Pick<StaffUser, 'role'>, permission: Permission): boolean {
  return roleHasPermission(user.role, permission);
}
