import { Catch, HttpException, Logger, type ArgumentsHost, type RpcExceptionFilter } from '@nestjs/common';
import { RpcException } from '@nestjs/microservices';
import { CommonErrors, DomainError, isRpcErrorPayload, type Envelope, type RpcErrorPayload } from '@pizza/contracts-common';
import { throwError, type Observable } from 'rxjs';
import { UpstreamError } from './upstream.error';

/**
 * The one place where a service turns a failure into what goes on the wire:
 * always { code, message, status }. Domain errors keep their code and message;
 * anything unexpected is logged here with its stack and leaves as INTERNAL_ERROR with no
 * detail. A coded 5xx (a store that cannot be reached, say) is a known state, not a bug: one
 * warning line with its message, no stack, however many requests meet it.
 */
@Catch()
export class RpcErrorFilter implements RpcExceptionFilter<unknown> {
  private readonly logger = new Logger('RpcErrorFilter');

  catch(exception: unknown, host: ArgumentsHost): Observable<never> {
    const payload = this.toPayload(exception);
    if (payload.status >= 500) {
      const rpc = host.getType() === 'rpc' ? host.switchToRpc() : undefined;
      const pattern = String(rpc?.getContext()?.getPattern?.() ?? '');
      // The gateway's request id (X-Request-Id) travels in the envelope: it ties this line to the client's call.
      const requestId = (rpc?.getData() as Partial<Envelope<unknown>> | undefined)?.meta?.requestId;
      const where = `${pattern}${requestId ? ` [${requestId}]` : ''}`;
      if (exception instanceof DomainError) this.logger.warn(`${where} failed: ${exception.code}: ${exception.message}`);
      else this.logger.error(`${where} failed: ${exception instanceof Error ? (exception.stack ?? exception.message) : String(exception)}`);
    }
    return throwError(() => payload);
  }

  toPayload(exception: unknown): RpcErrorPayload {
    if (exception instanceof DomainError) return exception.toPayload();
    // A call this service made to another one failed: pass its verdict on (a timeout stays a timeout,
    // a coded 4xx stays itself). The other service's own failure leaves as UPSTREAM_ERROR, so that
    // the caller sees this service relaying it, not failing (INTERNAL_ERROR would blame this one).
    if (exception instanceof UpstreamError) {
      const failedBehind = exception.failure === 'rejected' && exception.payload.status >= 500 && !exception.relayed;
      return failedBehind ? { ...CommonErrors.UPSTREAM_ERROR, message: `${exception.service} failed` } : exception.payload;
    }
    if (exception instanceof RpcException) {
      const error = exception.getError();
      if (isRpcErrorPayload(error)) return error;
    }
    if (exception instanceof HttpException && exception.getStatus() === 400) {
      const response = exception.getResponse() as { message?: unknown };
      return { ...CommonErrors.VALIDATION_FAILED, message: 'Invalid message payload', details: response.message };
    }
    return { ...CommonErrors.INTERNAL, message: 'Internal error' };
  }
}
