import { z } from 'zod';
// Dates in mail are read in Japan whatever the server's time zone.
import { japanDateFormat, japanInstant } from '~/japan-time';


export const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date like 2026-11-21');
/** An instant as JSON carries it (a Date becomes an ISO string in jsonb). */
export const isoDateTime = z.string().refine((v) => !Number.isNaN(Date.parse(v)), 'must be a date and time');
/** A path inside the app ("/staff/…"); the host is added at send time. */
export const appPath = z.string().regex(/^\/(?!\/)/, 'must be a path starting with /');
export const text = z.string().trim().min(1);
/** A link given whole (https://…) or as a path of this app. */
export const urlOrPath = z.union([z.string().url(), appPath]);

export function formatDate(value: string, language: string): string {
  return japanDateFormat(language, { dateStyle: 'long' }).format(japanInstant(value));
}

export function formatDateTime(value: string, language: string): string {
  return japanDateFormat(language, {
    year: 'numeric', month: 'long', day: 'numeric', hour: 'numeric', minute: '2-digit', timeZoneName: 'short',
  }).format(japanInstant(value));
}

/** Joins a path to APP_URL, keeping a base path such as https://city.example.jp/meyasu/. */
export function absoluteUrl(appUrl: string, path: string): string {
  return new URL(path.replace(/^\/+/, ''), appUrl.endsWith('/') ? appUrl : `${appUrl}/`).toString();
}

export function resolveLink(appUrl: string, link: string): string {
  return link.startsWith('/') ? absoluteUrl(appUrl, link) : link;
}

export function trackingUrl(appUrl: string, token: string): string {
  return absoluteUrl(appUrl, `/track/${encodeURIComponent(token)}`);
}
