import type { LoaderFunctionArgs } from '@remix-run/node';
import type { RouteAccess } from '~/auth/route-access';
import { isValidLatLng } from '~/domain/map-settings';
import { checkPlaceIn } from '~/domain/place/city-boundary.server';
import { reverseGeocode } from '~/domain/place/reverse-geocode.server';
import { rule } from '~/security/public-limits.server';
import { consumeLimit } from '~/security/rate-limit.server';
import { requestLanguage } from '~/i18n/resources.server';

// What the send form's map asks when a pin is dropped (`/send/place?lat=…&lng=…`): is it
// outside the city, and what is the resident told then. Answered by our own server so the
// boundary (possibly megabytes) never goes to the browser and the page's CSP stays tight.
// With MAP_REVERSE_GEOCODE_URL set it also suggests a place name (at most 60 look-ups per IP
// in 10 minutes, and MAP_REVERSE_GEOCODE_LIMIT for the whole city: each one is a request to
// someone else's service).
export const handle = { access: 'public' } satisfies { access: RouteAccess };

const headers = { 'Cache-Control': 'no-store' };

export async function loader({ request, context }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  const latText = url.searchParams.get('lat');
  const lngText = url.searchParams.get('lng');
  // Nothing asked, nothing claimed.
  if (latText === null && lngText === null) return Response.json({ outside: false, hint: null }, { headers });
  const lat = Number(latText);
  const lng = Number(lngText);
  if (!latText || !lngText || !isValidLatLng(lat, lng)) return Response.json({ error: 'lat and lng must be a point in degrees' }, { status: 400, headers });
  const [place, address] = await Promise.all([checkPlaceIn(context.db, lat, lng, requestLanguage(request)), suggestedAddress(context, lat, lng)]);
  return Response.json({ outside: place.outside, hint: place.hint, address }, { headers });
}

async function suggestedAddress(context: LoaderFunctionArgs['context'], lat: number, lng: number): Promise<string | null> {
  if (!context.config.MAP_REVERSE_GEOCODE_URL) return null;
  const perIp = await consumeLimit(context.db, { keyPrefix: 'citizen-geocode-ip', points: 60, durationSeconds: 600 }, context.clientIp);
  if (!perIp.allowed) return null;
  const cityWide = await consumeLimit(context.db, rule('citizen-geocode-all', context.config.MAP_REVERSE_GEOCODE_LIMIT, '600/600'), 'all');
  return cityWide.allowed ? reverseGeocode(context.config, lat, lng) : null;
}
