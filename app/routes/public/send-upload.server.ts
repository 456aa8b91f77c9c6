import { unstable_parseMultipartFormData, type UploadHandler } from '@remix-run/node';
import { sniffImageType } from '~/domain/photos.server';
import { PHOTO_MAX_BYTES, PHOTO_MAX_COUNT } from '~/domain/voice-form';
import { MAX_SEND_REQUEST_BYTES, MAX_TEXT_FIELD_BYTES } from '~/security/public-limits.server';

// Reads the send form (multipart, with photos) within fixed limits. An over-large photo does
// not abort the request: it is drained, measured and reported as a field error, so the
// resident keeps everything else they typed.

export class RequestTooLargeError extends Error {
  override name = 'RequestTooLargeError';
}

export interface UploadedPhoto {
  name: string;
  /** From the bytes, never from the file name or the browser's claim. */
  type: string;
  size: number;
  /** Null when the file was over the size limit or beyond the photo count. */
  bytes: Uint8Array | null;
}

export interface SendFormData {
  fields: Record<string, string>;
  photos: UploadedPhoto[];
}

// Keeps only the metadata of files past this many (the form refuses more than 3 anyway).
const MAX_FILES_LISTED = 20;

export interface PhotoFormOptions {
  /** The file field that carries photos: "photos" on the forms, "media" in Open311. */
  photoField?: string;
  /** Photos kept beyond this many are listed (for the count message) without their bytes. */
  maxPhotos?: number;
}

/** Any form that carries photos (the resident's, staff entry, improvement evidence, Open311). */
export async function readSendForm(request: Request, options: PhotoFormOptions = {}): Promise<SendFormData> {
  const photoField = options.photoField ?? 'photos';
  const maxPhotos = options.maxPhotos ?? PHOTO_MAX_COUNT;
  const fields: Record<string, string> = {};
  const photos: UploadedPhoto[] = [];
  const contentType = request.headers.get('Content-Type') ?? '';
  if (!contentType.startsWith('multipart/form-data')) {
    for (const [name, value] of await request.formData()) {
      if (typeof value === 'string') fields[name] ??= value;
    }
    return { fields, photos };
  }

  let total = 0;
  const count = (n: number) => {
    total += n;
    if (total > MAX_SEND_REQUEST_BYTES) throw new RequestTooLargeError();
  };
  const handler: UploadHandler = async ({ name, filename, data }) => {
    if (filename === undefined) {
      const chunks: Uint8Array[] = [];
      let size = 0;
      for await (const chunk of data) {
        count(chunk.byteLength);
        size += chunk.byteLength;
        if (size > MAX_TEXT_FIELD_BYTES) throw new RequestTooLargeError();
        chunks.push(chunk);
      }
      fields[name] ??= new TextDecoder().decode(Buffer.concat(chunks));
      return undefined;
    }
    const keep = name === photoField && photos.length < maxPhotos;
    const chunks: Uint8Array[] = [];
    let size = 0;
    let head = new Uint8Array(0);
    for await (const chunk of data) {
      count(chunk.byteLength);
      if (head.length < 16) head = Buffer.concat([head, chunk.subarray(0, 16)]);
      size += chunk.byteLength;
      if (keep && size <= PHOTO_MAX_BYTES) chunks.push(chunk);
    }
    // An empty file input still sends a part with no name and no bytes.
    if (name !== photoField || (filename === '' && size === 0)) return undefined;
    if (photos.length < MAX_FILES_LISTED) {
      photos.push({
        name: filename,
        type: sniffImageType(head) ?? 'application/octet-stream',
        size,
        bytes: keep && size <= PHOTO_MAX_BYTES ? Buffer.concat(chunks) : null,
      });
    }
    return undefined;
  };
  await unstable_parseMultipartFormData(request, handler);
  return { fields, photos };
}
