import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { canConnect, freePort } from './free-port';
import { ManagedProcess } from './managed-process';
import { waitFor } from './wait-for';

/**
 * A real Redis for tests: redis-server from PATH on a free port, in a temp dir,
 * persisting nothing. It can be stopped and started again on the same port.
 * (REDIS_URL is not reused: tests flush and kill their Redis.)
 */
export class RedisServer {
  private process?: ManagedProcess;

  private constructor(
    readonly port: number,
    private readonly dir: string,
  ) {}

  static async start(): Promise<RedisServer> {
    if (spawnSync('redis-server', ['--version']).error) {
      throw new Error('These tests need redis-server on PATH (apt-get install redis-server).');
    }
    const server = new RedisServer(await freePort(), mkdtempSync(join(tmpdir(), 'redis-e2e-')));
    await server.resume();
    return server;
  }

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  async resume(): Promise<void> {
    const args = ['--port', String(this.port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', this.dir];
    const p = new ManagedProcess('redis-server', 'redis-server', args);
    this.process = p;
    await waitFor(async () => (p.running ? canConnect(this.port) : Promise.reject(new Error(p.logs()))), { timeoutMs: 10_000, what: 'redis-server' });
  }

  async pause(): Promise<void> {
    await this.process?.stop();
  }

  async stop(): Promise<void> {
    await this.pause();
    rmSync(this.dir, { recursive: true, force: true });
  }
}
