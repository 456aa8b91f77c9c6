// What the browser needs to draw a map: the tile URL template, its attribution and where to
// start. Read from the configuration (MAP_TILE_URL …); null when the map is turned off.

export interface MapSettings {
  tileUrl: string;
  attribution: string;
  attributionUrl: string;
  center: [number, number];
}

export function mapSettingsFrom(config: { MAP_TILE_URL: string; MAP_TILE_ATTRIBUTION: string; MAP_TILE_ATTRIBUTION_URL: string; MAP_CENTER: string }): MapSettings | null {
  if (config.MAP_TILE_URL === 'off') return null;
  const [lat, lng] = config.MAP_CENTER.split(',').map(Number);
  return { tileUrl: config.MAP_TILE_URL, attribution: config.MAP_TILE_ATTRIBUTION, attributionUrl: config.MAP_TILE_ATTRIBUTION_URL, center: [lat!, lng!] };
}

/** The origin the Content-Security-Policy must allow images from, when a map is configured. */
export function mapImageOrigins(config: { MAP_TILE_URL: string }): string[] {
  if (config.MAP_TILE_URL === 'off') return [];
  return [new URL(config.MAP_TILE_URL.replace(/[{}]/g, '')).origin];
}

/** A point in degrees, checked: latitude −90…90, longitude −180…180. */
export function isValidLatLng(lat: number, lng: number): boolean {
  return Number.isFinite(lat) && Number.isFinite(lng) && Math.abs(lat) <= 90 && Math.abs(lng) <= 180;
}

/**
 * A place made approximate for the public: rounded to a grid of about 100 m (3 decimals of
 * latitude ≈ 111 m), so a published voice shows the neighbourhood, never a resident's doorstep.
 */
export function approximatePlace(lat: number, lng: number, decimals = 3): { lat: number; lng: number } {
  const f = 10 ** decimals;
  return { lat: Math.round(lat * f) / f, lng: Math.round(lng * f) / f };
}
