import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type AppProcess } from '../support/app-process';
import { testBuildDir } from '../support/remix';

// `npm start` as a newcomer runs it: no HOST, no APP_URL, no LOG_LEVEL. The demo prints admin
// passwords, so it listens on this computer only, and the terminal shows sentences, not JSON.

let app: AppProcess;
let dataDir: string;

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(os.tmpdir(), 'meyasu-demo-start-'));
  app = await startApp(
    { HOST: undefined, APP_URL: undefined, LOG_LEVEL: undefined, DATABASE_URL: undefined, RESEND_API_KEY: undefined },
    { buildDir: testBuildDir(), dataDir },
  );
  // The logins are printed once the server listens, right after /healthz starts answering.
  const deadline = Date.now() + 30_000;
  while (!app.output().includes('Open311 api_key') && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
});

afterAll(async () => {
  await app?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

/** This machine's addresses other computers would use (not loopback). */
function outwardAddresses(): string[] {
  return Object.values(os.networkInterfaces()).flat()
    .filter((a): a is os.NetworkInterfaceInfo => !!a && !a.internal && a.family === 'IPv4')
    .map((a) => a.address);
}

describe('npm start (the demo)', () => {
  it('prints the logins as readable lines, with no JSON log line among them, and the address it really uses', () => {
    const lines = app.output().split('\n').filter((l) => l.trim() !== '');
    expect(lines.some((l) => l.includes('admin@sakuradai.example.jp'))).toBe(true);
    expect(lines.filter((l) => l.trimStart().startsWith('{'))).toEqual([]);
    // The mail notice is still there, as a sentence.
    expect(lines).toContain('warn (worker): RESEND_API_KEY is not set: mail is kept in the outbox and shown on /staff/outbox without its secret links, not sent');
    const port = new URL(app.baseUrl).port;
    expect(lines).toContain(`Meyasu is running at http://localhost:${port}`);
    expect(lines).toContain('Only this computer can open it (HOST=0.0.0.0 npm start opens it to the network).');
  });

  it('answers on 127.0.0.1 and on no other address of this machine', async () => {
    expect((await fetch(`${app.baseUrl}/healthz`)).status).toBe(200);
    const port = new URL(app.baseUrl).port;
    const outward = outwardAddresses();
    // This machine has a network address (a container or a laptop always has one).
    expect(outward.length).toBeGreaterThan(0);
    for (const address of outward) {
      await expect(fetch(`http://${address}:${port}/healthz`)).rejects.toThrow();
    }
  });
});
