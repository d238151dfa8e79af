import { readTestServersEnv } from '@pizza/config';
import { join } from 'node:path';
import { LocalServer } from './local-server';
import { natsServerBinary } from './nats-server-binary';
import { workspaceRoot } from './workspace-root';

/** The broker's settings as deployed (docker-compose.yml mounts the same file): its stale-client check. */
export const DEPLOYED_NATS_CONF = join(workspaceRoot(), 'deploy', 'nats.conf');

export interface NatsHandle {
  url: string;
  stop(): Promise<void>;
}

/**
 * A nats-server of the test's own (2.10 or newer: natsServerBinary), configured as deployed
 * (deploy/nats.conf), on a free port and a temp dir; it can be stopped and started again on the
 * same port.
 */
export class NatsServer extends LocalServer implements NatsHandle {
  private constructor(
    command: string,
    port: number,
    dir: string,
    private readonly extraArgs: string[],
  ) {
    super('nats-server', command, port, dir);
  }

  /** `args`: extra nats-server flags, e.g. ['--user', 'u', '--pass', 'p'] to require credentials. */
  static async start(args: string[] = []): Promise<NatsServer> {
    // Found and checked (2.10 or newer), or an error saying what to install.
    const command = await natsServerBinary();
    const { port, dir } = await LocalServer.allocate('nats-server');
    const server = new NatsServer(command, port, dir, args);
    await server.resume();
    return server;
  }

  get url(): string {
    return `nats://127.0.0.1:${this.port}`;
  }

  protected args(): string[] {
    // Flags after -c override the file: the port and the store dir are this server's own.
    return ['-c', DEPLOYED_NATS_CONF, '-a', '127.0.0.1', '-p', String(this.port), '-sd', this.dir, ...this.extraArgs];
  }
}

/**
 * A real NATS for tests: NATS_URL when set, otherwise a nats-server of its own (NatsServer) on
 * a free port with its own temp dir, stopped and removed afterwards.
 */
export async function startNats(env: { NATS_URL?: string } = readTestServersEnv()): Promise<NatsHandle> {
  if (env.NATS_URL) return { url: env.NATS_URL, stop: async () => undefined };
  return NatsServer.start();
}
