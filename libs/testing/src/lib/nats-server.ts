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

function requireNatsServer(): void {
  if (spawnSync('nats-server', ['--version']).error) {
    throw new Error('NATS tests need a NATS server: set NATS_URL, or install nats-server (apt-get install nats-server) so it is on PATH.');
  }
}

/** A nats-server of the test's own, on a free port and a temp dir; it can be stopped and started again on the same port. */
export class NatsServer implements NatsHandle {
  private process?: ManagedProcess;

  private constructor(
    readonly port: number,
    private readonly dir: string,
    private readonly args: string[],
  ) {}

  /** `args`: extra nats-server flags, e.g. ['--user', 'u', '--pass', 'p'] to require credentials. */
  static async start(args: string[] = []): Promise<NatsServer> {
    requireNatsServer();
    const server = new NatsServer(await freePort(), mkdtempSync(join(tmpdir(), 'nats-e2e-')), args);
    await server.resume();
    return server;
  }

  get url(): string {
    return `nats://127.0.0.1:${this.port}`;
  }

  async resume(): Promise<void> {
    const p = new ManagedProcess('nats-server', 'nats-server', ['-a', '127.0.0.1', '-p', String(this.port), '-sd', this.dir, ...this.args]);
    this.process = p;
    await waitFor(async () => (p.running ? canConnect(this.port) : Promise.reject(new Error(p.logs()))), { timeoutMs: 10_000, what: 'nats-server' });
  }

  /** Stops the broker but keeps its port and dir for resume(). */
  async pause(): Promise<void> {
    await this.process?.stop();
  }

  async stop(): Promise<void> {
    await this.pause();
    rmSync(this.dir, { recursive: true, force: true });
  }
}

/**
 * A real NATS for tests: NATS_URL when set, otherwise a nats-server from PATH on
 * a free port with its own temp dir, stopped and removed afterwards.
 */
export async function startNats(env: NodeJS.ProcessEnv = process.env): Promise<NatsHandle> {
  if (env['NATS_URL']) return { url: env['NATS_URL'], stop: async () => undefined };
  return NatsServer.start();
}
