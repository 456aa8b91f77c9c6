import { sql } from 'drizzle-orm';
import {
  boolean, date, integer, pgTable, smallint, text, timestamp, uniqueIndex, index, type AnyPgColumn,
} from 'drizzle-orm/pg-core';
import { closedDayKind, departmentLevel, staffRole, tokenPurpose } from './enums';
import { translations } from './translations';

const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();

/** One row (id = 1): the city this installation serves. */
export const citySettings = pgTable('city_settings', {
  id: smallint('id').primaryKey().default(1),
  nameJa: text('name_ja').notNull(),
  nameTranslations: translations('name_translations'),
  promiseJa: text('promise_ja').notNull(),
  promiseTranslations: translations('promise_translations'),
  defaultReplyTargetDays: smallint('default_reply_target_days').notNull().default(10),
  requireTotpForAdminAndMayor: boolean('require_totp_for_admin_and_mayor').notNull().default(false),
  /** Separation of duties: a 課長 may approve (決裁) a reply they wrote only if this is on (audited). */
  allowSelfApproval: boolean('allow_self_approval').notNull().default(false),
  // Retention periods (docs/decisions/retention-and-erasure.md). The erasure job and the
  // /privacy page both read them, so the page never promises something else than what runs.
  /** Voices and replies: kept through the fiscal year of receipt and this many more years. */
  retentionVoiceYears: smallint('retention_voice_years').notNull().default(5),
  /** Contact details: erased this many months after the voice is closed (or with the voice). */
  retentionContactMonths: smallint('retention_contact_months').notNull().default(12),
  /** Photos (and their stored files): erased this many months after the voice is closed. */
  retentionPhotoMonths: smallint('retention_photo_months').notNull().default(12),
  /** Audit log entries: kept this many years after the fiscal year they were written in. */
  retentionAuditYears: smallint('retention_audit_years').notNull().default(5),
  /** Mail in the outbox: recipient and body erased this many days after it was settled. */
  retentionMailDays: smallint('retention_mail_days').notNull().default(90),
  // How residents reach the city hall other than this site (shown with the "not for
  // emergencies" notice and on the accessibility page). Empty: not shown.
  contactPhone: text('contact_phone').notNull().default(''),
  contactFax: text('contact_fax').notNull().default(''),
  officeHoursJa: text('office_hours_ja').notNull().default(''),
  officeHoursTranslations: translations('office_hours_translations'),
  afterHoursPhone: text('after_hours_phone').notNull().default(''),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/** Days the city hall is closed besides weekends and national holidays (12/29–1/3, 慰霊の日 …). */
export const cityClosedDays = pgTable('city_closed_days', {
  id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
  kind: closedDayKind('kind').notNull(),
  month: smallint('month'),
  day: smallint('day'),
  date: date('date'),
  labelJa: text('label_ja').notNull(),
  labelTranslations: translations('label_translations'),
});

/** 部 (bureau, level bu) and 課 (section, level ka). Items are routed to 課. */
export const departments = pgTable('departments', {
  id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
  code: text('code').notNull().unique(),
  level: departmentLevel('level').notNull(),
  parentId: integer('parent_id').references((): AnyPgColumn => departments.id),
  nameJa: text('name_ja').notNull(),
  nameTranslations: translations('name_translations'),
  isReformTeam: boolean('is_reform_team').notNull().default(false),
  sortOrder: integer('sort_order').notNull().default(0),
  active: boolean('active').notNull().default(true),
});

export const categories = pgTable('categories', {
  id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
  code: text('code').notNull().unique(),
  nameJa: text('name_ja').notNull(),
  nameTranslations: translations('name_translations'),
  defaultDepartmentId: integer('default_department_id').references(() => departments.id),
  replyTargetDays: smallint('reply_target_days').notNull().default(10),
  sortOrder: integer('sort_order').notNull().default(0),
  active: boolean('active').notNull().default(true),
});

/** Reply templates per category keep answers consistent across handlers. */
export const replyTemplates = pgTable('reply_templates', {
  id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
  categoryId: integer('category_id').references(() => categories.id),
  language: text('language').notNull().default('ja'),
  title: text('title').notNull(),
  body: text('body').notNull(),
  active: boolean('active').notNull().default(true),
});

/** 窓口: a service counter residents rate through a QR-code survey. */
export const serviceCounters = pgTable('service_counters', {
  id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
  slug: text('slug').notNull().unique(),
  nameJa: text('name_ja').notNull(),
  nameTranslations: translations('name_translations'),
  departmentId: integer('department_id').notNull().references(() => departments.id),
  locationJa: text('location_ja'),
  locationTranslations: translations('location_translations'),
  active: boolean('active').notNull().default(true),
});

export const users = pgTable('users', {
  id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
  email: text('email').notNull(),
  displayName: text('display_name').notNull(),
  role: staffRole('role').notNull(),
  departmentId: integer('department_id').references(() => departments.id),
  passwordHash: text('password_hash'),
  totpSecret: text('totp_secret'),
  totpEnabledAt: timestamp('totp_enabled_at', { withTimezone: true }),
  // The 30-second time step of the last accepted code: a code is never accepted twice.
  totpLastStep: integer('totp_last_step'),
  language: text('language').notNull().default('ja'),
  disabledAt: timestamp('disabled_at', { withTimezone: true }),
  createdAt: createdAt(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [uniqueIndex('users_email_lower_idx').on(sql`lower(${t.email})`)]);

/** Server-side sessions: the cookie carries a random id, the table keeps only its SHA-256. */
export const sessions = pgTable('sessions', {
  idHash: text('id_hash').primaryKey(),
  userId: integer('user_id').notNull().references(() => users.id),
  createdAt: createdAt(),
  lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull().defaultNow(),
  expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  secondFactorAt: timestamp('second_factor_at', { withTimezone: true }),
  ip: text('ip'),
  userAgent: text('user_agent'),
}, (t) => [index('sessions_user_idx').on(t.userId), index('sessions_expires_idx').on(t.expiresAt)]);

/** Single-use links for invitations and password resets (hashed, expiring). */
export const userTokens = pgTable('user_tokens', {
  id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
  userId: integer('user_id').notNull().references(() => users.id),
  purpose: tokenPurpose('purpose').notNull(),
  tokenHash: text('token_hash').notNull().unique(),
  expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  usedAt: timestamp('used_at', { withTimezone: true }),
  createdAt: createdAt(),
});

/** Open311 client applications; only a hash of each api_key is kept. */
export const apiClients = pgTable('api_clients', {
  id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
  name: text('name').notNull(),
  keyHash: text('key_hash').notNull().unique(),
  keyPrefix: text('key_prefix').notNull(),
  createdById: integer('created_by_id').references(() => users.id),
  createdAt: createdAt(),
  revokedAt: timestamp('revoked_at', { withTimezone: true }),
});
