import { Controller, type INestMicroservice } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { ClientProxyFactory, EventPattern, MessagePattern, Payload, Transport, type ClientProxy } from '@nestjs/microservices';
import { CommonErrors, DomainError } from '@pizza/contracts-common';
import { IsString } from 'class-validator';
import type { Server } from 'node:net';
import { firstValueFrom } from 'rxjs';
import { RpcErrorFilter } from './rpc-error.filter';
import { createValidationPipe } from './rpc-validation.pipe';
import { StringRouteServerTCP } from './string-route-servers';
import { UpstreamError } from './upstream.error';

class NameDto {
  @IsString()
  name!: string;
}

@Controller()
class TestController {
  @MessagePattern('test.ok')
  ok() {
    return { fine: true };
  }

  @MessagePattern('test.missing')
  missing() {
    throw new DomainError(CommonErrors.NOT_FOUND, 'No such thing');
  }

  @MessagePattern('test.boom')
  async boom() {
    throw new Error('database is down');
  }

  @MessagePattern('test.behind')
  async behind() {
    // A call of this service's own to another one timed out: the filter passes it on.
    throw UpstreamError.timeout('menu', 'menu.pizza.quote', 900);
  }

  @MessagePattern('test.validated')
  validated(@Payload() dto: NameDto) {
    return dto;
  }

  @EventPattern('test.happened')
  happened(_data: unknown) {
    events++;
  }
}

let events = 0;

/** A real Nest TCP microservice wired as bootstrapService wires it (our server, an observer), called by a real client. */
describe('observedHandler', () => {
  let app: INestMicroservice;
  let client: ClientProxy;
  const seen: Array<[string, string, number]> = [];

  beforeAll(async () => {
    const server = new StringRouteServerTCP({ host: '127.0.0.1', port: 0 }, { handled: (pattern, outcome, seconds) => void seen.push([pattern, outcome, seconds]) });
    app = await NestFactory.createMicroservice({ module: class TestModule {}, controllers: [TestController] } as never, { strategy: server, logger: false });
    app.useGlobalPipes(createValidationPipe());
    app.useGlobalFilters(new RpcErrorFilter());
    await app.listen();
    const { port } = server.unwrap<Server>().address() as { port: number };
    client = ClientProxyFactory.create({ transport: Transport.TCP, options: { host: '127.0.0.1', port } });
  });
  afterAll(async () => {
    await client?.close();
    await app?.close();
  });

  const call = (pattern: string, data: unknown) => firstValueFrom(client.send(pattern, data)).catch((err: unknown) => err);

  it('records each handled message by its pattern, as ok, rejected (4xx), relayed (a 5xx from behind) or error (its own 5xx)', async () => {
    expect(await call('test.ok', {})).toEqual({ fine: true });
    expect(await call('test.missing', {})).toMatchObject({ status: 404 });
    expect(await call('test.boom', {})).toMatchObject({ status: 500 });
    expect(await call('test.behind', {})).toMatchObject({ status: 504, code: 'UPSTREAM_TIMEOUT' });
    // A payload refused by validation is the caller's fault, and its time counts too.
    expect(await call('test.validated', { name: 42 })).toMatchObject({ code: 'VALIDATION_FAILED' });
    expect(seen.map(([pattern, outcome]) => [pattern, outcome])).toEqual([
      ['test.ok', 'ok'],
      ['test.missing', 'rejected'],
      ['test.boom', 'error'],
      ['test.behind', 'relayed'],
      ['test.validated', 'rejected'],
    ]);
    for (const [, , seconds] of seen) expect(seconds).toBeGreaterThanOrEqual(0);
    for (const [, , seconds] of seen) expect(seconds).toBeLessThan(5);
  });

  it('leaves events alone: they are handled, not recorded', async () => {
    const before = seen.length;
    await firstValueFrom(client.emit('test.happened', {}));
    for (const deadline = Date.now() + 5000; events === 0 && Date.now() < deadline; ) await new Promise((r) => setTimeout(r, 10));
    expect(events).toBe(1);
    expect(seen.length).toBe(before);
  });
});
