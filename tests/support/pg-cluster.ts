import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, chownSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort } from './app-process';

// A private PostgreSQL server in a temporary folder, on its own port, for tests that stop and
// start the server (faults) or load it hard (bench). initdb and pg_ctl refuse to run as root:
// as root they run as the postgres user.

const PG_BIN = process.env.PG_BIN || firstExisting(['/usr/lib/postgresql/15/bin', '/usr/lib/postgresql/16/bin', '/usr/lib/postgresql/17/bin']);

function firstExisting(dirs: string[]): string {
  for (const dir of dirs) {
    if (spawnSync('test', ['-x', path.join(dir, 'pg_ctl')]).status === 0) return dir;
  }
  return '';
}

const asRoot = process.getuid?.() === 0;

function pgTool(tool: string, args: string[], options: { timeoutMs?: number } = {}): string {
  const bin = PG_BIN ? path.join(PG_BIN, tool) : tool;
  const [cmd, argv] = asRoot ? ['runuser', ['-u', 'postgres', '--', bin, ...args]] : [bin, args];
  return execFileSync(cmd, argv, { encoding: 'utf8', timeout: options.timeoutMs ?? 60_000, stdio: ['ignore', 'pipe', 'pipe'] });
}

export interface PrivateCluster {
  port: number;
  dataDir: string;
  url(database: string): string;
  start(): void;
  stop(mode?: 'fast' | 'immediate'): void;
  isRunning(): boolean;
  /** Stops the server (if running) and deletes its folder. */
  destroy(): void;
}

export async function createPrivateCluster(settings: Record<string, string> = {}): Promise<PrivateCluster> {
  const root = mkdtempSync(path.join(os.tmpdir(), 'meyasu-pg-'));
  chmodSync(root, 0o755);
  const dataDir = path.join(root, 'data');
  if (asRoot) {
    const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
    chownSync(root, uid, gid);
  }
  pgTool('initdb', ['-D', dataDir, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--locale=C.UTF-8', '--no-sync']);
  const port = await freePort();
  const options = [
    `-p ${port}`, `-k ${root}`, "-c listen_addresses=127.0.0.1", '-c fsync=off', '-c synchronous_commit=off', '-c full_page_writes=off',
    ...Object.entries(settings).map(([k, v]) => `-c ${k}=${v}`),
  ].join(' ');
  const cluster: PrivateCluster = {
    port,
    dataDir,
    url: (database) => `postgres://postgres@127.0.0.1:${port}/${database}`,
    start() {
      pgTool('pg_ctl', ['-D', dataDir, '-o', options, '-l', path.join(root, 'server.log'), '-w', '-t', '60', 'start']);
    },
    stop(mode = 'fast') {
      pgTool('pg_ctl', ['-D', dataDir, '-m', mode, '-w', '-t', '60', 'stop']);
    },
    isRunning() {
      try {
        pgTool('pg_ctl', ['-D', dataDir, 'status']);
        return true;
      } catch {
        return false;
      }
    },
    destroy() {
      try {
        if (cluster.isRunning()) cluster.stop('immediate');
      } finally {
        rmSync(root, { recursive: true, force: true });
      }
    },
  };
  cluster.start();
  return cluster;
}
