import type { EmptyRequest, Page, PingResponse } from '@pizza/contracts-common';
import type { KitchenEvents, KitchenPatterns } from './kitchen.patterns';
import type { TicketAdvancedEvent, TicketCancelledEvent } from './kitchen.events';
import type { TicketDto } from './ticket.dto';
import type { AdvanceTicketRequest, CancelOrderTicketRequest, CancelOrderTicketResponse, FindTicketRequest, FindTicketResponse, ListTicketsRequest } from './ticket.requests';

export interface KitchenPatternMap {
  /** The queue, oldest first, a page at a time. */
  [KitchenPatterns.LIST_TICKETS]: { request: ListTicketsRequest; response: Page<TicketDto> };
  [KitchenPatterns.ADVANCE_TICKET]: { request: AdvanceTicketRequest; response: TicketDto };
  [KitchenPatterns.FIND_TICKET]: { request: FindTicketRequest; response: FindTicketResponse };
  [KitchenPatterns.CANCEL_ORDER_TICKET]: { request: CancelOrderTicketRequest; response: CancelOrderTicketResponse };
  [KitchenPatterns.PING]: { request: EmptyRequest; response: PingResponse };
}

export interface KitchenEventMap {
  [KitchenEvents.TICKET_ADVANCED]: TicketAdvancedEvent;
  [KitchenEvents.TICKET_CANCELLED]: TicketCancelledEvent;
}
