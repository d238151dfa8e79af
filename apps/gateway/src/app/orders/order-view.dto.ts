import type { PaymentSummary } from '@pizza/contracts-billing';
import type { TicketSummary } from '@pizza/contracts-kitchen';
import type { OrderDto } from '@pizza/contracts-order';

/** An optional part that could not be read, and why (`UPSTREAM_UNAVAILABLE`, `UPSTREAM_TIMEOUT`, ...). */
export class PartErrorDto {
  part!: string;
  code!: string;
}

/** GET /v1/orders/:id as its callers read it (order-view.aggregation.ts says how it is made). */
export class OrderView {
  order!: OrderDto;
  /** null when billing could not answer in time (see errors), or has no payment for the order. */
  payment!: PaymentSummary | null;
  /** null when the kitchen could not answer in time (see errors), or has no ticket for the order. */
  kitchen!: TicketSummary | null;
  errors!: PartErrorDto[];
}
