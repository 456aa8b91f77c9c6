import sharp from 'sharp';
import type { PHOTO_TYPES } from './voice-form';

// Residents' photos are re-encoded before they are kept: turned upright, made no larger than
// needed, and written WITHOUT metadata, so the EXIF block (camera, time, GPS position), XMP
// and ICC never reach the disk. The real type comes from the bytes, never from the file name.

export type PhotoType = (typeof PHOTO_TYPES)[number];
const PHOTO_MAX_EDGE = 1600;
// Refuses decompression bombs: a 10 MB file may not claim more pixels than a 50-megapixel camera.
const MAX_INPUT_PIXELS = 50_000_000;

/** The image type from the first bytes (JPEG, PNG or WebP), or null for anything else. */
export function sniffImageType(bytes: Uint8Array): PhotoType | null {
  const b = bytes;
  if (b.length >= 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return 'image/jpeg';
  if (b.length >= 8 && b[0] === 0x89 && b[1] === 0x50 && b[2] === 0x4e && b[3] === 0x47 && b[4] === 0x0d && b[5] === 0x0a && b[6] === 0x1a && b[7] === 0x0a) return 'image/png';
  if (b.length >= 12 && String.fromCharCode(...b.subarray(0, 4)) === 'RIFF' && String.fromCharCode(...b.subarray(8, 12)) === 'WEBP') return 'image/webp';
  return null;
}

export interface CleanPhoto {
  bytes: Uint8Array;
  mimeType: PhotoType;
  width: number;
  height: number;
}

export type PhotoResult = { ok: true; photo: CleanPhoto } | { ok: false; reason: 'photoType' | 'photoUnreadable' };

/** Upright, at most 1600 px on the long edge, same format, no metadata. */
export async function cleanPhoto(input: Uint8Array): Promise<PhotoResult> {
  const sniffed = sniffImageType(input);
  if (!sniffed) return { ok: false, reason: 'photoType' };
  try {
    const image = sharp(input, { limitInputPixels: MAX_INPUT_PIXELS, failOn: 'error' });
    const { format } = await image.metadata();
    const mimeType = format === 'jpeg' ? 'image/jpeg' : format === 'png' ? 'image/png' : format === 'webp' ? 'image/webp' : null;
    if (mimeType !== sniffed) return { ok: false, reason: 'photoType' };
    const pipeline = image.rotate().resize({ width: PHOTO_MAX_EDGE, height: PHOTO_MAX_EDGE, fit: 'inside', withoutEnlargement: true });
    // No .withMetadata()/.keepExif(): sharp then writes none of EXIF, XMP, IPTC or ICC.
    const encoded = mimeType === 'image/jpeg' ? pipeline.jpeg({ quality: 82, mozjpeg: true })
      : mimeType === 'image/png' ? pipeline.png({ compressionLevel: 9 })
      : pipeline.webp({ quality: 80 });
    const { data, info } = await encoded.toBuffer({ resolveWithObject: true });
    return { ok: true, photo: { bytes: new Uint8Array(data), mimeType, width: info.width, height: info.height } };
  } catch {
    return { ok: false, reason: 'photoUnreadable' };
  }
}

export function extensionFor(mimeType: PhotoType): string {
  return mimeType === 'image/jpeg' ? 'jpg' : mimeType === 'image/png' ? 'png' : 'webp';
}
