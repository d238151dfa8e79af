import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { BillingEvents, PaymentSucceededEvent } from '@pizza/contracts-billing';
import { OrderCancelledEvent, OrderEvents } from '@pizza/contracts-order';
import { Kitchen } from './kitchen';

@Controller()
export class TicketEventController {
  constructor(private readonly kitchen: Kitchen) {}

  @EventPattern(BillingEvents.PAYMENT_SUCCEEDED)
  onPaymentSucceeded(@Payload('data') event: PaymentSucceededEvent): Promise<void> {
    return this.kitchen.onPaymentSucceeded(event);
  }

  @EventPattern(OrderEvents.ORDER_CANCELLED)
  onOrderCancelled(@Payload('data') event: OrderCancelledEvent): Promise<void> {
    return this.kitchen.onOrderCancelled(event);
  }
}
