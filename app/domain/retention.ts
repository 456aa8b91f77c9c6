import { fiscalYearOf } from './fiscal-year';
import { maskPersonalData, type ResidentName } from './masking';
import { japanTimeOn } from '~/japan-time';

// Retention periods as data (docs/decisions/retention-and-erasure.md): one row of city
// settings, read by the erasure job (retention.server.ts) and by the /privacy page, so the
// page states exactly what runs.

export interface RetentionSettings {
  /** Voices and replies: the fiscal year of receipt, then this many more years. */
  voiceYears: number;
  /** Contact details (and names inside the texts): this many months after the voice closed. */
  contactMonths: number;
  /** Photos and their stored files: this many months after the voice closed. */
  photoMonths: number;
  /** Audit log entries: the fiscal year they were written in, then this many more years. */
  auditYears: number;
  /** Mail in the outbox (recipient and body): this many days after it was settled. */
  mailDays: number;
}

export const DEFAULT_RETENTION: RetentionSettings = { voiceYears: 5, contactMonths: 12, photoMonths: 12, auditYears: 5, mailDays: 90 };

/** Limits of each setting (the admin form's schema uses them). */
export const RETENTION_LIMITS = {
  voiceYears: [1, 30],
  contactMonths: [1, 360],
  photoMonths: [1, 360],
  auditYears: [1, 30],
  mailDays: [7, 3650],
} as const satisfies Record<keyof RetentionSettings, readonly [number, number]>;

export interface RetentionCutoffs {
  /** Voices received before this instant are past their period (start of a fiscal year, Japan time). */
  voicesReceivedBefore: Date;
  /** Contact details of voices closed before this instant are past their period. */
  contactsClosedBefore: Date;
  /** Photos of voices closed before this instant are past their period. */
  photosClosedBefore: Date;
  /** Audit entries written before this instant are past their period. */
  auditBefore: Date;
  /** Mail settled before this instant is past its period. */
  mailBefore: Date;
}

/** April 1 of a fiscal year, 00:00 Japan time. */
export function fiscalYearStart(fiscalYear: number): Date {
  return new Date(japanTimeOn(`${String(fiscalYear).padStart(4, '0')}-04-01`));
}

function monthsBefore(instant: Date, months: number): Date {
  const result = new Date(instant);
  result.setUTCMonth(result.getUTCMonth() - months);
  return result;
}

/**
 * What has expired at `now`. A voice received in 年度 F is kept through 年度 F + voiceYears
 * ("受け付けた年度の翌年度から5年間") and erased from April 1 of F + voiceYears + 1 on.
 */
export function retentionCutoffs(settings: RetentionSettings, now: Date): RetentionCutoffs {
  const currentYear = fiscalYearOf(now);
  return {
    voicesReceivedBefore: fiscalYearStart(currentYear - settings.voiceYears),
    contactsClosedBefore: monthsBefore(now, settings.contactMonths),
    photosClosedBefore: monthsBefore(now, settings.photoMonths),
    auditBefore: fiscalYearStart(currentYear - settings.auditYears),
    mailBefore: new Date(now.getTime() - settings.mailDays * 86_400_000),
  };
}

/** Replaces every string inside a JSON value (timeline data) with what `mask` makes of it. */
export function maskJsonStrings(value: unknown, mask: (text: string) => string): unknown {
  if (typeof value === 'string') return mask(value);
  if (Array.isArray(value)) return value.map((item) => maskJsonStrings(item, mask));
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, maskJsonStrings(item, mask)]));
  }
  return value;
}

export interface ResidentContactForErasure extends ResidentName {
  email?: string | null;
  phone?: string | null;
  address?: string | null;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * The masking used for publication (masking.ts: e-mail addresses, phone numbers, postcodes and
 * the resident's name), plus the resident's own address, e-mail and phone exactly as they gave
 * them (an address has no pattern of its own).
 */
export function eraseContactFromText(text: string, contact: ResidentContactForErasure | null | undefined): string {
  let result = text;
  for (const [value, label] of [[contact?.address, '［住所］'], [contact?.email, '［メールアドレス］'], [contact?.phone, '［電話番号］']] as const) {
    const trimmed = value?.trim();
    if (trimmed && Array.from(trimmed).length >= 4) result = result.replace(new RegExp(escapeRegExp(trimmed), 'g'), label);
  }
  return maskPersonalData(result, contact);
}
