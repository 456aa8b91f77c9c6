// Plain geometry on longitude/latitude, enough for a city: is a point inside the boundary,
// how far apart are two points, which grid cell holds a point. GeoJSON order throughout
// ([longitude, latitude]); a city is small enough for a flat plane in degrees for
// point-in-polygon, and distances use the haversine formula.

/** A ring: closed or not, [lng, lat] pairs. */
type Ring = [number, number][];
/** A polygon: the outer ring first, then its holes. */
export type Polygon = Ring[];
/** The city's boundary, always kept as a MultiPolygon's coordinates (one polygon or many: islands, exclaves). */
export type MultiPolygon = Polygon[];

/**
 * Ray casting: a horizontal ray from the point crosses the ring's edges an odd number of
 * times when it is inside. Points exactly on an edge or a vertex count as inside (a pin on
 * the boundary road belongs to the city as much as to its neighbour).
 */
function pointInRing(lng: number, lat: number, ring: Ring): boolean {
  let inside = false;
  const n = ring.length;
  for (let i = 0, j = n - 1; i < n; j = i++) {
    const [xi, yi] = ring[i]!;
    const [xj, yj] = ring[j]!;
    if (onSegment(lng, lat, xi, yi, xj, yj)) return true;
    if ((yi > lat) !== (yj > lat) && lng < ((xj - xi) * (lat - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

function onSegment(px: number, py: number, ax: number, ay: number, bx: number, by: number): boolean {
  const cross = (bx - ax) * (py - ay) - (by - ay) * (px - ax);
  if (Math.abs(cross) > 1e-12) return false;
  return px >= Math.min(ax, bx) - 1e-12 && px <= Math.max(ax, bx) + 1e-12 && py >= Math.min(ay, by) - 1e-12 && py <= Math.max(ay, by) + 1e-12;
}

/** Inside the outer ring and not strictly inside any hole (a hole's edge still counts as inside). */
export function pointInPolygon(lng: number, lat: number, polygon: Polygon): boolean {
  const [outer, ...holes] = polygon;
  if (!outer || !pointInRing(lng, lat, outer)) return false;
  return !holes.some((hole) => pointInRing(lng, lat, hole) && !onRing(lng, lat, hole));
}

function onRing(lng: number, lat: number, ring: Ring): boolean {
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    if (onSegment(lng, lat, ring[i]![0], ring[i]![1], ring[j]![0], ring[j]![1])) return true;
  }
  return false;
}

export function pointInMultiPolygon(lng: number, lat: number, multi: MultiPolygon): boolean {
  return multi.some((polygon) => pointInPolygon(lng, lat, polygon));
}

/** Great-circle distance in metres (haversine, mean Earth radius). */
export function distanceMeters(a: { lat: number; lng: number }, b: { lat: number; lng: number }): number {
  const R = 6_371_008.8;
  const rad = Math.PI / 180;
  const dLat = (b.lat - a.lat) * rad;
  const dLng = (b.lng - a.lng) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLng / 2) ** 2;
  return 2 * R * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** The [west, south, east, north] box around a boundary. */
export function boundingBox(multi: MultiPolygon): [number, number, number, number] {
  let w = Infinity; let s = Infinity; let e = -Infinity; let n = -Infinity;
  for (const polygon of multi) for (const [lng, lat] of polygon[0] ?? []) {
    w = Math.min(w, lng); e = Math.max(e, lng); s = Math.min(s, lat); n = Math.max(n, lat);
  }
  return [w, s, e, n];
}

/**
 * The grid cell of about `meters` on a side that holds a point: latitude steps are fixed
 * (1° ≈ 111.32 km); longitude steps are sized at the cell's latitude band, so cells stay
 * nearly square across Japan. Returns the cell's south-west corner and its centre.
 */
export function gridCell(lat: number, lng: number, meters: number): { key: string; south: number; west: number; centerLat: number; centerLng: number } {
  const latStep = meters / 111_320;
  const row = Math.floor(lat / latStep);
  const bandLat = (row + 0.5) * latStep;
  const lngStep = meters / (111_320 * Math.cos((bandLat * Math.PI) / 180));
  const col = Math.floor(lng / lngStep);
  const south = row * latStep;
  const west = col * lngStep;
  return { key: `${row}:${col}`, south, west, centerLat: south + latStep / 2, centerLng: west + lngStep / 2 };
}

/** The cell of gridCell by its row and column (as counted in SQL by hot-spots.server.ts). */
export function cellFromIndex(row: number, col: number, meters: number): { south: number; west: number; north: number; east: number; centerLat: number; centerLng: number } {
  const latStep = meters / 111_320;
  const bandLat = (row + 0.5) * latStep;
  const lngStep = meters / (111_320 * Math.cos((bandLat * Math.PI) / 180));
  const south = row * latStep;
  const west = col * lngStep;
  return { south, west, north: south + latStep, east: west + lngStep, centerLat: south + latStep / 2, centerLng: west + lngStep / 2 };
}
