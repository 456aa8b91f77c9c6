import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Config } from '~/config.server';
import { isSecureDeployment } from './session.server';

// The "device cookie" of OWASP's answer to lockout as denial of service: a browser in which
// a person signed in successfully carries a signed note of it. Sign-in attempts that come
// with it are throttled on their own (per account and device), so failures by anyone else —
// from another address, or from the whole city hall behind one NAT — do not keep the owner
// out. It opens nothing by itself: the password (and second factor) are still asked for.

export interface KnownDevice {
  userId: number;
  deviceId: string;
  issuedAt: number;
}

const MAX_ENTRIES = 5;
const DEVICE_COOKIE_MAX_AGE_SECONDS = 180 * 24 * 60 * 60;

function sign(body: string, key: Buffer): string {
  return createHmac('sha256', key).update(body).digest('base64url');
}

function deviceCookieName(config: Pick<Config, 'APP_URL'>): string {
  return isSecureDeployment(config) ? '__Host-meyasu_device' : 'meyasu_device';
}

function cookieValue(header: string | null, name: string): string | null {
  if (!header) return null;
  for (const part of header.split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === name) return v.join('=');
  }
  return null;
}

/** The devices this browser proved, newest first; a tampered or expired cookie counts for nothing. */
export function readKnownDevices(request: Request, config: Pick<Config, 'APP_URL' | 'keys'>, now = new Date()): KnownDevice[] {
  const value = cookieValue(request.headers.get('cookie'), deviceCookieName(config));
  if (!value) return [];
  const dot = value.lastIndexOf('.');
  if (dot <= 0) return [];
  const body = value.slice(0, dot);
  const expected = Buffer.from(sign(body, config.keys.deviceCookies));
  const given = Buffer.from(value.slice(dot + 1));
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return [];
  const oldest = now.getTime() / 1000 - DEVICE_COOKIE_MAX_AGE_SECONDS;
  return body.split('~').flatMap((entry) => {
    const [user, deviceId, issued] = entry.split(':');
    const userId = Number(user);
    const issuedAt = Number(issued);
    if (!Number.isSafeInteger(userId) || !deviceId || !/^[A-Za-z0-9_-]{16,64}$/.test(deviceId) || !(issuedAt > oldest)) return [];
    return [{ userId, deviceId, issuedAt }];
  });
}

/** The Set-Cookie header that adds (or renews) this person in this browser's device cookie. */
export function rememberDevice(request: Request, config: Pick<Config, 'APP_URL' | 'keys'>, userId: number, now = new Date()): string {
  const known = readKnownDevices(request, config, now);
  const mine = known.find((d) => d.userId === userId);
  const entry: KnownDevice = { userId, deviceId: mine?.deviceId ?? randomBytes(16).toString('base64url'), issuedAt: Math.floor(now.getTime() / 1000) };
  const entries = [entry, ...known.filter((d) => d.userId !== userId)].slice(0, MAX_ENTRIES);
  const body = entries.map((d) => `${d.userId}:${d.deviceId}:${d.issuedAt}`).join('~');
  const secure = isSecureDeployment(config) ? '; Secure' : '';
  return `${deviceCookieName(config)}=${body}.${sign(body, config.keys.deviceCookies)}; Path=/; HttpOnly; SameSite=Lax; Max-Age=${DEVICE_COOKIE_MAX_AGE_SECONDS}${secure}`;
}
