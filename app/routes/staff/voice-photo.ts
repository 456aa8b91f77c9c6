import type { LoaderFunctionArgs } from '@remix-run/node';
import type { RouteAccess } from '~/auth/route-access';
import { notFound, requireUserWithPermission } from '~/auth/session.server';
import { photoResponse, readVisiblePhoto } from '~/domain/voice-photos.server';
import { photoStorageFor } from '~/storage/photo-storage.server';

// One photo of a voice (?size=thumb for its thumbnail), for staff who may read the voice.
// Another 課's photo, a photo of another voice or an unknown id: the same 404 as the voice.
export const handle = { access: { signedIn: true, permission: 'voice:read' } } satisfies { access: RouteAccess };

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = await requireUserWithPermission(request, context, 'voice:read');
  const photoId = /^\d{1,9}$/.test(params.photoId ?? '') ? Number(params.photoId) : null;
  const size = new URL(request.url).searchParams.get('size') === 'thumb' ? 'thumb' : 'full';
  const photo = photoId === null ? null : await readVisiblePhoto(context.db, photoStorageFor(context.config), user, {
    receiptNumber: params.receiptNumber ?? '',
    photoId,
    size,
  });
  if (!photo) {
    const missing = notFound(request);
    missing.headers.set('Cache-Control', 'no-store');
    throw missing;
  }
  return photoResponse(photo);
}
