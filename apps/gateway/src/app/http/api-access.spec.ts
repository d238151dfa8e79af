import { Reflector } from '@nestjs/core';
import type { OpenAPIObject } from '@nestjs/swagger';
import { Public, Roles, Scopes } from '@pizza/auth';
import { Role, Scope } from '@pizza/contracts-common';
import { NoRateLimit } from '../rate-limit/rate-limit.decorators';
import { describeAccess } from './api-access';

@Roles(Role.STAFF)
class TicketsController {
  @Public()
  @NoRateLimit()
  health() {
    return 'up';
  }

  @Scopes(Scope.KITCHEN_WRITE)
  advance() {
    return 'advanced';
  }

  @Roles(Role.ADMIN)
  purge() {
    return 'purged';
  }
}

const op = (operationId: string) => ({ operationId, responses: { '200': { description: '' } } });

describe('describeAccess', () => {
  const document = (): OpenAPIObject => ({
    openapi: '3.0.0',
    info: { title: 't', version: '1' },
    paths: {
      '/health': { get: op('TicketsController_health') },
      '/tickets/{id}/advance': { post: op('TicketsController_advance') },
      '/tickets': { delete: op('TicketsController_purge') },
    },
  });
  const routes = ['health', 'advance', 'purge'].map((method) => ({ controller: TicketsController, method }));

  it('asks nothing of a public route, and lists no 401, 403 or (when unlimited) 429', () => {
    const doc = document();
    describeAccess(doc, routes, new Reflector());
    const health = doc.paths['/health'].get;
    expect(health?.security).toEqual([]);
    expect(Object.keys(health?.responses ?? {})).toEqual(['200', 'default']);
  });

  it('asks a bearer token or an API key of any other, with the roles and scopes the guards check', () => {
    const doc = document();
    describeAccess(doc, routes, new Reflector());
    const advance = doc.paths['/tickets/{id}/advance'].post;
    expect(advance?.security).toEqual([{ bearer: [] }, { 'api-key': [] }]);
    // The controller's roles, the handler's scope; a handler's own roles override the controller's.
    expect(advance?.description).toBe(`Roles: staff. An API key needs the scope ${Scope.KITCHEN_WRITE}.`);
    expect(doc.paths['/tickets'].delete?.description).toBe('Roles: admin.');
    expect(Object.keys(advance?.responses ?? {})).toEqual(['200', '401', '403', '429', 'default']);
    expect(doc.components?.schemas?.['Problem']).toBeDefined();
  });
});
