import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import path from 'node:path';

// Runs the real app (`npm start`: build when stale, migrate, optionally seed, serve) as a
// child process on a free port, for the fault tests and the bench.

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

export interface AppProcess {
  baseUrl: string;
  child: ChildProcess;
  output(): string;
  stop(): Promise<void>;
}

export async function waitForHealth(url: string, child: ChildProcess | null, log: () => string, timeoutMs = 180_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child && child.exitCode !== null) throw new Error(`Meyasu exited (${child.exitCode}) before it was ready:\n${log()}`);
    try {
      const response = await fetch(`${url}/healthz`);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`Meyasu did not become healthy:\n${log()}`);
}

/**
 * `production: true` runs what a deployment runs, `node <build>/node/serve.mjs` (no npm, no tsx,
 * never seeds; WEB_CONCURRENCY processes on PostgreSQL); otherwise `npm start`'s entry point.
 */
export async function startApp(env: Record<string, string | undefined>, options: { buildDir: string; dataDir: string; production?: boolean }): Promise<AppProcess> {
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  let output = '';
  const childEnv: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: 'production',
    PORT: String(port),
    HOST: '127.0.0.1',
    APP_URL: baseUrl,
    DATA_DIR: options.dataDir,
    BUILD_DIR: options.buildDir,
    LOG_LEVEL: 'warn',
    ...env,
  };
  if (options.production) childEnv.SESSION_SECRET = env.SESSION_SECRET ?? 'bench-secret-'.repeat(4);
  else delete childEnv.SESSION_SECRET;
  for (const [k, v] of Object.entries(env)) if (v === undefined) delete childEnv[k];
  const argv = options.production ? [path.join(options.buildDir, 'node/serve.mjs')] : [path.resolve('node_modules/tsx/dist/cli.mjs'), 'app/cli/start.ts'];
  const child = spawn(process.execPath, argv, { env: childEnv, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout!.on('data', (d) => { output += d; if (output.length > 200_000) output = output.slice(-100_000); });
  child.stderr!.on('data', (d) => { output += d; if (output.length > 200_000) output = output.slice(-100_000); });
  await waitForHealth(baseUrl, child, () => output);
  return {
    baseUrl,
    child,
    output: () => output,
    async stop() {
      if (child.exitCode !== null) return;
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
    },
  };
}
