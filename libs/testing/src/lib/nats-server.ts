import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { canConnect, freePort } from './free-port';
import { ManagedProcess } from './managed-process';
import { waitFor } from './wait-for';

export interface NatsHandle {
  url: string;
  stop(): Promise<void>;
}

/**
 * A real NATS for tests: NATS_URL when set, otherwise a nats-server from PATH on
 * a free port with its own temp dir, stopped and removed afterwards.
 */
export async function startNats(env: NodeJS.ProcessEnv = process.env): Promise<NatsHandle> {
  if (env['NATS_URL']) return { url: env['NATS_URL'], stop: async () => undefined };
  if (spawnSync('nats-server', ['--version']).error) {
    throw new Error('NATS tests need a NATS server: set NATS_URL, or install nats-server (apt-get install nats-server) so it is on PATH.');
  }
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'nats-e2e-'));
  const server = new ManagedProcess('nats-server', 'nats-server', ['-a', '127.0.0.1', '-p', String(port), '-sd', dir]);
  await waitFor(async () => (server.running ? canConnect(port) : Promise.reject(new Error(server.logs()))), { timeoutMs: 10_000, what: 'nats-server' });
  return {
    url: `nats://127.0.0.1:${port}`,
    stop: async () => {
      await server.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
