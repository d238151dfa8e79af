import { Controller, Inject, Optional, type Type } from '@nestjs/common';
import { MessagePattern } from '@nestjs/microservices';
import { CommonErrors, DomainError, type PingResponse, type ServiceDescriptor } from '@pizza/contracts-common';

/** What a service needs besides itself to serve (its data store): each one it has, provided under READINESS_CHECKS. */
export interface ReadinessCheck {
  readonly name: string;
  /** Resolves when it answers (a real round trip, within its own deadline); rejects when it does not. */
  check(): Promise<void>;
}

/** The service's readiness checks (a list; none when not provided). */
export const READINESS_CHECKS = Symbol('READINESS_CHECKS');

/**
 * The readiness RPC every service answers: a real round trip over the configured transport. A
 * service without what it needs to serve (its data store down, or hung with its connection open)
 * answers UPSTREAM_UNAVAILABLE, naming it: the gateway's readiness shows the service down, and its
 * container healthcheck fails.
 */
export function createPingController(service: ServiceDescriptor, pattern: string): Type<unknown> {
  @Controller()
  class PingController {
    constructor(@Optional() @Inject(READINESS_CHECKS) private readonly checks: readonly ReadinessCheck[] | null) {}

    @MessagePattern(pattern)
    async ping(): Promise<PingResponse> {
      const failed = await Promise.all((this.checks ?? []).map((c) => c.check().then(() => undefined, () => c.name)));
      const missing = failed.filter((name) => name !== undefined);
      if (missing.length) throw new DomainError(CommonErrors.UPSTREAM_UNAVAILABLE, `${service.name} cannot serve: ${missing.join(', ')} not answering`);
      return { service: service.name, status: 'ok' };
    }
  }
  return PingController;
}
