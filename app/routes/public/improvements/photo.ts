import { data, type LoaderFunctionArgs } from '@remix-run/node';
import type { RouteAccess } from '~/auth/route-access';
import { readImprovementPhoto } from '~/domain/improvements/photos.server';
import { photoResponse } from '~/domain/voice-photos.server';
import { photoStorageFor } from '~/storage/photo-storage.server';

// A before/after photo staff chose to publish, of a published (closed, not archived)
// improvement record. Anything else — not chosen, record not public, another record's photo,
// a guessed id — is the same 404.
export const handle = { access: 'public' } satisfies { access: RouteAccess };

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const photoId = /^\d{1,9}$/.test(params.photoId ?? '') ? Number(params.photoId) : null;
  const size = new URL(request.url).searchParams.get('size') === 'thumb' ? 'thumb' : 'full';
  const photo = photoId === null ? null : await readImprovementPhoto(context.db, photoStorageFor(context.config), {
    number: params.number ?? '', photoId, size, public: true,
  });
  if (!photo) throw data(null, { status: 404, headers: { 'Cache-Control': 'no-store' } });
  // Revalidated on every use: a photo taken off the public page must not linger in caches.
  return photoResponse(photo, 'no-cache');
}
