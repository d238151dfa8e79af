import { SERVICE_NAMES, type ServiceName } from '@pizza/config';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './free-port';
import { fetchTrusting } from './http-client';
import { LatencyProxy } from './latency-proxy';
import { ManagedProcess } from './managed-process';
import { waitFor } from './wait-for';
import { workspaceRoot } from './workspace-root';

export const SERVICE_APPS = SERVICE_NAMES;
export type { ServiceName };
/** 'gateway', 'menu', ... for the first instance; 'order#2' for the second order-service. */
export type AppName = ServiceName | 'gateway' | `${ServiceName | 'gateway'}#${number}`;

export interface StackOptions {
  transport: 'tcp' | 'nats';
  natsUrl?: string;
  /** Extra env for every process. */
  env?: Record<string, string>;
  /** Extra env for one process, over `env` (e.g. kitchen's own DATA_REDIS_URL). */
  envOf?: Partial<Record<AppName, Record<string, string>>>;
  /** Instances per service (default 1). Over TCP callers get the list in *_SERVICE_ADDRS. */
  instances?: Partial<Record<ServiceName, number>>;
  /** The gateway serves HTTPS (TLS_CERT_FILE/TLS_KEY_FILE in env); the stack trusts this CA certificate (PEM). */
  httpsCa?: string;
  /** Every process serves Prometheus metrics on a port of its own (see metricsUrl). */
  metrics?: boolean;
  /** TCP: these services' instances sit each behind a LatencyProxy that callers reach them through (see delay). */
  proxied?: ServiceName[];
}

/** The built entry point of an app ('order#2' runs dist/apps/order-service/main.js). */
function mainOf(name: AppName, root: string): string {
  const service = name.split('#')[0];
  return join(root, 'dist/apps', service === 'gateway' ? 'gateway' : `${service}-service`, 'main.js');
}

/**
 * The real stack as users run it: the built apps (dist/apps) as child processes
 * on free ports, talking over TCP or a real NATS. Nothing is mocked.
 */
export class Stack {
  readonly processes = new Map<AppName, ManagedProcess>();
  private env: NodeJS.ProcessEnv = {};
  /** Per process: its own listening port (TCP services). */
  private readonly ownEnv = new Map<AppName, NodeJS.ProcessEnv>();
  private cwd = '';
  baseUrl = '';
  private readonly fetch: typeof fetch;
  private ports = {} as Record<ServiceName, number[]>;
  private readonly proxies = new Map<ServiceName, LatencyProxy[]>();

  constructor(private readonly options: StackOptions) {
    this.fetch = fetchTrusting(options.httpsCa);
  }

  /** Launches every process and waits until the gateway reports ready (stops them all if it never does). */
  async start(): Promise<this> {
    await this.launch();
    try {
      await this.waitReady();
    } catch (err) {
      // A stack that never became ready is still running processes: the caller has no handle to stop them.
      await this.stop();
      throw err;
    }
    return this;
  }

  /** Launches every process without waiting for anything: for a stack that cannot be ready yet (its NATS is down, say). */
  async launch(): Promise<this> {
    // One METRICS_PORT for every process would have the services fight the gateway for it.
    if (this.options.env?.['METRICS_PORT']) throw new Error('Stack: use { metrics: true } (a metrics port per process), not METRICS_PORT in env');
    const root = workspaceRoot();
    const gatewayPort = await freePort();
    const ports = this.ports;
    for (const s of SERVICE_APPS) {
      ports[s] = [];
      for (let i = 0; i < (this.options.instances?.[s] ?? 1); i++) ports[s].push(await freePort());
    }
    for (const s of this.options.proxied ?? []) {
      if (this.options.transport !== 'tcp') throw new Error('Stack: proxied services need the tcp transport');
      this.proxies.set(s, await Promise.all(ports[s].map(async (port) => LatencyProxy.start(await freePort(), port))));
    }
    // A temp cwd: a developer's .env in the repo must not leak into the tests.
    this.cwd = mkdtempSync(join(tmpdir(), 'stack-e2e-'));
    this.env = {
      NODE_ENV: 'test',
      LOG_LEVEL: 'warn',
      TRANSPORT: this.options.transport,
      ...(this.options.natsUrl ? { NATS_URL: this.options.natsUrl } : {}),
      PORT: String(gatewayPort),
      HOST: '127.0.0.1',
      JWT_SECRET: 'e2e-secret-that-is-long-enough-for-hs256-0123456789',
      // Suites drive far more traffic than one real client; the rate-limit suite sets its own.
      RATE_LIMITS: 'burst=1000000/1s',
      RATE_LIMIT_LOGIN: '100000/1m',
      RATE_LIMIT_ORDERS: '100000/1m',
      ...Object.fromEntries(
        SERVICE_APPS.flatMap((s) => [
          [`${s.toUpperCase()}_SERVICE_PORT`, String(ports[s][0])],
          [`${s.toUpperCase()}_SERVICE_ADDRS`, (this.proxies.get(s)?.map((p) => p.port) ?? ports[s]).map((p) => `127.0.0.1:${p}`).join(',')],
        ]),
      ),
      ...this.options.env,
    };
    for (const s of SERVICE_APPS) {
      for (const [i, port] of ports[s].entries()) {
        const name = (i === 0 ? s : `${s}#${i + 1}`) as AppName;
        // Instances on one host share its name: each its own INSTANCE_ID, as each container has its own host name.
        this.ownEnv.set(name, {
          [`${s.toUpperCase()}_SERVICE_PORT`]: String(port),
          INSTANCE_ID: name.replace('#', '-'),
          ...(await this.metricsEnv()),
          ...this.options.envOf?.[name],
        });
        this.spawn(name, root);
      }
    }
    this.ownEnv.set('gateway', { ...(await this.metricsEnv()), ...this.options.envOf?.gateway });
    this.spawn('gateway', root);
    this.baseUrl = `${this.scheme}://127.0.0.1:${gatewayPort}`;
    return this;
  }

  /** (Re)starts one app from dist, on the same port as before. */
  spawn(name: AppName, root = workspaceRoot()): ManagedProcess {
    const main = mainOf(name, root);
    if (!existsSync(main)) throw new Error(`${main} is missing: build first (npx nx run-many -t build)`);
    const env = { ...this.env, ...this.ownEnv.get(name) };
    const p = new ManagedProcess(name, process.execPath, ['--enable-source-maps', main], { cwd: this.cwd, env });
    this.processes.set(name, p);
    return p;
  }

  /**
   * Runs a service's container healthcheck (`main.js --healthcheck`) as a container runtime would,
   * with that instance's env; resolves to its exit code (killed, if it outlives `deadlineMs`: null).
   */
  async healthcheck(name: AppName, deadlineMs = 20_000, root = workspaceRoot()): Promise<number | null> {
    if (name.startsWith('gateway')) throw new Error('Stack.healthcheck: the gateway has HTTP probes (/health/live, /health/ready)');
    const check = new ManagedProcess(`${name} healthcheck`, process.execPath, [mainOf(name, root), '--healthcheck'], { cwd: this.cwd, env: { ...this.env, ...this.ownEnv.get(name) } });
    const timer = setTimeout(() => check.signal('SIGKILL'), deadlineMs);
    try {
      return await check.exited;
    } finally {
      clearTimeout(timer);
    }
  }

  /** Another gateway instance with the same configuration (plus `env`), on its own port. Returns its base URL. */
  async addGateway(name: `gateway#${number}` = 'gateway#2', env: Record<string, string> = {}): Promise<string> {
    const port = await freePort();
    this.ownEnv.set(name as AppName, { ...(await this.metricsEnv()), ...env, PORT: String(port) });
    this.spawn(name as AppName);
    const url = `${this.scheme}://127.0.0.1:${port}`;
    await waitFor(async () => (await this.fetch(`${url}/health/ready`)).status === 200, { timeoutMs: 30_000, what: `${name} to be ready` });
    return url;
  }

  /** Starts a stopped or killed app again (same port) and waits until the gateway reports ready. */
  async restart(name: AppName): Promise<void> {
    await this.processes.get(name)?.stop(1000);
    this.spawn(name);
    await this.waitReady();
  }

  /** Where a process serves its Prometheus metrics (with `metrics: true`). */
  metricsUrl(name: AppName): string {
    const port = this.ownEnv.get(name)?.['METRICS_PORT'];
    if (!port) throw new Error(`${name} serves no metrics: start the stack with metrics: true`);
    return `http://127.0.0.1:${port}/metrics`;
  }

  /** A metrics port of its own for one process, or none. */
  private async metricsEnv(): Promise<NodeJS.ProcessEnv> {
    return this.options.metrics ? { METRICS_PORT: String(await freePort()) } : {};
  }

  /** Every caller of a proxied service gets its answers `ms` later from now on (0: as they come). */
  delay(service: ServiceName, ms: number): void {
    const proxies = this.proxies.get(service);
    if (!proxies) throw new Error(`${service} is not proxied: start the stack with proxied: ['${service}']`);
    for (const p of proxies) p.delayMs = ms;
  }

  /** Where the first instance of a service listens (TCP): for tests that bypass the gateway. */
  servicePort(service: ServiceName): number {
    return this.ports[service][0];
  }

  private get scheme(): string {
    return this.options.httpsCa ? 'https' : 'http';
  }

  process(name: AppName): ManagedProcess {
    const p = this.processes.get(name);
    if (!p) throw new Error(`${name} is not part of this stack`);
    return p;
  }

  /** Until the gateway reports ready; at once with the logs if a process has exited (it will not come back). */
  async waitReady(timeoutMs = 30_000): Promise<void> {
    let exited: ManagedProcess | undefined;
    await waitFor(
      async () => {
        exited = [...this.processes.values()].find((p) => !p.running);
        if (exited) return true;
        const res = await this.fetch(`${this.baseUrl}/health/ready`);
        return res.status === 200;
      },
      { timeoutMs, what: `the ${this.options.transport} stack to be ready` },
    );
    if (exited) throw new Error(`${exited.name} exited before the ${this.options.transport} stack was ready:\n${exited.logs()}`);
  }

  logs(): string {
    return [...this.processes.values()].map((p) => `----- ${p.name}\n${p.logs()}`).join('\n');
  }

  async stop(): Promise<void> {
    await Promise.all([...this.processes.values()].map((p) => p.stop()));
    await Promise.all([...this.proxies.values()].flat().map((p) => p.stop()));
    if (this.cwd) rmSync(this.cwd, { recursive: true, force: true });
  }
}
