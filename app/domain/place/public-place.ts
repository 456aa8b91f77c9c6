import { gridCell } from './geometry';

// Where a published voice is said to be, for anyone: the centre of the ~200 m grid cell that
// holds the pin. Every pin in a cell shows the same point, so the published place says the
// neighbourhood and never the resident's doorstep (rounding to decimals alone would still move
// with the pin and leave it within ~50 m). Used by /voices/… and by Open311 GET for callers
// other than the app that sent the request.

const PUBLIC_PLACE_GRID_METERS = 200;

export function publicPlace(lat: number | null, lng: number | null): { lat: number; lng: number } | null {
  if (lat === null || lng === null) return null;
  const cell = gridCell(lat, lng, PUBLIC_PLACE_GRID_METERS);
  return { lat: Math.round(cell.centerLat * 1e5) / 1e5, lng: Math.round(cell.centerLng * 1e5) / 1e5 };
}
