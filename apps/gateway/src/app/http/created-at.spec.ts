import type { CallHandler, ExecutionContext } from '@nestjs/common';
import { INTERCEPTORS_METADATA } from '@nestjs/common/constants';
import { lastValueFrom, of, throwError } from 'rxjs';
import { CreatedAt } from './created-at';

class Created {
  id!: string;
}

class Controller {
  @CreatedAt(Created, (o) => `/v1/orders/${o.id}`)
  create(): void {
    return undefined;
  }
}

describe('CreatedAt', () => {
  const [interceptor] = Reflect.getMetadata(INTERCEPTORS_METADATA, Controller.prototype.create) as Array<{ intercept(c: ExecutionContext, n: CallHandler): ReturnType<CallHandler['handle']> }>;
  const headers: Record<string, string> = {};
  const context = { switchToHttp: () => ({ getResponse: () => ({ header: (k: string, v: string) => (headers[k] = v) }) }) } as unknown as ExecutionContext;

  it('names where the created resource lives, and says nothing when the handler failed', async () => {
    await expect(lastValueFrom(interceptor.intercept(context, { handle: () => of({ id: 'o1' }) }))).resolves.toEqual({ id: 'o1' });
    expect(headers).toEqual({ location: '/v1/orders/o1' });
    delete headers['location'];
    await expect(lastValueFrom(interceptor.intercept(context, { handle: () => throwError(() => new Error('refused')) }))).rejects.toThrow('refused');
    expect(headers).toEqual({});
  });
});
