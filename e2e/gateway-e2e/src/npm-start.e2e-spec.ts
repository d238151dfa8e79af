import { readdirSync, readFileSync } from 'node:fs';
import { canConnect, freePort, ManagedProcess, waitFor, workspaceRoot } from '@pizza/testing';

/** A process's state letter (R, S, Z, ...) and parent, from /proc; undefined once it is gone. */
function procStat(pid: number): { state: string; ppid: number } | undefined {
  try {
    // pid (comm) state ppid ...: comm may hold spaces and parentheses, so read after the last ')'.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const [state, ppid] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return { state, ppid: Number(ppid) };
  } catch {
    return undefined;
  }
}

const alive = (pid: number) => (procStat(pid)?.state ?? 'Z') !== 'Z';

/** Every live descendant of `pid`. */
function descendants(pid: number): number[] {
  const parentOf = new Map<number, number>();
  for (const entry of readdirSync('/proc')) {
    const stat = /^\d+$/.test(entry) ? procStat(Number(entry)) : undefined;
    if (stat && stat.state !== 'Z') parentOf.set(Number(entry), stat.ppid);
  }
  const found: number[] = [];
  const walk = (parent: number) => {
    for (const [child, p] of parentOf) {
      if (p !== parent) continue;
      found.push(child);
      walk(child);
    }
  };
  walk(pid);
  return found;
}

/**
 * The quick start's one command, as a user runs it: `npm start` brings up the four services and
 * the gateway, and stopping npm stops all of them (a process manager sends npm a SIGTERM).
 */
describe('npm start', () => {
  let npm: ManagedProcess;
  let stack: number[] = [];
  // Whatever the outcome, no process of the stack outlives the test.
  afterEach(async () => {
    if (npm?.running && npm.pid) stack.push(...descendants(npm.pid));
    await npm?.stop(20_000);
    for (const pid of stack) if (alive(pid)) process.kill(pid, 'SIGKILL');
  });

  it('runs the whole stack, and a SIGTERM to npm stops every process of it', async () => {
    const port = await freePort();
    const servicePorts = { MENU: await freePort(), ORDER: await freePort(), KITCHEN: await freePort(), BILLING: await freePort() };
    const env: NodeJS.ProcessEnv = { ...process.env, PORT: String(port), TRANSPORT: 'tcp', METRICS_PORT: '', LOG_LEVEL: 'warn' };
    // As a user's shell has it: Jest sets NODE_ENV=test.
    delete env['NODE_ENV'];
    for (const [service, p] of Object.entries(servicePorts)) env[`${service}_SERVICE_PORT`] = String(p);
    npm = new ManagedProcess('npm start', 'npm', ['start', '--', '--no-build'], { cwd: workspaceRoot(), env });

    const base = `http://127.0.0.1:${port}`;
    // Ready, or npm gone (it will not come back): then fail at once, with its output.
    await waitFor(async () => !npm.running || (await fetch(`${base}/health/ready`)).status === 200, { timeoutMs: 45_000, what: 'the stack to be ready' }).catch(
      (err: Error) => {
        throw new Error(`${err.message}\n${npm.logs()}`);
      },
    );
    if (!npm.running) throw new Error(`npm start exited before the stack was ready:\n${npm.logs()}`);
    const menu = await fetch(`${base}/v1/menu`);
    expect(menu.status).toBe(200);
    expect((await menu.json()) as unknown[]).toEqual(expect.arrayContaining([expect.objectContaining({ id: 'margherita' })]));

    stack = descendants(npm.pid as number);
    // npm's shell, the runner, four services and the gateway.
    expect(stack.length).toBeGreaterThanOrEqual(6);
    npm.signal('SIGTERM');
    await npm.exited;
    await waitFor(() => stack.every((pid) => !alive(pid)), { timeoutMs: 20_000, what: 'every process of the stack to exit' });
    for (const p of [port, ...Object.values(servicePorts)]) expect(await canConnect(p)).toBe(false);
  });
});
