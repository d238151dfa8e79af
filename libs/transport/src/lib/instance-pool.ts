import { Logger } from '@nestjs/common';
import type { ClientProxy } from '@nestjs/microservices';

export interface Instance {
  readonly label: string;
  readonly proxy: ClientProxy;
  consecutiveFailures: number;
  ejectedUntil: number;
  /** Back from an ejection, not yet answered since: it gets one trial call at a time. */
  probation: boolean;
  /** While its trial call is out (or until then, if its outcome never comes), no other call is sent to it. */
  trialUntil: number;
  /** Calls of ours waiting on it now. */
  inFlight: number;
  /** It said it is shutting down: its connection is closed once `inFlight` is 0. */
  closeWhenIdle: boolean;
}

export interface OutlierPolicy {
  /** Consecutive transport failures that eject an instance. */
  maxFailures: number;
  /** How long it rests before it is tried again. */
  ejectMs: number;
}

/**
 * The instances of one service and which of them to call: round-robin over the
 * healthy ones, with passive outlier detection (as in Envoy): an instance that
 * fails `maxFailures` times in a row is ejected for `ejectMs`, then re-admitted on
 * probation: one trial call at a time until it answers (a failure ejects it again, a
 * success clears it). A hung instance then costs one call per rest, not every call
 * sent its way until the first of them times out. When every instance is ejected the
 * pool still answers (panic mode): failing fast against a maybe-recovered instance
 * beats refusing to try.
 */
export class InstancePool {
  private readonly logger = new Logger('InstancePool');
  private cursor = 0;

  constructor(
    readonly service: string,
    private readonly instances: Instance[],
    private readonly policy: OutlierPolicy,
    private readonly now: () => number = Date.now,
  ) {
    if (!instances.length) throw new Error(`${service}: an instance pool needs at least one instance`);
  }

  static of(service: string, proxies: Array<{ label: string; proxy: ClientProxy }>, policy: OutlierPolicy, now?: () => number): InstancePool {
    return new InstancePool(service, proxies.map((p) => ({ ...p, consecutiveFailures: 0, ejectedUntil: 0, probation: false, trialUntil: 0, inFlight: 0, closeWhenIdle: false })), policy, now);
  }

  /** The next healthy instance, preferring one other than `avoid` (the one that just failed). */
  pick(avoid?: Instance): Instance {
    const t = this.now();
    const n = this.instances.length;
    let fallback: Instance | undefined;
    for (let i = 0; i < n; i++) {
      const candidate = this.instances[(this.cursor + i) % n];
      if (candidate.ejectedUntil > t || (candidate.probation && candidate.trialUntil > t)) continue;
      if (candidate === avoid && n > 1) {
        fallback ??= candidate;
        continue;
      }
      this.cursor = (this.cursor + i + 1) % n;
      // Its trial: the next call waits for its answer (for a rest at most, should none come).
      if (candidate.probation) candidate.trialUntil = t + this.policy.ejectMs;
      return candidate;
    }
    if (fallback) {
      if (fallback.probation) fallback.trialUntil = t + this.policy.ejectMs;
      return fallback;
    }
    // Panic mode: all ejected; use the one that has rested longest.
    return this.instances.reduce((a, b) => (a.ejectedUntil <= b.ejectedUntil ? a : b));
  }

  succeeded(instance: Instance): void {
    instance.consecutiveFailures = 0;
    instance.probation = false;
    instance.trialUntil = 0;
  }

  failed(instance: Instance): void {
    instance.consecutiveFailures++;
    if (instance.consecutiveFailures >= this.policy.maxFailures && instance.ejectedUntil <= this.now()) {
      this.eject(instance);
      this.logger.warn(`${this.service} ${instance.label} ejected for ${this.policy.ejectMs} ms after consecutive failures`);
    }
  }

  /** A call is sent to `instance` (release it when it ends). */
  acquire(instance: Instance): void {
    instance.inFlight++;
  }

  release(instance: Instance): void {
    instance.inFlight--;
    this.closeIfIdle(instance);
  }

  /**
   * The instance refused a call because it is shutting down (SERVICE_DRAINING): out of rotation at
   * once, on probation after the rest, and our connection to it closed as soon as no call of ours
   * waits on it. Closing is the caller's move: a connection the service closed could take a
   * request we were still writing; one we close after our last answer cannot.
   */
  draining(instance: Instance): void {
    if (instance.ejectedUntil <= this.now()) this.logger.warn(`${this.service} ${instance.label} is shutting down: out of rotation for ${this.policy.ejectMs} ms`);
    this.eject(instance);
    instance.closeWhenIdle = true;
    this.closeIfIdle(instance);
  }

  /** Out of rotation for a rest, then on probation: one trial call, whose failure ejects it again. */
  private eject(instance: Instance): void {
    instance.ejectedUntil = this.now() + this.policy.ejectMs;
    instance.consecutiveFailures = this.policy.maxFailures - 1;
    instance.probation = true;
    instance.trialUntil = 0;
  }

  private closeIfIdle(instance: Instance): void {
    if (!instance.closeWhenIdle || instance.inFlight > 0) return;
    instance.closeWhenIdle = false;
    // The next call after its rest opens a new connection (refused once it is gone: sent elsewhere).
    void Promise.resolve(instance.proxy.close()).catch(() => undefined);
  }

  healthyCount(): number {
    const t = this.now();
    return this.instances.filter((i) => i.ejectedUntil <= t).length;
  }

  /** Every instance, ejected or not (health probes). */
  all(): readonly Instance[] {
    return this.instances;
  }

  get size(): number {
    return this.instances.length;
  }

  async close(): Promise<void> {
    await Promise.allSettled(this.instances.map((i) => Promise.resolve(i.proxy.close())));
  }
}
