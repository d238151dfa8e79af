import { Controller, type Type } from '@nestjs/common';
import { MessagePattern } from '@nestjs/microservices';
import type { PingResponse, ServiceDescriptor } from '@pizza/contracts-common';

/** The readiness RPC every service answers: a real round trip over the configured transport. */
export function createPingController(service: ServiceDescriptor, pattern: string): Type<unknown> {
  @Controller()
  class PingController {
    @MessagePattern(pattern)
    ping(): PingResponse {
      return { service: service.name, status: 'ok' };
    }
  }
  return PingController;
}
