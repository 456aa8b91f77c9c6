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
});
