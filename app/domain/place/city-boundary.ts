import { z } from 'zod';
import type { Translations } from '~/i18n/city-text';
import type { MultiPolygon, Polygon } from './geometry';

// The city's boundary as the admin pastes it: GeoJSON, as 国土数値情報「行政区域」 and most GIS
// tools export it — a Polygon or MultiPolygon geometry, a Feature holding one, or a
// FeatureCollection of them (a city with islands comes as several features). Everything is
// kept as one MultiPolygon. Each refusal is a translation key of the `place` namespace.

const MAX_VERTICES = 200_000;
const position = z.tuple([z.number(), z.number()]).rest(z.number());
const ring = z.array(position);
const polygonCoordinates = z.array(ring);
// A plain union, not discriminatedUnion: the schema also runs in the browser, and every zod
// class used there lands in the chunk the residents' send page loads too.
const geometry = z.union([
  z.object({ type: z.literal('Polygon'), coordinates: polygonCoordinates }),
  z.object({ type: z.literal('MultiPolygon'), coordinates: z.array(polygonCoordinates) }),
]);
const anyGeometry = z.object({ type: z.string() }).passthrough();
const feature = z.object({ type: z.literal('Feature'), geometry: anyGeometry.nullable() });
const collection = z.object({ type: z.literal('FeatureCollection'), features: z.array(feature) });

export type BoundaryParse = { ok: true; boundary: MultiPolygon; vertices: number } | { ok: false; error: string };

function geometriesOf(value: unknown): unknown[] | null {
  const c = collection.safeParse(value);
  if (c.success) return c.data.features.map((f) => f.geometry).filter((g) => g !== null);
  const f = feature.safeParse(value);
  if (f.success) return f.data.geometry ? [f.data.geometry] : [];
  const g = anyGeometry.safeParse(value);
  return g.success ? [g.data] : null;
}

/** Parses and checks pasted GeoJSON text; the result is the boundary in [lng, lat] order. */
export function parseCityBoundary(text: string): BoundaryParse {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { ok: false, error: 'place:boundary.errors.notJson' };
  }
  const geometries = geometriesOf(value);
  if (!geometries) return { ok: false, error: 'place:boundary.errors.notGeoJson' };
  const polygons: Polygon[] = [];
  for (const g of geometries) {
    const parsed = geometry.safeParse(g);
    if (!parsed.success) {
      const type = (g as { type?: unknown }).type;
      return { ok: false, error: type === 'Polygon' || type === 'MultiPolygon' ? 'place:boundary.errors.coordinates' : 'place:boundary.errors.notPolygon' };
    }
    const list = parsed.data.type === 'Polygon' ? [parsed.data.coordinates] : parsed.data.coordinates;
    for (const p of list) polygons.push(p.map((r) => r.map(([lng, lat]) => [lng, lat] as [number, number])));
  }
  if (polygons.length === 0) return { ok: false, error: 'place:boundary.errors.notPolygon' };
  let vertices = 0;
  for (const polygon of polygons) {
    if (polygon.length === 0) return { ok: false, error: 'place:boundary.errors.ringTooShort' };
    for (const r of polygon) {
      // A closed ring repeats its first point: a triangle has four positions.
      if (r.length < 4) return { ok: false, error: 'place:boundary.errors.ringTooShort' };
      vertices += r.length;
      for (const [lng, lat] of r) {
        if (!Number.isFinite(lng) || !Number.isFinite(lat) || Math.abs(lng) > 180 || Math.abs(lat) > 90) {
          return { ok: false, error: Math.abs(lat) > 90 && Math.abs(lng) <= 90 ? 'place:boundary.errors.swapped' : 'place:boundary.errors.coordinates' };
        }
      }
    }
  }
  if (vertices > MAX_VERTICES) return { ok: false, error: 'place:boundary.errors.tooLarge' };
  return { ok: true, boundary: polygons, vertices };
}

/**
 * The admin screen's form: the GeoJSON text and what residents and staff are told about places
 * outside. The hint's translations (`outsideHint:en`…) are added by the route with
 * withTranslations (routes/staff/ui/form-schema.ts), which the domain may not import.
 */
export const cityBoundaryFormSchema = z.object({
  geojson: z.string().trim().min(1, 'place:boundary.errors.required').max(6_000_000, 'place:boundary.errors.tooLarge'),
  outsideHintJa: z.string().trim().min(1, 'place:boundary.errors.hintRequired').max(500, 'place:boundary.errors.hintTooLong'),
  referTo: z.string().trim().min(1, 'place:boundary.errors.referToRequired').max(200, 'place:boundary.errors.hintTooLong'),
});
export type CityBoundaryForm = z.infer<typeof cityBoundaryFormSchema> & { outsideHintTranslations: Translations };
