import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

// Start-up refuses bad configuration with one line naming the variable, before touching anything.
function serve(env: Record<string, string>) {
  const result = spawnSync(process.execPath, [path.resolve('node_modules/tsx/dist/cli.mjs'), 'app/cli/serve.ts'], {
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env } as unknown as NodeJS.ProcessEnv,
    encoding: 'utf8',
    timeout: 30_000,
  });
  return { status: result.status, lines: result.stderr.split('\n').filter((l) => l.trim() !== '') };
}

describe('start-up configuration errors', () => {
  it('stops on a malformed DATABASE_URL with one clear line', () => {
    const { status, lines } = serve({ NODE_ENV: 'production', SESSION_SECRET: 'x'.repeat(40), DATABASE_URL: 'postgres//oops' });
    expect(status).toBe(1);
    expect(lines).toEqual(['Configuration error: DATABASE_URL must be a postgres://user@host:port/database URL']);
  });

  it('stops in production without SESSION_SECRET with one clear line', () => {
    const { status, lines } = serve({ NODE_ENV: 'production' });
    expect(status).toBe(1);
    expect(lines).toEqual(['Configuration error: SESSION_SECRET is required in production (at least 32 random characters)']);
  });
});
