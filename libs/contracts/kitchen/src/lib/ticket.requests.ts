import { PageRequest } from '@pizza/contracts-common';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsOptional, IsUUID } from 'class-validator';
import { TicketStatus } from './ticket-status';

/** Every ticket the kitchen still shows: all but cancelled ones. */
export const QUEUE_STATUSES: readonly TicketStatus[] = [TicketStatus.QUEUED, TicketStatus.PREPARING, TicketStatus.BAKING, TicketStatus.READY];

/** "queued,preparing" (a query string's) -> ["queued", "preparing"]; a list stays as it is. */
const toList = ({ value }: { value: unknown }): unknown => (typeof value === 'string' ? value.split(',') : value);

/** Which tickets of the queue, oldest first, a page at a time: `?status=queued,preparing&limit=20`. */
export class ListTicketsRequest extends PageRequest {
  /** Only tickets in these states (comma-separated); all but cancelled when absent. */
  @IsOptional()
  @Transform(toList)
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(QUEUE_STATUSES.length)
  @IsIn(QUEUE_STATUSES, { each: true })
  status?: TicketStatus[];
}

/**
 * The public body of POST /v1/kitchen/tickets/:id/advance, optional. With `to`, the step the chef
 * means: a retry after a lost reply finds the ticket already there and changes nothing, where a
 * bare advance would move it one step further.
 */
export class AdvanceTicketBody {
  @IsOptional()
  @IsIn([TicketStatus.PREPARING, TicketStatus.BAKING, TicketStatus.READY])
  to?: TicketStatus;
}

export class AdvanceTicketRequest extends AdvanceTicketBody {
  @IsUUID('4')
  ticketId!: string;
}

export class FindTicketRequest {
  @IsUUID('4')
  orderId!: string;
}

export class TicketSummary {
  ticketId!: string;
  status!: TicketStatus;
}

/** Wrapped, because a bare null is not a reply every transport carries. */
export interface FindTicketResponse {
  ticket: TicketSummary | null;
}

/**
 * Drop the order's ticket, or, when it has none yet, make sure its payment.succeeded queues none.
 * Refused with KITCHEN.INVALID_TRANSITION (409) once the pizza is in the oven (baking or ready).
 */
export class CancelOrderTicketRequest {
  @IsUUID('4')
  orderId!: string;
}

export interface CancelOrderTicketResponse {
  ticket: TicketSummary;
}
