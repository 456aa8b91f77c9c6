import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { cleanPhoto, sniffImageType } from '~/domain/photos.server';
import {
  deriveTrackingToken, isIdempotencyKey, looksLikeTrackingToken, newIdempotencyKey, storedIdempotencyKey,
} from '~/domain/tracking-token.server';
import { secretKeysFrom } from '../../app/secret-keys.server';

const secret = 'a-test-secret-of-at-least-32-characters';

describe('tracking tokens derived from the idempotency key', () => {
  it('are 256-bit base64url strings, the same for the same key and secret', () => {
    const key = newIdempotencyKey();
    expect(isIdempotencyKey(key)).toBe(true);
    const token = deriveTrackingToken(secretKeysFrom(secret), key);
    expect(looksLikeTrackingToken(token)).toBe(true);
    expect(Buffer.from(token, 'base64url')).toHaveLength(32);
    expect(deriveTrackingToken(secretKeysFrom(secret), key)).toBe(token);
  });

  it('differ for another key or another secret, and are not the key itself', () => {
    const key = newIdempotencyKey();
    const token = deriveTrackingToken(secretKeysFrom(secret), key);
    expect(token).not.toBe(key);
    expect(deriveTrackingToken(secretKeysFrom(secret), newIdempotencyKey())).not.toBe(token);
    expect(deriveTrackingToken(secretKeysFrom(`${secret}!`), key)).not.toBe(token);
  });

  it('store only a hash of the key', () => {
    const key = newIdempotencyKey();
    expect(storedIdempotencyKey(key)).toMatch(/^web:[0-9a-f]{64}$/);
    expect(storedIdempotencyKey(key)).not.toContain(key);
  });

  it('refuse keys that are not 32 random bytes in base64url', () => {
    expect(isIdempotencyKey('short')).toBe(false);
    expect(isIdempotencyKey(`${'a'.repeat(42)}=`)).toBe(false);
    expect(isIdempotencyKey(undefined)).toBe(false);
  });
});

describe('photo cleaning', () => {
  it('recognises JPEG, PNG and WebP by their bytes only', async () => {
    const image = sharp({ create: { width: 4, height: 4, channels: 3, background: '#fff' } });
    expect(sniffImageType(await image.clone().jpeg().toBuffer())).toBe('image/jpeg');
    expect(sniffImageType(await image.clone().png().toBuffer())).toBe('image/png');
    expect(sniffImageType(await image.clone().webp().toBuffer())).toBe('image/webp');
    expect(sniffImageType(Buffer.from('GIF89a......'))).toBeNull();
    expect(sniffImageType(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>'))).toBeNull();
  });

  it('turns the photo upright and drops EXIF in every format', async () => {
    const withExif = (format: 'jpeg' | 'png' | 'webp') => {
      const image = sharp({ create: { width: 40, height: 20, channels: 3, background: '#08f' } });
      return image[format]().withExif({ IFD0: { Make: 'SecretCam' }, IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '35/1 0/1 0/1' } }).toBuffer();
    };
    for (const format of ['jpeg', 'png', 'webp'] as const) {
      const input = await withExif(format);
      expect((await sharp(input).metadata()).exif, format).toBeDefined();
      const result = await cleanPhoto(input);
      expect(result.ok, format).toBe(true);
      if (!result.ok) continue;
      const meta = await sharp(result.photo.bytes).metadata();
      expect(meta.format).toBe(format);
      expect(meta.exif, format).toBeUndefined();
      expect(Buffer.from(result.photo.bytes).includes(Buffer.from('SecretCam')), format).toBe(false);
    }
  });

  it('refuses a file that claims to be an image but is not readable', async () => {
    expect(await cleanPhoto(Buffer.from([0xff, 0xd8, 0xff, 0x00, 0x01]))).toEqual({ ok: false, reason: 'photoUnreadable' });
    expect(await cleanPhoto(Buffer.from('hello'))).toEqual({ ok: false, reason: 'photoType' });
  });
});
