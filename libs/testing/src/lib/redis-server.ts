import { LocalServer } from './local-server';

/**
 * A real Redis for tests: redis-server from PATH on a free port, in a temp dir,
 * persisting nothing. It can be stopped and started again on the same port.
 * (REDIS_URL is not reused: tests flush and kill their Redis.)
 */
export class RedisServer extends LocalServer {
  private constructor(port: number, dir: string) {
    super('redis-server', 'redis-server', port, dir);
  }

  static async start(): Promise<RedisServer> {
    LocalServer.requireOnPath('redis-server', 'apt-get install redis-server');
    const { port, dir } = await LocalServer.allocate('redis-server');
    const server = new RedisServer(port, dir);
    await server.resume();
    return server;
  }

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  protected args(): string[] {
    return ['--port', String(this.port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', this.dir];
  }
}
