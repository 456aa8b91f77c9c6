import { data, type LoaderFunctionArgs } from '@remix-run/node';
import type { RouteAccess } from '~/auth/route-access';
import { photoResponse, readPublicPhoto } from '~/domain/voice-photos.server';
import { photoStorageFor } from '~/storage/photo-storage.server';

// A photo staff chose to publish, of a published voice (?size=thumb for its thumbnail).
// Anything else — not chosen, voice not (or no longer) published, another voice's photo, a
// guessed id — is the same 404.
export const handle = { access: 'public' } satisfies { access: RouteAccess };

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const photoId = /^\d{1,9}$/.test(params.photoId ?? '') ? Number(params.photoId) : null;
  const size = new URL(request.url).searchParams.get('size') === 'thumb' ? 'thumb' : 'full';
  const photo = photoId === null ? null : await readPublicPhoto(context.db, photoStorageFor(context.config), {
    receiptNumber: params.receiptNumber ?? '',
    photoId,
    size,
  });
  if (!photo) throw data(null, { status: 404, headers: { 'Cache-Control': 'no-store' } });
  // Revalidated on every use: a photo taken off the public pages must not linger in caches.
  return photoResponse(photo, 'no-cache');
}
