import { Controller, Logger } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { MenuEvents, PIZZA_ID_PATTERN } from '@pizza/contracts-menu';
import { MenuCacheKeys } from '../cache/menu-cache.keys';
import { ResponseCache } from '../cache/response-cache';

/**
 * Over NATS every gateway instance subscribes to menu.updated (no queue group) and
 * drops what the change made wrong. Over TCP there is no broker: the gateway that
 * handled the PATCH evicts, which reaches every instance through a shared Redis cache.
 */
@Controller()
export class MenuEventsController {
  private readonly logger = new Logger('MenuEvents');

  constructor(private readonly cache: ResponseCache) {}

  @EventPattern(MenuEvents.MENU_UPDATED)
  async onMenuUpdated(@Payload() envelope: { data?: { pizzaId?: unknown } }): Promise<void> {
    const id = envelope?.data?.pizzaId;
    if (typeof id !== 'string' || !PIZZA_ID_PATTERN.test(id)) return this.logger.warn('menu.updated without a valid pizzaId ignored');
    await this.cache.evict(...MenuCacheKeys.affectedBy(id));
  }
}
