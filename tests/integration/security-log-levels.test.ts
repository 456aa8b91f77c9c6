import pino from 'pino';
import { beforeAll, describe, expect, it } from 'vitest';
import { seedOrganisation } from '../../app/seed/seed.server';
import { createTestDatabase } from '../support/db';
import { createTestApp } from '../support/remix';

// Issue #13, point 8: a 404 is the client's doing; it must not be logged as an error (an
// error log that fills with probes for /wp-admin hides the real faults).

const lines: { level: number; msg: string; status?: number; path?: string }[] = [];
let app: Awaited<ReturnType<typeof createTestApp>>;

beforeAll(async () => {
  const database = await createTestDatabase();
  await seedOrganisation(database.db);
  const logger = pino({ level: 'info' }, { write: (line: string) => void lines.push(JSON.parse(line)) });
  app = await createTestApp(database, {}, { logger });
});

describe('404s in the log', () => {
  it('logs a page nobody has at info, without its secret token, never as an error', async () => {
    for (const path of ['/wp-admin/setup-config.php', '/no/such/page', '/staff/reset-password/AbCdEf/extra']) {
      const response = await app.fetch(path);
      expect(response.status).toBe(404);
    }
    expect(lines.filter((l) => l.level >= 50)).toEqual([]);
    const notFound = lines.filter((l) => l.msg === 'not found');
    expect(notFound.map((l) => [l.level, l.status, l.path])).toEqual([
      [30, 404, '/wp-admin/setup-config.php'],
      [30, 404, '/no/such/page'],
      [30, 404, '/staff/reset-password/[token]/extra'],
    ]);
  });
});
