import { integer, jsonb, pgTable, smallint, text, timestamp } from 'drizzle-orm/pg-core';
import { users } from './org';
import { translations } from './translations';

/**
 * One row (id = 1): the city's boundary, loaded by the admin from GeoJSON (e.g. 国土数値情報
 * 行政区域), kept as MultiPolygon coordinates in [lng, lat] order. A pin outside it tells the
 * resident who may be responsible, and lets staff refer the voice (移送) in one step.
 */
export const cityBoundary = pgTable('city_boundary', {
  id: smallint('id').primaryKey().default(1),
  coordinates: jsonb('coordinates').$type<[number, number][][][]>().notNull(),
  vertexCount: integer('vertex_count').notNull(),
  /** Shown to a resident whose pin is outside, e.g. "県道は○○県土木事務所、国道は国土交通省…". */
  outsideHintJa: text('outside_hint_ja').notNull(),
  outsideHintTranslations: translations('outside_hint_translations'),
  /** The destination the staff's one-step referral proposes (移送先). */
  referTo: text('refer_to').notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  updatedById: integer('updated_by_id').references(() => users.id),
});
