#!/usr/bin/env node
// `npm start`: build (Nx cache makes repeat builds instant), then run the four
// services and the gateway as separate processes, as they run in production.
// Configuration comes from the environment (see .env.example); TRANSPORT=nats
// switches every process to NATS at NATS_URL. Ctrl-C stops everything gracefully.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const SERVICES = ['menu-service', 'order-service', 'kitchen-service', 'billing-service'];
const APPS = [...SERVICES, 'gateway'];
const args = new Set(process.argv.slice(2));

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
  return `\x1b[${COLORS[i % COLORS.length]}m${name.padEnd(15)}\x1b[0m|`;
}

function pipe(stream, out, tag) {
  let rest = '';
  stream.on('data', (chunk) => {
    const lines = (rest + chunk).split('\n');
    rest = lines.pop();
    for (const line of lines) out.write(`${tag} ${line}\n`);
  });
}

APPS.forEach((name, i) => {
  const main = join(root, 'dist/apps', name, 'main.js');
  if (!existsSync(main)) {
    console.error(`missing ${main}: run without --no-build`);
    process.exit(1);
  }
  const child = spawn(process.execPath, ['--enable-source-maps', main], { cwd: root, env: process.env, stdio: ['ignore', 'pipe', 'pipe'] });
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
