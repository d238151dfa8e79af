import { applyDecorators, UseInterceptors, type CallHandler, type ExecutionContext, type NestInterceptor, type Type } from '@nestjs/common';
import { ApiResponse } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { tap, type Observable } from 'rxjs';

/** Where a created resource lives, read off the body that describes it. */
export type Locate<T> = (created: T) => string;

class LocationInterceptor<T> implements NestInterceptor<T, T> {
  constructor(private readonly locate: Locate<T>) {}

  intercept(context: ExecutionContext, next: CallHandler<T>): Observable<T> {
    const reply = context.switchToHttp().getResponse<FastifyReply>();
    return next.handle().pipe(tap((created) => void reply.header('location', this.locate(created))));
  }
}

/**
 * This POST answers 201 with `Location`, the created resource's URL (RFC 9110 15.3.2: without it,
 * the resource created is taken to be the target URI). Put it below @Idempotent(), nearer the
 * method, so that a replayed answer carries it too: decorators apply from the method up, and the
 * interceptor applied first is the outermost. `type` is the body's class, for the API docs.
 */
export const CreatedAt = <T>(type: Type<T>, locate: Locate<T>): MethodDecorator =>
  applyDecorators(
    UseInterceptors(new LocationInterceptor(locate)),
    ApiResponse({ status: 201, description: 'Created', type, headers: { Location: { description: 'The URL of what was created', schema: { type: 'string' } } } }),
  );
