import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '~/config.server';

const secret = 'x'.repeat(40);

describe('configuration', () => {
  it('works with no variables at all for local use', () => {
    const config = loadConfig({}, secret);
    expect(config.PORT).toBe(3000);
    expect(config.DATABASE_URL).toBeUndefined();
  });

  it('names a malformed DATABASE_URL in one line', () => {
    expect(() => loadConfig({ DATABASE_URL: 'mysql://db/meyasu' }, secret)).toThrowError(
      /^Configuration error: DATABASE_URL must be a postgres:\/\/user@host:port\/database URL$/,
    );
  });

  it('refuses production without SESSION_SECRET, naming it', () => {
    const run = () => loadConfig({ NODE_ENV: 'production' });
    expect(run).toThrowError(ConfigError);
    expect(run).toThrowError(/^Configuration error: SESSION_SECRET is required in production/);
  });

  it('refuses a short secret and a bad port, one line each', () => {
    try {
      loadConfig({ SESSION_SECRET: 'short', PORT: 'eighty' });
      expect.unreachable();
    } catch (error) {
      const lines = (error as Error).message.split('\n');
      expect(lines).toHaveLength(2);
      expect(lines.some((l) => l.startsWith('Configuration error: PORT'))).toBe(true);
      expect(lines.some((l) => l.startsWith('Configuration error: SESSION_SECRET'))).toBe(true);
    }
  });

  it('reads the S3 photo store settings and names each mistake', () => {
    const config = loadConfig({ STORAGE_URL: 's3://city-photos/meyasu', S3_ENDPOINT: 'http://127.0.0.1:9000', S3_ACCESS_KEY_ID: 'k', S3_SECRET_ACCESS_KEY: 's' }, secret);
    expect(config).toMatchObject({ STORAGE_URL: 's3://city-photos/meyasu', S3_REGION: 'us-east-1', S3_FORCE_PATH_STYLE: true });
    expect(loadConfig({ STORAGE_URL: 's3://city-photos' }, secret).S3_FORCE_PATH_STYLE).toBe(false);
    expect(() => loadConfig({ STORAGE_URL: 'https://city-photos/x' }, secret)).toThrowError(/^Configuration error: STORAGE_URL must be s3:\/\/bucket/);
    expect(() => loadConfig({ STORAGE_URL: 's3://city-photos/../x' }, secret)).toThrowError(/STORAGE_URL/);
    expect(() => loadConfig({ STORAGE_URL: 's3://b-1', S3_ACCESS_KEY_ID: 'k' }, secret)).toThrowError(/^Configuration error: S3_SECRET_ACCESS_KEY must be set together/);
    expect(() => loadConfig({ S3_ENDPOINT: 'http://127.0.0.1:9000' }, secret)).toThrowError(/^Configuration error: STORAGE_URL is needed/);
    expect(() => loadConfig({ STORAGE_URL: 's3://b-1', S3_ENDPOINT: 'minio:9000' }, secret)).toThrowError(/^Configuration error: S3_ENDPOINT must be an absolute URL/);
  });
});
