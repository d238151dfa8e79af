import type { ExecutionContext } from '@nestjs/common';
import type { Reflector } from '@nestjs/core';

type Controller = ReturnType<ExecutionContext['getClass']>;
type Handler = ReturnType<ExecutionContext['getHandler']>;

/**
 * One metadata key of the route being called, as `Reflector.getAllAndOverride` reads
 * it (the handler's value, else its controller's), looked up once per route. Global
 * guards ask on every request, and each ask walks reflect-metadata's maps and the
 * prototype chain of handler and controller: with the gateway's four guards, about
 * 3% of its CPU on an uncached read. Decorators set metadata when a class is
 * defined, so the first answer for a route holds.
 */
export function routeMetadata<T>(reflector: Reflector, key: string): (context: ExecutionContext) => T | undefined {
  const byController = new WeakMap<Controller, WeakMap<Handler, { value: T | undefined }>>();
  return (context) => {
    const controller = context.getClass();
    const handler = context.getHandler();
    let byHandler = byController.get(controller);
    if (!byHandler) byController.set(controller, (byHandler = new WeakMap()));
    let known = byHandler.get(handler);
    if (!known) byHandler.set(handler, (known = { value: reflector.getAllAndOverride<T | undefined>(key, [handler, controller]) }));
    return known.value;
  };
}
