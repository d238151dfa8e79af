import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, workspaceRoot } from '@pizza/testing';

/** Boots the built gateway with `env` and returns how it exited (it must not stay up), within a deadline. */
async function boot(env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  const port = String(await freePort());
  const cwd = mkdtempSync(join(tmpdir(), 'boot-'));
  const child = spawn(process.execPath, [join(workspaceRoot(), 'dist/apps/gateway/main.js')], {
    cwd,
    env: { PORT: port, HOST: '127.0.0.1', ...env },
  });
  let output = '';
  child.stdout.on('data', (d) => (output += d));
  child.stderr.on('data', (d) => (output += d));
  return new Promise((resolve) => {
    const deadline = setTimeout(() => child.kill('SIGKILL'), 15_000);
    child.on('exit', (code) => {
      clearTimeout(deadline);
      rmSync(cwd, { recursive: true, force: true });
      resolve({ code, output });
    });
  });
}

const GOOD_SECRET = 'k'.repeat(16) + 'production-secret-0123456789';

describe('production mode refuses to start on unsafe configuration', () => {
  it.each([
    ['no JWT secret', {}, /JWT_SECRET: required/],
    ['a short JWT secret', { JWT_SECRET: 'short-secret' }, /at least 32 bytes/],
    ['a published example secret', { JWT_SECRET: 'replace-me-with-32-or-more-random-bytes' }, /published example/],
    ['demo users on', { JWT_SECRET: GOOD_SECRET, DEMO_USERS: 'true' }, /DEMO_USERS/],
    ['CORS "*" with credentials', { JWT_SECRET: GOOD_SECRET, CORS_ORIGINS: '*', CORS_CREDENTIALS: 'true' }, /cannot be combined with CORS_CREDENTIALS/],
    ['RS256 without key files', { JWT_ALGORITHM: 'RS256' }, /JWT_PRIVATE_KEY_FILE: required/],
    ['half a TLS configuration', { JWT_SECRET: GOOD_SECRET, TLS_CERT_FILE: '/nonexistent.pem' }, /TLS_CERT_FILE and TLS_KEY_FILE/],
    // A rolling deploy would drop what is in flight when the grace runs out mid-drain.
    ['a shutdown grace the drain and a deadline do not fit in', { JWT_SECRET: GOOD_SECRET, SHUTDOWN_DRAIN_MS: '10000' }, /SHUTDOWN_GRACE_MS \(10000\) must cover SHUTDOWN_DRAIN_MS/],
  ])('%s', async (_name, env, message) => {
    const { code, output } = await boot({ NODE_ENV: 'production', ...env });
    expect(code).toBe(1);
    expect(output).toMatch(/Refusing to start/);
    expect(output).toMatch(message);
    // A clear message, not a stack trace.
    expect(output).not.toMatch(/\n\s+at /);
  });
});
