import { Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';

/**
 * Set the moment shutdown begins (before the listener closes): readiness answers
 * 503 from then on, and for SHUTDOWN_DRAIN_MS the gateway keeps serving so load
 * balancers can notice. Then Fastify stops accepting and finishes what is in flight.
 */
@Injectable()
export class DrainState implements OnModuleDestroy {
  private readonly logger = new Logger('Drain');
  draining = false;

  constructor(private readonly config: ConfigService) {}

  async onModuleDestroy(): Promise<void> {
    this.draining = true;
    const ms = this.config.get<number>('SHUTDOWN_DRAIN_MS') ?? 0;
    if (ms > 0) {
      this.logger.log(`draining for ${ms} ms before closing the listener`);
      await new Promise((resolve) => setTimeout(resolve, ms));
    }
  }
}
