import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '~/config.server';
import { approximatePlace, isValidLatLng, mapImageOrigins, mapSettingsFrom } from '~/domain/map-settings';
import { voiceFormSchema } from '~/domain/voice-form';
import { contentSecurityPolicy } from '~/security/headers.server';

const secret = 'test-secret-test-secret-test-secret!!';

describe('the approximate place of a published voice', () => {
  it('rounds to about 100 m, never the exact doorstep', () => {
    expect(approximatePlace(35.658149, 139.701712)).toEqual({ lat: 35.658, lng: 139.702 });
    expect(approximatePlace(35.6585, 139.7015)).toEqual({ lat: 35.659, lng: 139.702 });
    expect(approximatePlace(-33.86785, 151.20732)).toEqual({ lat: -33.868, lng: 151.207 });
    // Two doors 30 m apart on the same block land on the same rounded point.
    expect(approximatePlace(35.65801, 139.70101)).toEqual(approximatePlace(35.65825, 139.70125));
  });

  it('never moves a place by more than half a grid step', () => {
    for (const [lat, lng] of [[35.1234567, 139.9876543], [43.0642, 141.3469], [26.2124, 127.6809]] as const) {
      const r = approximatePlace(lat, lng);
      expect(Math.abs(r.lat - lat)).toBeLessThanOrEqual(0.0005 + 1e-12);
      expect(Math.abs(r.lng - lng)).toBeLessThanOrEqual(0.0005 + 1e-12);
      expect(String(r.lat).split('.')[1]!.length).toBeLessThanOrEqual(3);
    }
  });
});

describe('map configuration', () => {
  it('defaults to 地理院タイル with its attribution, and the CSP allows that host only', () => {
    const config = loadConfig({ SESSION_SECRET: secret });
    expect(mapSettingsFrom(config)).toEqual({
      tileUrl: 'https://cyberjapandata.gsi.go.jp/xyz/std/{z}/{x}/{y}.png',
      attribution: '地理院タイル（国土地理院）',
      attributionUrl: 'https://maps.gsi.go.jp/development/ichiran.html',
      center: [35.6581, 139.7017],
    });
    expect(mapImageOrigins(config)).toEqual(['https://cyberjapandata.gsi.go.jp']);
    expect(contentSecurityPolicy({ nonce: 'n', devServer: false, imageOrigins: mapImageOrigins(config) }))
      .toContain(`img-src 'self' data: blob: https://cyberjapandata.gsi.go.jp;`);
  });

  it('takes another tile server, or none: then no map and no extra image host', () => {
    const own = loadConfig({ SESSION_SECRET: secret, MAP_TILE_URL: 'https://tiles.example.jp/base/{z}/{x}/{y}.png' });
    expect(mapImageOrigins(own)).toEqual(['https://tiles.example.jp']);
    const off = loadConfig({ SESSION_SECRET: secret, MAP_TILE_URL: 'off' });
    expect(mapSettingsFrom(off)).toBeNull();
    expect(mapImageOrigins(off)).toEqual([]);
    expect(contentSecurityPolicy({ nonce: 'n', devServer: false, imageOrigins: [] })).toContain(`img-src 'self' data: blob:;`);
  });

  it('refuses a template without {z}/{x}/{y} or a malformed centre, naming the variable', () => {
    expect(() => loadConfig({ SESSION_SECRET: secret, MAP_TILE_URL: 'https://tiles.example.jp/tile.png' })).toThrow(ConfigError);
    expect(() => loadConfig({ SESSION_SECRET: secret, MAP_TILE_URL: 'javascript:alert(1)/{z}/{x}/{y}' })).toThrow(/MAP_TILE_URL/);
    expect(() => loadConfig({ SESSION_SECRET: secret, MAP_CENTER: 'tokyo' })).toThrow(/MAP_CENTER/);
  });
});

describe('a pin on the send form', () => {
  const base = { kind: 'request', title: '街灯', body: '切れています', contactMode: 'anonymous' };
  const parse = (extra: Record<string, string>) => {
    const result = voiceFormSchema.safeParse({ ...base, ...extra });
    expect(result.success).toBe(true);
    return result.success ? { lat: result.data.latitude, lng: result.data.longitude } : null;
  };

  it('reads the two hidden fields as numbers, and anything else as no pin (never an error)', () => {
    expect(parse({ latitude: '35.658100', longitude: '139.701700' })).toEqual({ lat: 35.6581, lng: 139.7017 });
    expect(parse({})).toEqual({ lat: null, lng: null });
    expect(parse({ latitude: '', longitude: '' })).toEqual({ lat: null, lng: null });
    expect(parse({ latitude: 'abc', longitude: '139.7' })).toEqual({ lat: null, lng: 139.7 });
    expect(parse({ latitude: '91', longitude: '181' })).toEqual({ lat: null, lng: null });
    expect(isValidLatLng(35, 139)).toBe(true);
    expect(isValidLatLng(Number.NaN, 139)).toBe(false);
  });
});
