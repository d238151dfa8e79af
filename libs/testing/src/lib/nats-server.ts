import { readTestServersEnv } from '@pizza/config';
import { LocalServer } from './local-server';

export interface NatsHandle {
  url: string;
  stop(): Promise<void>;
}

/** A nats-server of the test's own, on a free port and a temp dir; it can be stopped and started again on the same port. */
export class NatsServer extends LocalServer implements NatsHandle {
  private constructor(
    port: number,
    dir: string,
    private readonly extraArgs: string[],
  ) {
    super('nats-server', port, dir);
  }

  /** `args`: extra nats-server flags, e.g. ['--user', 'u', '--pass', 'p'] to require credentials. */
  static async start(args: string[] = []): Promise<NatsServer> {
    const { port, dir } = await LocalServer.allocate('nats-server', 'set NATS_URL, or apt-get install nats-server');
    const server = new NatsServer(port, dir, args);
    await server.resume();
    return server;
  }

  get url(): string {
    return `nats://127.0.0.1:${this.port}`;
  }

  protected args(): string[] {
    return ['-a', '127.0.0.1', '-p', String(this.port), '-sd', this.dir, ...this.extraArgs];
  }
}

/**
 * A real NATS for tests: NATS_URL when set, otherwise a nats-server from PATH on
 * a free port with its own temp dir, stopped and removed afterwards.
 */
export async function startNats(env: { NATS_URL?: string } = readTestServersEnv()): Promise<NatsHandle> {
  if (env.NATS_URL) return { url: env.NATS_URL, stop: async () => undefined };
  return NatsServer.start();
}
