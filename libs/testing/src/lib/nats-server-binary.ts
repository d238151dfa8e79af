import { readTestServersEnv, type TestServersEnv } from '@pizza/config';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { workspaceRoot } from './workspace-root';

/**
 * The oldest nats-server the tests accept: the one deployed (docker-compose.yml) and the first whose
 * stale-client check (deploy/nats.conf) closes a hung subscriber. 2.9 counts its own deliveries to a
 * client as activity and never pings one it keeps sending to.
 */
export const NATS_SERVER_MIN: readonly [number, number] = [2, 10];

/** Debian 13's build of nats-server, pinned and checked: fetched when no new enough one is installed. */
const DEBIAN_VERSION = '2.10.27-1+b2';
const DEBIAN_BUILDS: Partial<Record<string, { arch: string; sha256: string }>> = {
  x64: { arch: 'amd64', sha256: '6d913ac987b78734c08537c2adeb1526cf735f216173a9170d94b185fcfe6f8a' },
  arm64: { arch: 'arm64', sha256: '0c9a617510b28c1b4fb4a38aabea6ab8cd7f026247f2abdff8b955b2278ce049' },
};
const DEBIAN_POOL = 'https://deb.debian.org/debian/pool/main/n/nats-server';

/** `nats-server: v2.10.27` -> [2, 10, 27]; undefined when the output says no version. */
export function parseNatsServerVersion(output: string): [number, number, number] | undefined {
  const m = /\bv?(\d+)\.(\d+)\.(\d+)/.exec(output);
  return m ? [Number(m[1]), Number(m[2]), Number(m[3])] : undefined;
}

/** Whether `version` is at least `min` ([major, minor]). */
export function atLeast(version: readonly number[], min: readonly [number, number]): boolean {
  return version[0] > min[0] || (version[0] === min[0] && version[1] >= min[1]);
}

/** The version a binary reports, or undefined when it cannot be run. */
function versionOf(bin: string): [number, number, number] | undefined {
  const r = spawnSync(bin, ['--version'], { encoding: 'utf8' });
  return r.error ? undefined : parseNatsServerVersion(`${r.stdout}${r.stderr}`);
}

let resolved: Promise<string> | undefined;

/** findNatsServer, once per process. */
export function natsServerBinary(): Promise<string> {
  resolved ??= findNatsServer().catch((err: unknown) => {
    resolved = undefined;
    throw err;
  });
  return resolved;
}

/**
 * A nats-server of at least NATS_SERVER_MIN, in this order: NATS_SERVER_BIN; `nats-server` on
 * PATH; Debian 13's build, downloaded once into node_modules/.cache (checked against its SHA-256,
 * unpacked with dpkg-deb). Debian 12 ships 2.9, so `npm test` on a fresh Debian 12 machine still
 * needs nothing installed by hand. Anything else is an error that says what to install.
 */
export async function findNatsServer(env: TestServersEnv = readTestServersEnv()): Promise<string> {
  const wanted = `nats-server ${NATS_SERVER_MIN.join('.')} or newer`;
  const explicit = env.NATS_SERVER_BIN;
  if (explicit) {
    const version = versionOf(explicit);
    if (!version || !atLeast(version, NATS_SERVER_MIN)) throw new Error(`NATS_SERVER_BIN=${explicit} is ${version ? `v${version.join('.')}` : 'not a nats-server that runs'}: the tests need ${wanted}`);
    return explicit;
  }
  const onPath = versionOf('nats-server');
  if (onPath && atLeast(onPath, NATS_SERVER_MIN)) return 'nats-server';

  const build = DEBIAN_BUILDS[process.arch];
  const cached = join(workspaceRoot(), 'node_modules', '.cache', 'nats-server', DEBIAN_VERSION, 'nats-server');
  if (existsSync(cached) && versionOf(cached)) return cached;
  const found = onPath ? `nats-server on PATH is v${onPath.join('.')}` : 'no nats-server is on PATH';
  const hint = `The tests need ${wanted} (${found}): install one (Debian 13: apt-get install nats-server), or point NATS_SERVER_BIN at it`;
  if (process.platform !== 'linux' || !build || spawnSync('dpkg-deb', ['--version']).error) throw new Error(hint);
  try {
    await fetchDebianBuild(build, cached);
  } catch (err) {
    throw new Error(`${hint}. Fetching Debian's build failed: ${(err as Error).message}`);
  }
  return cached;
}

/** Downloads the .deb, checks it, and moves its nats-server to `target` in one rename (parallel test workers may race). */
async function fetchDebianBuild(build: { arch: string; sha256: string }, target: string): Promise<void> {
  const url = `${DEBIAN_POOL}/nats-server_${DEBIAN_VERSION}_${build.arch}.deb`;
  const res = await fetch(url, { signal: AbortSignal.timeout(120_000) });
  if (!res.ok) throw new Error(`${url}: HTTP ${res.status}`);
  const deb = Buffer.from(await res.arrayBuffer());
  const sha256 = createHash('sha256').update(deb).digest('hex');
  if (sha256 !== build.sha256) throw new Error(`${url}: SHA-256 ${sha256}, expected ${build.sha256}`);
  const dir = join(target, '..');
  mkdirSync(dir, { recursive: true });
  const work = mkdtempSync(join(dir, 'unpack-'));
  try {
    writeFileSync(join(work, 'nats-server.deb'), deb);
    const unpack = spawnSync('dpkg-deb', ['-x', join(work, 'nats-server.deb'), join(work, 'root')], { encoding: 'utf8' });
    if (unpack.status !== 0) throw new Error(`dpkg-deb -x failed: ${unpack.stderr}`);
    renameSync(join(work, 'root', 'usr', 'sbin', 'nats-server'), target);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
