import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { atLeast, DEPLOYED_NATS_CONF, NATS_SERVER_MIN, natsServerBinary, workspaceRoot } from '@pizza/testing';

/**
 * No Docker engine runs where the tests run, so the compose file is validated
 * statically: schema and best practices by dclint, and the stack it declares.
 */
describe('docker-compose.yml', () => {
  const root = workspaceRoot();
  const file = join(root, 'docker-compose.yml');

  it('passes dclint with no errors and no warnings', () => {
    const run = spawnSync(join(root, 'node_modules/.bin/dclint'), ['--max-warnings', '0', '--color', 'false', file], { encoding: 'utf8' });
    expect(run.stdout + run.stderr).not.toMatch(/error|warning/i);
    expect(run.status).toBe(0);
  });

  it('declares nats, redis, the four services and the gateway, each with a healthcheck', () => {
    const text = readFileSync(file, 'utf8');
    // Up to the next top-level key (volumes:).
    const services = (text.split(/\nservices:\n/)[1] ?? '').split(/\n(?=[a-z])/)[0];
    const blocks = services.split(/\n(?= {2}[a-z-]+:\n)/);
    const names = blocks.map((b) => b.match(/^\s*([a-z-]+):/)?.[1]);
    expect(names.sort()).toEqual(['billing-service', 'gateway', 'kitchen-service', 'menu-service', 'nats', 'order-service', 'redis']);
    for (const b of blocks) expect(b).toContain('healthcheck:');
  });

  it('runs the services over NATS and publishes only the gateway, on port 3000', () => {
    const text = readFileSync(file, 'utf8');
    expect(text).toMatch(/TRANSPORT: nats/);
    expect(text.match(/ports:/g)).toHaveLength(1);
    expect(text).toMatch(/:3000:3000/);
    // No default secret: compose refuses to start without JWT_SECRET.
    expect(text).toMatch(/JWT_SECRET: \$\{JWT_SECRET:\?/);
  });

  it('gives the gateway (shared state) and the services (their data, on a volume) the Redis it starts, and every process time to drain before SIGKILL', () => {
    const text = readFileSync(file, 'utf8');
    expect(text).toMatch(/ REDIS_URL: redis:\/\/redis:6379/);
    // The services' data, shared by their instances, kept on a volume.
    expect(text).toMatch(/DATA_REDIS_URL: redis:\/\/redis:6379/);
    expect(text).toMatch(/redis-data:\/data/);
    // Docker's default is 10 s, the same as SHUTDOWN_GRACE_MS: the app's own grace must run out first.
    const grace = Number(/stop_grace_period: (\d+)s/.exec(text)?.[1]);
    expect(grace * 1000).toBeGreaterThan(10_000);
  });

  it('runs NATS as the tests do: deploy/nats.conf (the stale-client check that drops a hung instance) on a 2.10 or newer image', async () => {
    const text = readFileSync(file, 'utf8');
    const nats = text.split(/\n {2}nats:\n/)[1]?.split(/\n {2}[a-z-]+:\n/)[0] ?? '';
    const image = /image: nats:(\d+)\.(\d+)/.exec(nats);
    expect(image && atLeast([Number(image[1]), Number(image[2])], NATS_SERVER_MIN)).toBe(true);
    expect(nats).toContain('./deploy/nats.conf:/etc/nats/pizza.conf:ro');
    expect(nats).toMatch(/command: \[ "-c", "\/etc\/nats\/pizza\.conf"/);
    // The file is one a nats-server of that line accepts.
    const check = spawnSync(await natsServerBinary(), ['-t', '-c', DEPLOYED_NATS_CONF], { encoding: 'utf8' });
    expect(check.stdout + check.stderr).toMatch(/is valid/);
    expect(check.status).toBe(0);
  });
});
