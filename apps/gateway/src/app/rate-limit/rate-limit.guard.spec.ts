import { ConfigService } from '@nestjs/config';
import { Reflector } from '@nestjs/core';
import type { AuthService } from '@pizza/auth';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { MemoryThrottlerStorage } from './memory-throttler.storage';
import { RateLimitGuard } from './rate-limit.guard';

describe('RateLimitGuard.limit', () => {
  const storage = new MemoryThrottlerStorage();
  const config = new ConfigService({ RATE_LIMITS: ['burst=2/1m'], RATE_LIMIT_LOGIN: '5/1m', RATE_LIMIT_ORDERS: '10/1m', RATE_LIMIT_IPV6_PREFIX: 56 });
  const auth = { peekPrincipal: () => undefined } as unknown as AuthService;
  const guard = new RateLimitGuard({ throttlers: [] }, storage, new Reflector(), auth, config);
  afterAll(() => storage.onModuleDestroy());

  const request = (ip: string) => ({ clientIp: ip, headers: {} }) as unknown as FastifyRequest;
  const reply = () => {
    const headers: Record<string, string> = {};
    return { headers, header: (k: string, v: string) => ((headers[k] = v), undefined) } as unknown as FastifyReply & { headers: Record<string, string> };
  };

  it('counts a request once however often it is asked (HttpCache, then the guard)', async () => {
    const req = request('192.0.2.1');
    const res = reply();
    await guard.limit(req, res);
    await guard.limit(req, res);
    expect(res.headers['x-ratelimit-remaining']).toBe('1');
    // A second request is a new count.
    await guard.limit(request('192.0.2.1'), reply());
    await expect(guard.limit(request('192.0.2.1'), reply())).rejects.toThrow(/burst/);
  });

  it('gives the second ask the same 429', async () => {
    const req = request('192.0.2.2');
    await guard.limit(request('192.0.2.2'), reply());
    await guard.limit(request('192.0.2.2'), reply());
    const res = reply();
    await expect(guard.limit(req, res)).rejects.toThrow(/burst/);
    await expect(guard.limit(req, res)).rejects.toThrow(/burst/);
    expect(res.headers['retry-after']).toBeDefined();
  });

  it('counts the addresses of one IPv6 network as one client, and another network apart', async () => {
    await guard.limit(request('2001:db8:7:1::1'), reply());
    await guard.limit(request('2001:db8:7:2::ab'), reply());
    await expect(guard.limit(request('2001:db8:7:3::ffff'), reply())).rejects.toThrow(/burst/);
    await expect(guard.limit(request('2001:db8:8::1'), reply())).resolves.toBeUndefined();
  });
});
