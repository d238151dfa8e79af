/**
 * What a valid id looks like, as plain data: message DTOs can use it through
 * class-validator (GetPizzaRequest does), and the gateway checks path ids with it directly (a single
 * string needs no DTO, and the gateway's ValidationPipe cost more than the rest
 * of a request for one `:id`).
 */
export interface IdRule {
  readonly pattern: RegExp;
  /** Completes "<name> must ...". */
  readonly message: string;
}

/** The ids services mint (orders, payments, tickets): random UUIDs, as `@IsUUID('4')` accepts them in the message DTOs. */
export const UUID_V4: IdRule = {
  pattern: /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i,
  message: 'must be a UUID (version 4)',
};
