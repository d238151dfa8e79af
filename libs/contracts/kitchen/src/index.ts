export { KitchenErrors } from './lib/kitchen.errors';
export { TicketAdvancedEvent, TicketCancelledEvent } from './lib/kitchen.events';
export type { KitchenEventMap, KitchenPatternMap } from './lib/kitchen.pattern-map';
export { KitchenEvents, KitchenPatterns } from './lib/kitchen.patterns';
export { KitchenService } from './lib/kitchen.service-descriptor';
export { TicketStatus } from './lib/ticket-status';
export { TicketDto, TicketLineDto } from './lib/ticket.dto';
export { AdvanceTicketBody, AdvanceTicketRequest, CancelOrderTicketRequest, FindTicketRequest, ListTicketsRequest, QUEUE_STATUSES, TicketSummary } from './lib/ticket.requests';
export type { CancelOrderTicketResponse, FindTicketResponse } from './lib/ticket.requests';
