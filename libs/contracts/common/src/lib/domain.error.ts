import type { ErrorDescriptor, RpcErrorPayload } from './error-descriptor';

/**
 * Thrown by domain code. It knows nothing about HTTP or transports: the service's
 * RPC filter turns it into an RpcErrorPayload, the gateway's problem filter maps
 * that to a response. Its message is meant for clients; never put internals in it.
 */
export class DomainError extends Error {
  readonly code: string;
  readonly status: number;
  readonly details?: unknown;

  constructor(descriptor: ErrorDescriptor, message: string, details?: unknown) {
    super(message);
    this.name = 'DomainError';
    this.code = descriptor.code;
    this.status = descriptor.status;
    this.details = details;
  }

  toPayload(): RpcErrorPayload {
    return { code: this.code, message: this.message, status: this.status, details: this.details };
  }
}
