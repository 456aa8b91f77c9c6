import type { LoaderFunctionArgs } from '@remix-run/node';
import type { RouteAccess } from '~/auth/route-access';
import { notFound, requireUserWithPermission } from '~/auth/session.server';
import { readImprovementPhoto } from '~/domain/improvements/photos.server';
import { photoResponse } from '~/domain/voice-photos.server';
import { photoStorageFor } from '~/storage/photo-storage.server';

// One photo of an improvement record (?size=thumb for its thumbnail), for staff who may read
// improvement records. A photo of another record or an unknown id: 404.
export const handle = { access: { signedIn: true, permission: 'improvement:read' } } satisfies { access: RouteAccess };

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  await requireUserWithPermission(request, context, 'improvement:read');
  const photoId = /^\d{1,9}$/.test(params.photoId ?? '') ? Number(params.photoId) : null;
  const size = new URL(request.url).searchParams.get('size') === 'thumb' ? 'thumb' : 'full';
  const photo = photoId === null ? null : await readImprovementPhoto(context.db, photoStorageFor(context.config), {
    number: params.number ?? '', photoId, size, public: false,
  });
  if (!photo) {
    const missing = notFound(request);
    missing.headers.set('Cache-Control', 'no-store');
    throw missing;
  }
  return photoResponse(photo);
}
