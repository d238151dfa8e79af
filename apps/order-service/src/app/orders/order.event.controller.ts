import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { BillingEvents, PaymentSucceededEvent } from '@pizza/contracts-billing';
import { KitchenEvents, TicketAdvancedEvent, TicketCancelledEvent } from '@pizza/contracts-kitchen';
import { Orders } from './orders';

/** Other services' events that move an order along. */
@Controller()
export class OrderEventController {
  constructor(private readonly orders: Orders) {}

  @EventPattern(BillingEvents.PAYMENT_SUCCEEDED)
  onPaymentSucceeded(@Payload('data') event: PaymentSucceededEvent): Promise<void> {
    return this.orders.onPaymentSucceeded(event);
  }

  @EventPattern(KitchenEvents.TICKET_ADVANCED)
  onTicketAdvanced(@Payload('data') event: TicketAdvancedEvent): Promise<void> {
    return this.orders.onTicketAdvanced(event);
  }

  @EventPattern(KitchenEvents.TICKET_CANCELLED)
  onTicketCancelled(@Payload('data') event: TicketCancelledEvent): Promise<void> {
    return this.orders.onTicketCancelled(event);
  }
}
