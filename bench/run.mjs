#!/usr/bin/env node
// `npm run bench`: throughput and latency of the gateway against a bare Fastify
// baseline measured in the same run (machines here are noisy: read the ratios).
//
//   baseline      bare Fastify answering the same JSON a service would (bench/baseline.mjs)
//   floor-hop     bare Fastify -> raw TCP server (bench/floor-hop.mjs): one hop with no
//                 framework, the ceiling any gateway could reach on this machine
//   floor-nest    a bare NestJS app (no guards, pipes, interceptors) forwarding through
//                 Nest's ClientTCP to the same raw server (bench/floor-nest.mjs)
//   floor-nats    the same over NATS: bare Fastify -> nats-server -> plain subscriber
//   tcp           gateway -> menu-service over TCP (one hop), resilience on, cache off
//   tcp-raw       the same with breakers and retries off (RPC_RESILIENCE_ENABLED=false)
//   tcp-observed  tcp with Prometheus metrics (METRICS_PORT, gateway and menu-service) and the access
//                 log (LOG_LEVEL=log) on, as in production: what observing every request costs
//   nats          gateway -> menu-service over NATS (one hop), resilience on, cache off
//   cached-memory GET /v1/menu/:id served from the gateway's memory cache, rate limiter on
//   cached-redis  the same from a shared Redis (a redis-server started for the run)
//
// Route: GET /v1/menu/:id. Each at 50 connections and at 1 connection.
// Options: --duration S per run (default 5), --rounds N (default 3), --only name,name,
// --tool wrk|autocannon (default: wrk when it is on PATH, a C load generator that leaves
// more CPU to the processes under test on a 2-core machine; else autocannon).
// Ratios are medians of per-round ratios: each round measures every target once.
// Where /proc exists (Linux), the CPU time each process of a target used per request
// (user + system) is reported too: steadier than throughput on a noisy machine, and it
// says which process costs what.
import autocannon from 'autocannon';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { createServer, connect } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const argv = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 ? argv[i + 1] : dflt;
};
const DURATION = Number(opt('duration', '5'));
const ROUNDS = Number(opt('rounds', '3'));
const ONLY = opt('only', '')?.split(',').filter(Boolean);
const PATH = '/v1/menu/margherita';
const TOOL = opt('tool', spawnSync('wrk', ['--version']).error ? 'autocannon' : 'wrk');

const freePort = () =>
  new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
const canConnect = (port) =>
  new Promise((resolve) => {
    const c = connect(port, '127.0.0.1');
    c.once('connect', () => (c.destroy(), resolve(true)));
    c.once('error', () => resolve(false));
  });
async function until(probe, ms, what) {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (await probe().catch(() => false)) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`timed out waiting for ${what}`);
}

/** CPU time (user + system, in clock ticks) a process has used so far; undefined without /proc. */
const CLOCK_TICKS = Number(spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).stdout) || 100;
const HAS_PROC = existsSync('/proc/self/stat');
function cpuTicks(pid) {
  if (!HAS_PROC) return undefined;
  try {
    // Fields after the command name, which may hold spaces and parentheses: utime and stime are the 12th and 13th.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return Number(fields[11]) + Number(fields[12]);
  } catch {
    return undefined;
  }
}

/** A spawned process of a target, named for the CPU table. */
const proc = (role, child) => ({ role, child });
// A child that already ended (by exit code or by a signal) has fired its last "exit": waiting for another would hang.
const stopAll = (procs) => Promise.all(procs.map(({ child }) => new Promise((r) => (child.exitCode !== null || child.signalCode !== null ? r() : (child.once('exit', r), child.kill('SIGTERM'))))));

function build() {
  const nx = join(root, 'node_modules/.bin/nx');
  const r = spawnSync(nx, ['run-many', '-t', 'build', '-p', 'gateway', 'menu-service', '--outputStyle=static'], { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

/** In a process of its own, like every target (bench/baseline.mjs says why). */
async function startBaseline() {
  const port = await freePort();
  const procs = [proc('fastify', spawn(process.execPath, [join(root, 'bench/baseline.mjs'), String(port)], { cwd: root, stdio: 'ignore' }))];
  const url = `http://127.0.0.1:${port}`;
  await until(async () => (await fetch(url + PATH)).status === 200, 10_000, 'the baseline');
  return { url, procs, stop: () => stopAll(procs) };
}

async function startNats() {
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'bench-nats-'));
  const procs = [proc('nats-server', spawn('nats-server', ['-a', '127.0.0.1', '-p', String(port), '-sd', dir], { stdio: 'ignore' }))];
  await until(() => canConnect(port), 10_000, 'nats-server');
  return { url: `nats://127.0.0.1:${port}`, procs, stop: async () => (await stopAll(procs), rmSync(dir, { recursive: true, force: true })) };
}

async function startRedis() {
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'bench-redis-'));
  const procs = [proc('redis-server', spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir], { stdio: 'ignore' }))];
  await until(() => canConnect(port), 10_000, 'redis-server');
  return { url: `redis://127.0.0.1:${port}`, procs, stop: async () => (await stopAll(procs), rmSync(dir, { recursive: true, force: true })) };
}

/**
 * The no-framework hop: two processes, like the real stack. With a NATS URL, over NATS.
 * With `nest`, the gateway side is a bare NestJS app instead of bare Fastify.
 */
async function startFloorHop(natsUrl, { nest = false } = {}) {
  const port = await freePort();
  const serverPort = natsUrl ?? String(await freePort());
  const script = join(root, 'bench/floor-hop.mjs');
  const [server, gateway] = natsUrl ? ['nats-server', 'nats-gateway'] : ['server', 'gateway'];
  const procs = [proc('server', spawn(process.execPath, [script, server, serverPort], { cwd: root, stdio: 'ignore' }))];
  // The TCP gateway connects once, at start: the server must be listening first.
  if (!natsUrl) await until(() => canConnect(Number(serverPort)), 10_000, 'the floor server');
  const gatewayArgs = nest ? [join(root, 'bench/floor-nest.mjs'), String(port), serverPort] : [script, gateway, String(port), serverPort];
  procs.unshift(proc('gateway', spawn(process.execPath, gatewayArgs, { cwd: root, stdio: 'ignore' })));
  const url = `http://127.0.0.1:${port}`;
  await until(async () => (await fetch(url + PATH)).status === 200, 20_000, 'the floor hop');
  return { url, procs, stop: () => stopAll(procs) };
}

/** Gateway + menu-service only: the route under test touches nothing else. */
async function startStack(env) {
  const gatewayPort = await freePort();
  const menuPort = await freePort();
  const cwd = mkdtempSync(join(tmpdir(), 'bench-stack-'));
  // The limiter runs (its cost is part of the measure) with limits the load cannot reach.
  const limits = { RATE_LIMITS: 'burst=100000000/1s', RATE_LIMIT_LOGIN: '1000/1m', RATE_LIMIT_ORDERS: '1000/1m' };
  const common = { PATH: process.env.PATH, NODE_ENV: 'production', LOG_LEVEL: 'warn', JWT_SECRET: 'bench-secret-long-enough-for-hs256-0123456789', MENU_SERVICE_PORT: String(menuPort), ...limits, ...env };
  // With metrics on, each process serves them on a port of its own.
  const menuEnv = env.METRICS_PORT ? { ...common, METRICS_PORT: String(await freePort()) } : common;
  const menu = proc('menu', spawn(process.execPath, [join(root, 'dist/apps/menu-service/main.js')], { cwd, env: menuEnv, stdio: 'ignore' }));
  const gateway = proc('gateway', spawn(process.execPath, [join(root, 'dist/apps/gateway/main.js')], { cwd, env: { ...common, PORT: String(gatewayPort), HOST: '127.0.0.1' }, stdio: 'ignore' }));
  const procs = [gateway, menu];
  const url = `http://127.0.0.1:${gatewayPort}`;
  await until(async () => (await fetch(url + PATH)).status === 200, 20_000, 'the gateway');
  return {
    url,
    procs,
    stop: async () => {
      await stopAll(procs);
      rmSync(cwd, { recursive: true, force: true });
    },
  };
}

/** wrk's "1.23ms" / "456.00us" / "1.02s" -> ms */
function wrkMs(text) {
  const m = /([\d.]+)(us|ms|s)/.exec(text);
  if (!m) return NaN;
  return Number(m[1]) * { us: 0.001, ms: 1, s: 1000 }[m[2]];
}

/** Asynchronous: the runner keeps its own event loop free while wrk runs. */
function wrk(args) {
  return new Promise((resolve, reject) => {
    const child = spawn('wrk', args);
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    child.on('exit', (code) => (code === 0 ? resolve(out) : reject(new Error(`wrk failed: ${err}`))));
  });
}

async function runWrk(url, connections, duration) {
  const out = await wrk(['-t1', `-c${connections}`, `-d${duration}s`, '--latency', url + PATH]);
  const rps = Number(/Requests\/sec:\s+([\d.]+)/.exec(out)?.[1]);
  const pct = (p) => wrkMs(new RegExp(`\\s${p}%\\s+(\\S+)`).exec(out)?.[1] ?? '');
  const non2xx = Number(/Non-2xx or 3xx responses:\s+(\d+)/.exec(out)?.[1] ?? 0);
  const socketErrors = /Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/.exec(out);
  const errors = non2xx + (socketErrors ? socketErrors.slice(1).reduce((a, b) => a + Number(b), 0) : 0);
  const requests = Number(/(\d+) requests in/.exec(out)?.[1]);
  return { rps, requests, p50: pct(50), p99: pct(99), meanMs: connections === 1 ? 1000 / rps : wrkMs(/Latency\s+(\S+)/.exec(out)?.[1] ?? ''), errors };
}

function run(url, connections, duration) {
  if (TOOL === 'wrk') return runWrk(url, connections, duration);
  return new Promise((resolve, reject) => {
    autocannon({ url: url + PATH, connections, duration, pipelining: 1 }, (err, r) => {
      if (err) return reject(err);
      resolve({
        rps: r.requests.average,
        requests: r.requests.total,
        p50: r.latency.p50,
        p99: r.latency.p99,
        // Round-trip from throughput at one connection: finer than the ms histogram.
        meanMs: connections === 1 ? 1000 / r.requests.average : r.latency.mean,
        errors: r.errors + r.non2xx + r.timeouts,
      });
    });
  });
}

const median = (xs) => {
  const sorted = [...xs].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

const NO_CACHE = { CACHE_TTL_SECONDS: '0' };
/** Each starter brings up what its target needs (brokers included) and returns { url, procs, stop }. */
const withBroker = (startBroker, startTarget) => async () => {
  const broker = await startBroker();
  const target = await startTarget(broker.url);
  return { url: target.url, procs: [...target.procs, ...broker.procs], stop: async () => (await target.stop(), broker.stop()) };
};

/** One load run against a target, with the CPU time each of its processes used per request (us). */
async function measure(target, connections) {
  const before = target.procs.map(({ child }) => cpuTicks(child.pid));
  const sample = await run(target.url, connections, DURATION);
  const after = target.procs.map(({ child }) => cpuTicks(child.pid));
  const perRequest = (i) => (before[i] === undefined || after[i] === undefined || !sample.requests ? NaN : (((after[i] - before[i]) / CLOCK_TICKS) * 1e6) / sample.requests);
  sample.cpuUs = Object.fromEntries(target.procs.map(({ role }, i) => [role, perRequest(i)]));
  sample.cpuTotalUs = Object.values(sample.cpuUs).reduce((a, b) => a + b, 0);
  return sample;
}
const TARGETS = [
  ['baseline', startBaseline],
  ['floor-hop', () => startFloorHop()],
  ['floor-nest', () => startFloorHop(undefined, { nest: true })],
  ['tcp', () => startStack({ TRANSPORT: 'tcp', ...NO_CACHE })],
  ['tcp-raw', () => startStack({ TRANSPORT: 'tcp', RPC_RESILIENCE_ENABLED: 'false', ...NO_CACHE })],
  ['tcp-observed', async () => startStack({ TRANSPORT: 'tcp', METRICS_PORT: String(await freePort()), LOG_LEVEL: 'log', ...NO_CACHE })],
  ['floor-nats', withBroker(startNats, (url) => startFloorHop(url))],
  ['nats', withBroker(startNats, (url) => startStack({ TRANSPORT: 'nats', NATS_URL: url, ...NO_CACHE }))],
  ['cached-memory', () => startStack({ TRANSPORT: 'tcp', CACHE_TTL_SECONDS: '3600' })],
  ['cached-redis', withBroker(startRedis, (url) => startStack({ TRANSPORT: 'tcp', CACHE_TTL_SECONDS: '3600', REDIS_URL: url }))],
].filter(([name]) => !ONLY?.length || ONLY.includes(name) || name === 'baseline');

// Every target runs at once and the rounds interleave them (baseline, tcp, ..., baseline, tcp, ...):
// a slow moment of the machine then hits one round of every target, not all rounds of one.
build();
const started = [];
const samples = new Map(TARGETS.map(([name]) => [name, { c50: [], c1: [] }]));
try {
  for (const [name, start] of TARGETS) {
    process.stderr.write(`== starting ${name}\n`);
    started.push({ name, ...(await start()) });
  }
  for (const t of started) await run(t.url, 50, 2);
  for (const [connections, key] of [[50, 'c50'], [1, 'c1']]) {
    for (let round = 1; round <= ROUNDS; round++) {
      for (const t of started) {
        process.stderr.write(`== round ${round}/${ROUNDS}, ${connections} connection(s), ${DURATION}s: ${t.name}\n`);
        samples.get(t.name)[key].push(await measure(t, connections));
      }
    }
  }
} finally {
  for (const t of started.reverse()) await t.stop();
}

/** Median over rounds of a per-round comparison with another target (same round, same machine state). */
const perRound = (name, other, key, f) => median(samples.get(name)[key].map((s, i) => f(s, samples.get(other)[key][i])));
const rows = TARGETS.map(([name]) => {
  const { c50, c1 } = samples.get(name);
  return {
    name,
    rps50: median(c50.map((s) => s.rps)).toFixed(0),
    ratio: perRound(name, 'baseline', 'c50', (s, b) => s.rps / b.rps).toFixed(2) + 'x',
    p50: Number(median(c50.map((s) => s.p50)).toFixed(2)),
    p99: Number(median(c50.map((s) => s.p99)).toFixed(2)),
    rps1: median(c1.map((s) => s.rps)).toFixed(0),
    mean1: median(c1.map((s) => s.meanMs)).toFixed(3),
    added: name === 'baseline' ? '-' : perRound(name, 'baseline', 'c1', (s, b) => s.meanMs - b.meanMs).toFixed(3),
    // The measure: the median request's latency at one connection, over the baseline's.
    addedP50: name === 'baseline' ? '-' : perRound(name, 'baseline', 'c1', (s, b) => s.p50 - b.p50).toFixed(3),
    errors: [...c50, ...c1].reduce((n, s) => n + s.errors, 0),
  };
});
const has = (...names) => names.every((n) => samples.has(n));
const vs = (a, b) => perRound(a, b, 'c50', (s, o) => s.rps / o.rps).toFixed(2);
const us = (x) => (Number.isFinite(x) ? x.toFixed(0) : '?');
/** CPU per request (user + system, from /proc), per target: all its processes, and each. */
const cpuRows = TARGETS.map(([name]) => {
  const { c50, c1 } = samples.get(name);
  const roles = Object.keys(c50[0]?.cpuUs ?? {});
  return {
    name,
    total50: us(median(c50.map((s) => s.cpuTotalUs))),
    times: perRound(name, 'baseline', 'c50', (s, b) => s.cpuTotalUs / b.cpuTotalUs).toFixed(2) + 'x',
    each: roles.map((role) => `${role} ${us(median(c50.map((s) => s.cpuUs[role])))}`).join(', '),
    total1: us(median(c1.map((s) => s.cpuTotalUs))),
    each1: roles.map((role) => `${role} ${us(median(c1.map((s) => s.cpuUs[role])))}`).join(', '),
  };
});
/** How much more CPU per request process `role` of target a spends than that of b (median of per-round differences). */
const cpuCost = (a, b, role) => (perRound(a, b, 'c50', (s, o) => s.cpuUs[role] / o.cpuUs[role] - 1) * 100).toFixed(1);
const cpuTable = HAS_PROC
  ? [
      '',
      'CPU time per request (user + system, from /proc; us, medians): what each process spends, steadier than req/s on a noisy machine.',
      '',
      '| target | CPU us/req @50 | times the baseline | per process @50 | CPU us/req @1 | per process @1 |',
      '| --- | --- | --- | --- | --- | --- |',
      ...cpuRows.map((r) => `| ${r.name} | ${r.total50} | ${r.times} | ${r.each} | ${r.total1} | ${r.each1} |`),
      '',
      has('tcp', 'tcp-raw') ? `resilience layers cost: ${cpuCost('tcp', 'tcp-raw', 'gateway')}% of the gateway's CPU per request @50` : '',
      has('tcp', 'tcp-observed') ? `metrics + access log cost: ${cpuCost('tcp-observed', 'tcp', 'gateway')}% of the gateway's CPU per request @50` : '',
    ]
  : [];
const table = [
  `GET ${PATH}; ${ROUNDS} interleaved rounds of ${DURATION}s per target, medians; load by ${TOOL}; ${new Date().toISOString()}; node ${process.version}`,
  '',
  '| target | req/s @50 | vs baseline | p50 ms | p99 ms | req/s @1 | mean ms @1 | added ms @1 | added p50 ms @1 | errors |',
  '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |',
  ...rows.map((r) => `| ${r.name} | ${r.rps50} | ${r.ratio} | ${r.p50} | ${r.p99} | ${r.rps1} | ${r.mean1} | ${r.added} | ${r.addedP50} | ${r.errors} |`),
  '',
  has('tcp', 'floor-hop') ? `tcp hop vs the no-framework floor-hop: ${vs('tcp', 'floor-hop')}x throughput @50` : '',
  has('floor-nest', 'floor-hop') ? `bare NestJS hop vs floor-hop: ${vs('floor-nest', 'floor-hop')}x throughput @50` : '',
  has('nats', 'floor-nats') ? `nats hop vs the no-framework floor-nats: ${vs('nats', 'floor-nats')}x throughput @50` : '',
  has('tcp', 'tcp-raw')
    ? `resilience layers (breaker + retry + balancing) cost: ${(perRound('tcp', 'tcp-raw', 'c50', (s, o) => 1 - s.rps / o.rps) * 100).toFixed(1)}% throughput @50 (median of per-round differences)`
    : '',
  has('tcp', 'tcp-observed')
    ? `metrics + access log cost: ${(perRound('tcp-observed', 'tcp', 'c50', (s, o) => 1 - s.rps / o.rps) * 100).toFixed(1)}% throughput @50 (median of per-round differences)`
    : '',
  ...cpuTable,
]
  .join('\n')
  // Lines of comparisons whose targets were left out (--only) are empty.
  .replace(/\n{3,}/g, '\n\n');
console.log('\n' + table);
mkdirSync(join(root, 'tmp'), { recursive: true });
writeFileSync(join(root, 'tmp/bench-latest.md'), table + '\n');
writeFileSync(join(root, 'tmp/bench-samples.json'), JSON.stringify(Object.fromEntries(samples)));
