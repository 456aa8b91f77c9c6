import { eq } from 'drizzle-orm';
import type { Database } from '#db/client';
import { cityBoundary } from '#db/schema/index';
import { recordAudit, type AuditActor } from '~/audit/audit.server';
import { cleanTranslations, localText, type Translations } from '~/i18n/city-text';
import { supportedLanguages } from '~/i18n/resources.server';
import { cachedRead, forgetCachedReads } from '~/utils/read-cache.server';
import { boundingBox, pointInMultiPolygon, type MultiPolygon } from './geometry';
import { parseCityBoundary, type CityBoundaryForm } from './city-boundary';

// The city's boundary: loaded by the admin (audited), read by the send form's place check,
// the tracking page and the staff voice page. Kept in the per-process read cache: it changes
// once in years and can be a few thousand vertices.

export interface CityBoundary {
  coordinates: MultiPolygon;
  vertexCount: number;
  outsideHintJa: string;
  outsideHintTranslations: Translations;
  referTo: string;
  updatedAt: Date;
}

export function getCityBoundary(db: Database): Promise<CityBoundary | null> {
  return cachedRead(db, 'city-boundary', async () => {
    const [row] = await db.select().from(cityBoundary).where(eq(cityBoundary.id, 1));
    return row ?? null;
  });
}

export type SaveBoundaryResult = { ok: true; vertices: number } | { ok: false; errors: { geojson: string } };

/** Replaces the boundary and its texts; refused GeoJSON changes nothing. */
export async function saveCityBoundary(db: Database, form: CityBoundaryForm, actor: AuditActor): Promise<SaveBoundaryResult> {
  const parsed = parseCityBoundary(form.geojson);
  if (!parsed.ok) return { ok: false, errors: { geojson: parsed.error } };
  const values = {
    coordinates: parsed.boundary, vertexCount: parsed.vertices, outsideHintJa: form.outsideHintJa,
    outsideHintTranslations: cleanTranslations(form.outsideHintTranslations, supportedLanguages()), referTo: form.referTo, updatedAt: new Date(), updatedById: actor.userId,
  };
  await db.transaction(async (tx) => {
    await tx.insert(cityBoundary).values({ id: 1, ...values }).onConflictDoUpdate({ target: cityBoundary.id, set: values });
    // The geometry itself is not copied into the log: its size and box say what was loaded.
    await recordAudit(tx, {
      ...actor, action: 'city.boundary', entityType: 'city', entityId: 1,
      details: { polygons: parsed.boundary.length, vertices: parsed.vertices, bbox: boundingBox(parsed.boundary), referTo: form.referTo },
    });
  });
  forgetCachedReads(db);
  return { ok: true, vertices: parsed.vertices };
}

export interface PlaceCheck {
  /** False also when no boundary has been loaded: nothing is claimed without one. */
  outside: boolean;
  hint: string | null;
  referTo: string | null;
}

/** Whether a pin lies outside the city, with what the resident is told then. */
function checkPlace(boundary: CityBoundary | null, lat: number, lng: number, language: string): PlaceCheck {
  if (!boundary || pointInMultiPolygon(lng, lat, boundary.coordinates)) return { outside: false, hint: null, referTo: null };
  const hint = localText(language, boundary.outsideHintJa, boundary.outsideHintTranslations);
  return { outside: true, hint, referTo: boundary.referTo };
}

export async function checkPlaceIn(db: Database, lat: number, lng: number, language: string): Promise<PlaceCheck> {
  return checkPlace(await getCityBoundary(db), lat, lng, language);
}
