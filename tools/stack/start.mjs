#!/usr/bin/env node
// `npm start`: build (Nx cache makes repeat builds instant), then run the four
// services and the gateway as separate processes, as they run in production.
// Configuration comes from the environment (see .env.example); TRANSPORT=nats
// switches every process to NATS at NATS_URL. Ctrl-C stops everything gracefully.
//
//   npm start -- --instances order=2,menu=3   several instances of a service:
//     over TCP the extra ones listen on the base port + 10, + 20, ... and every
//     caller balances over *_SERVICE_ADDRS; over NATS they share a queue group.
//     With DATA_REDIS_URL set the instances of a service share their data there.
//   npm start -- --no-build                   reuse the last build
// Prometheus metrics: the gateway on http://127.0.0.1:9464/metrics (METRICS_PORT), each
// service process on the ports after it (9465, 9466, ...); METRICS_PORT= turns them off.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const SERVICES = ['menu-service', 'order-service', 'kitchen-service', 'billing-service'];
const APPS = [...SERVICES, 'gateway'];
const argv = process.argv.slice(2);
const args = new Set(argv);
const DEFAULT_PORTS = { menu: 4001, order: 4002, kitchen: 4003, billing: 4004 };

/** --instances order=2,menu=3 -> { order: 2, menu: 3 } */
function parseInstances() {
  const i = argv.indexOf('--instances');
  const spec = i >= 0 ? argv[i + 1] : argv.find((a) => a.startsWith('--instances='))?.split('=').slice(1).join('=');
  const counts = {};
  for (const part of (spec ?? '').split(',').filter(Boolean)) {
    const [name, n] = part.split('=');
    if (!(name in DEFAULT_PORTS) || !/^[1-9]\d?$/.test(n ?? '')) {
      console.error(`--instances expects service=count, e.g. order=2 (services: ${Object.keys(DEFAULT_PORTS).join(', ')})`);
      process.exit(2);
    }
    counts[name] = Number(n);
  }
  return counts;
}
const instances = parseInstances();
const several = Object.entries(instances).filter(([, n]) => n > 1).map(([name]) => name);
if (several.length > 0 && !process.env.DATA_REDIS_URL) {
  // Without a shared store each instance has its own data: say so before someone reads a 404 as a balancing bug.
  console.warn(
    `note: ${several.join(', ')}: each instance keeps its own data in memory; DATA_REDIS_URL=redis://127.0.0.1:6379 shares it (see README, Scaling out)`,
  );
}

if (!args.has('--no-build')) {
  const build = spawnSync(join(root, 'node_modules/.bin/nx'), ['run-many', '-t', 'build', '-p', APPS.join(','), '--outputStyle=static'], {
    cwd: root,
    stdio: 'inherit',
  });
  if (build.status !== 0) process.exit(build.status ?? 1);
}

const COLORS = [36, 35, 33, 32, 34];
const children = new Map();
let stopping = false;

function prefix(name, i) {
  return `\x1b[${COLORS[i % COLORS.length]}m${name.padEnd(17)}\x1b[0m|`;
}

function pipe(stream, out, tag) {
  let rest = '';
  stream.on('data', (chunk) => {
    const lines = (rest + chunk).split('\n');
    rest = lines.pop();
    for (const line of lines) out.write(`${tag} ${line}\n`);
  });
}

// Every process of the stack: [label, app, own env].
const processes = [];
const sharedEnv = { ...process.env };
for (const app of SERVICES) {
  const service = app.replace('-service', '');
  const key = service.toUpperCase();
  const base = Number(process.env[`${key}_SERVICE_PORT`] ?? DEFAULT_PORTS[service]);
  const host = process.env[`${key}_SERVICE_HOST`] ?? '127.0.0.1';
  const n = instances[service] ?? 1;
  const ports = Array.from({ length: n }, (_, i) => base + 10 * i);
  if (n > 1) sharedEnv[`${key}_SERVICE_ADDRS`] = ports.map((p) => `${host}:${p}`).join(',');
  // Each instance its own INSTANCE_ID (its ping subject over NATS), as each container has its own host name.
  ports.forEach((port, i) => processes.push([n > 1 ? `${app}#${i + 1}` : app, app, { [`${key}_SERVICE_PORT`]: String(port), ...(n > 1 ? { INSTANCE_ID: `${app}-${i + 1}` } : {}) }]));
}
processes.push(['gateway', 'gateway', {}]);
// Metrics on by default here, each process on a loopback port of its own: the gateway on
// METRICS_PORT, the services on the ports after it. METRICS_PORT= (empty) turns them all off.
const metricsBase = 'METRICS_PORT' in process.env ? process.env.METRICS_PORT : '9464';
if (metricsBase) {
  const gateway = processes.at(-1);
  gateway[2].METRICS_PORT = metricsBase;
  processes.slice(0, -1).forEach(([, , env], i) => (env.METRICS_PORT = String(Number(metricsBase) + 1 + i)));
  console.log(`metrics: ${processes.map(([name, , env]) => `${name} :${env.METRICS_PORT}`).join(', ')}`);
} else {
  for (const [, , env] of processes) env.METRICS_PORT = '';
}

processes.forEach(([name, app, ownEnv], i) => {
  const main = join(root, 'dist/apps', app, 'main.js');
  if (!existsSync(main)) {
    console.error(`missing ${main}: run without --no-build`);
    process.exit(1);
  }
  const child = spawn(process.execPath, ['--enable-source-maps', main], { cwd: root, env: { ...sharedEnv, ...ownEnv }, stdio: ['ignore', 'pipe', 'pipe'] });
  const tag = prefix(name, i);
  pipe(child.stdout, process.stdout, tag);
  pipe(child.stderr, process.stderr, tag);
  children.set(name, child);
  child.on('exit', (code, signal) => {
    children.delete(name);
    if (!stopping) {
      console.error(`${tag} exited (${signal ?? code}); stopping the stack`);
      stop(code || 1);
    } else if (children.size === 0) {
      process.exit(process.exitCode ?? 0);
    }
  });
});

function stop(code = 0) {
  if (stopping) return;
  stopping = true;
  process.exitCode = code;
  for (const child of children.values()) child.kill('SIGTERM');
  if (children.size === 0) process.exit(code);
  // A process that ignores SIGTERM past the grace period is killed.
  setTimeout(() => {
    for (const child of children.values()) child.kill('SIGKILL');
  }, 15_000).unref();
}

process.on('SIGINT', () => stop(0));
process.on('SIGTERM', () => stop(0));

// Under `npm start` the parent is npm's shell. npm passes a SIGTERM on to that shell, which
// dies of it without passing it on: the stack would run on, orphaned, holding its ports. So
// when the parent is gone, stop as if signalled. (Run directly, e.g. under nohup, the runner
// outlives its parent as any process does.)
if (process.env.npm_lifecycle_event) {
  const parent = process.ppid;
  setInterval(() => process.ppid !== parent && stop(0), 250).unref();
}
// The terminal or pipe the parent gave us may be gone with it: a lost log line must not end
// the runner and leave its children unsupervised.
for (const out of [process.stdout, process.stderr]) {
  out.on('error', (err) => {
    if (err.code !== 'EPIPE') throw err;
  });
}
