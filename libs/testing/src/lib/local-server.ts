import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { canConnect, freePort } from './free-port';
import { ManagedProcess } from './managed-process';
import { waitFor } from './wait-for';

/**
 * A server binary run for the tests (nats-server, redis-server): its own free port
 * and temp dir; it can be paused (killed) and resumed on the same port, and stop()
 * removes its dir. `name` names it; `command` is the binary (a name on PATH, or a path).
 */
export abstract class LocalServer {
  private process?: ManagedProcess;

  protected constructor(
    private readonly name: string,
    private readonly command: string,
    readonly port: number,
    protected readonly dir: string,
  ) {}

  /** A free port and a temp dir for `name`. */
  protected static async allocate(name: string): Promise<{ port: number; dir: string }> {
    return { port: await freePort(), dir: mkdtempSync(join(tmpdir(), `${name}-e2e-`)) };
  }

  /** Throws, saying how to get it, when `command` is not on PATH. */
  protected static requireOnPath(command: string, installHint: string): void {
    if (spawnSync(command, ['--version']).error) throw new Error(`These tests need ${command} on PATH: ${installHint}`);
  }

  /** The command line for this port and dir. */
  protected abstract args(): string[];

  async resume(): Promise<void> {
    const p = new ManagedProcess(this.name, this.command, this.args());
    this.process = p;
    await waitFor(async () => (p.running ? canConnect(this.port) : Promise.reject(new Error(p.logs()))), { timeoutMs: 10_000, what: this.name });
  }

  /** SIGSTOP freezes it with its connections open (a hung server); SIGCONT thaws it. */
  signal(signal: NodeJS.Signals): void {
    this.process?.signal(signal);
  }

  /** Stops the server but keeps its port and dir for resume(). */
  async pause(): Promise<void> {
    await this.process?.stop();
  }

  async stop(): Promise<void> {
    await this.pause();
    rmSync(this.dir, { recursive: true, force: true });
  }
}
