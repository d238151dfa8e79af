import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { OrderCancelledEvent, OrderCreatedEvent, OrderEvents } from '@pizza/contracts-order';
import { Payments } from './payments';

@Controller()
export class PaymentEventController {
  constructor(private readonly payments: Payments) {}

  @EventPattern(OrderEvents.ORDER_CREATED)
  onOrderCreated(@Payload('data') event: OrderCreatedEvent): Promise<void> {
    return this.payments.onOrderCreated(event);
  }

  @EventPattern(OrderEvents.ORDER_CANCELLED)
  onOrderCancelled(@Payload('data') event: OrderCancelledEvent): Promise<void> {
    return this.payments.onOrderCancelled(event);
  }
}
