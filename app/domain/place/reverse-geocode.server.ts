// The optional reverse geocoder (MAP_REVERSE_GEOCODE_URL): asked by our server, so the send
// page's Content-Security-Policy names no third party and the resident's browser talks to us
// only. Any failure — unreachable, slow past the timeout, an answer we cannot read — is just
// "no suggestion": the place text stays the resident's to write.

export interface GeocoderConfig { MAP_REVERSE_GEOCODE_URL?: string | undefined; MAP_REVERSE_GEOCODE_TIMEOUT_MS: number }

const MAX_CACHED = 500;
const cache = new Map<string, string | null>();

/** A place name from the answers of common geocoders: 地理院 (results.lv01Nm), Nominatim (display_name), or {address}. */
function placeNameFrom(answer: unknown): string | null {
  if (!answer || typeof answer !== 'object') return null;
  const a = answer as { results?: { lv01Nm?: unknown }; display_name?: unknown; address?: unknown };
  const name = [a.results?.lv01Nm, a.display_name, a.address].find((v): v is string => typeof v === 'string' && v.trim() !== '' && v.trim() !== '−');
  return name ? name.trim().slice(0, 200) : null;
}

export async function reverseGeocode(config: GeocoderConfig, lat: number, lng: number): Promise<string | null> {
  const template = config.MAP_REVERSE_GEOCODE_URL;
  if (!template) return null;
  // About 10 m: pins that close share one answer (and one outbound request).
  const key = `${lat.toFixed(4)},${lng.toFixed(4)}`;
  if (cache.has(key)) return cache.get(key)!;
  const url = template.replace('{lat}', lat.toFixed(6)).replace('{lng}', lng.toFixed(6));
  let name: string | null = null;
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(config.MAP_REVERSE_GEOCODE_TIMEOUT_MS), headers: { Accept: 'application/json' } });
    if (!response.ok) return null;
    name = placeNameFrom(await response.json());
  } catch {
    return null; // not cached: the geocoder may be back for the next pin
  }
  if (cache.size >= MAX_CACHED) cache.delete(cache.keys().next().value!);
  cache.set(key, name);
  return name;
}
