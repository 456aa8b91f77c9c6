import { describe, expect, it } from 'vitest';
import { parseCityBoundary } from '../../app/domain/place/city-boundary';
import { distanceMeters, gridCell, pointInMultiPolygon, pointInPolygon, type Polygon } from '../../app/domain/place/geometry';
import { demoBoundary } from '../../app/seed/demo-boundary';

// Whether a pin is in the city decides what the resident is told and whether staff are
// offered the one-step referral, so the edges of the test matter: holes, islands, edges.

const square = (x0: number, y0: number, x1: number, y1: number): [number, number][] => [[x0, y0], [x1, y0], [x1, y1], [x0, y1], [x0, y0]];

describe('point in polygon', () => {
  const withHole: Polygon = [square(0, 0, 10, 10), square(4, 4, 6, 6)];

  it('is inside the outer ring and outside it', () => {
    expect(pointInPolygon(1, 1, withHole)).toBe(true);
    expect(pointInPolygon(11, 5, withHole)).toBe(false);
    expect(pointInPolygon(-0.0001, 5, withHole)).toBe(false);
  });

  it('is outside inside a hole (a lake, or another city enclosed by this one), inside on the hole’s edge', () => {
    expect(pointInPolygon(5, 5, withHole)).toBe(false);
    expect(pointInPolygon(4, 5, withHole)).toBe(true);
    expect(pointInPolygon(3.999, 5, withHole)).toBe(true);
  });

  it('counts a point on the outer edge or a vertex as inside', () => {
    expect(pointInPolygon(0, 5, withHole)).toBe(true);
    expect(pointInPolygon(10, 10, withHole)).toBe(true);
    expect(pointInPolygon(5, 0, withHole)).toBe(true);
  });

  it('is not fooled by a ray passing through a vertex, nor by a concave shape', () => {
    // A "C" opening to the east: the notch is outside.
    const c: Polygon = [[[0, 0], [10, 0], [10, 3], [3, 3], [3, 7], [10, 7], [10, 10], [0, 10], [0, 0]]];
    expect(pointInPolygon(5, 5, c)).toBe(false);
    expect(pointInPolygon(1, 5, c)).toBe(true);
    expect(pointInPolygon(5, 3.0001, c)).toBe(false);
    // A diamond: the horizontal ray from (−1, 5) passes exactly through the vertex (0, 5).
    const diamond: Polygon = [[[5, 0], [10, 5], [5, 10], [0, 5], [5, 0]]];
    expect(pointInPolygon(-1, 5, diamond)).toBe(false);
    expect(pointInPolygon(5, 5, diamond)).toBe(true);
    expect(pointInPolygon(9, 9, diamond)).toBe(false);
  });

  it('accepts an unclosed ring the same as a closed one', () => {
    expect(pointInPolygon(5, 5, [[[0, 0], [10, 0], [10, 10], [0, 10]]])).toBe(true);
  });

  it('is inside a multipolygon when inside any of its polygons (islands, exclaves)', () => {
    const islands = [[square(0, 0, 1, 1)], [square(5, 5, 6, 6)]];
    expect(pointInMultiPolygon(0.5, 0.5, islands)).toBe(true);
    expect(pointInMultiPolygon(5.5, 5.5, islands)).toBe(true);
    expect(pointInMultiPolygon(3, 3, islands)).toBe(false);
    expect(pointInMultiPolygon(3, 3, [])).toBe(false);
  });

  it('puts the demo map centre inside さくら台市 and a point 1 km west outside', () => {
    expect(pointInMultiPolygon(139.7017, 35.6581, demoBoundary)).toBe(true);
    expect(pointInMultiPolygon(139.69, 35.6581, demoBoundary)).toBe(false);
  });
});

describe('distances and grid cells', () => {
  it('measures metres between two points', () => {
    // One thousandth of a degree of latitude is about 111 m.
    expect(distanceMeters({ lat: 35.658, lng: 139.7 }, { lat: 35.659, lng: 139.7 })).toBeCloseTo(111.2, 0);
    expect(distanceMeters({ lat: 35.658, lng: 139.7 }, { lat: 35.658, lng: 139.7 })).toBe(0);
  });

  it('puts nearby points in one ~500 m cell and far ones in others; cells are about square', () => {
    const a = gridCell(35.6581, 139.7017, 500);
    expect(gridCell(35.6582, 139.7018, 500).key).toBe(a.key);
    expect(gridCell(35.6681, 139.7017, 500).key).not.toBe(a.key);
    const height = distanceMeters({ lat: a.south, lng: a.west }, { lat: a.south + 500 / 111_320, lng: a.west });
    const width = 2 * distanceMeters({ lat: a.centerLat, lng: a.west }, { lat: a.centerLat, lng: a.centerLng });
    expect(height).toBeCloseTo(500, -1);
    expect(width).toBeCloseTo(500, -1);
  });
});

describe('the boundary an admin loads (GeoJSON)', () => {
  const polygon = { type: 'Polygon', coordinates: [square(139.69, 35.64, 139.73, 35.68)] };

  it('accepts a Polygon, a MultiPolygon, a Feature and a FeatureCollection, all as one multipolygon', () => {
    expect(parseCityBoundary(JSON.stringify(polygon))).toMatchObject({ ok: true, vertices: 5 });
    const multi = { type: 'MultiPolygon', coordinates: [polygon.coordinates, [square(139.8, 35.6, 139.81, 35.61)]] };
    expect(parseCityBoundary(JSON.stringify(multi))).toMatchObject({ ok: true, vertices: 10 });
    const feature = { type: 'Feature', properties: { N03_004: 'さくら台市' }, geometry: polygon };
    expect(parseCityBoundary(JSON.stringify(feature))).toMatchObject({ ok: true });
    const collection = { type: 'FeatureCollection', features: [feature, { ...feature, geometry: multi }] };
    const parsed = parseCityBoundary(JSON.stringify(collection));
    expect(parsed.ok && parsed.boundary.length).toBe(3);
  });

  it('refuses what is not a boundary, each with its own message', () => {
    expect(parseCityBoundary('{"type": "Polygon",')).toEqual({ ok: false, error: 'place:boundary.errors.notJson' });
    expect(parseCityBoundary('[1, 2]')).toEqual({ ok: false, error: 'place:boundary.errors.notGeoJson' });
    expect(parseCityBoundary(JSON.stringify({ type: 'Point', coordinates: [139.7, 35.6] }))).toEqual({ ok: false, error: 'place:boundary.errors.notPolygon' });
    expect(parseCityBoundary(JSON.stringify({ type: 'FeatureCollection', features: [] }))).toEqual({ ok: false, error: 'place:boundary.errors.notPolygon' });
    expect(parseCityBoundary(JSON.stringify({ type: 'Polygon', coordinates: [[[139.7, 35.6], [139.8, 35.6], [139.7, 35.6]]] })))
      .toEqual({ ok: false, error: 'place:boundary.errors.ringTooShort' });
    expect(parseCityBoundary(JSON.stringify({ type: 'Polygon', coordinates: [[['a', 35.6]]] }))).toEqual({ ok: false, error: 'place:boundary.errors.coordinates' });
    expect(parseCityBoundary(JSON.stringify({ type: 'Polygon', coordinates: [square(200, 35, 201, 36)] }))).toEqual({ ok: false, error: 'place:boundary.errors.coordinates' });
  });

  it('says so when latitude and longitude are the wrong way round', () => {
    expect(parseCityBoundary(JSON.stringify({ type: 'Polygon', coordinates: [square(35.64, 139.69, 35.68, 139.73)] })))
      .toEqual({ ok: false, error: 'place:boundary.errors.swapped' });
  });
});
