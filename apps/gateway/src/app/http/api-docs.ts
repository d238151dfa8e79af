import type { Type } from '@nestjs/common';
import { ModulesContainer, Reflector } from '@nestjs/core';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { API_KEY_HEADER } from '@pizza/auth';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { API_KEY_SCHEME, BEARER_SCHEME, describeAccess, type RouteHandler } from './api-access';

export const API_DOCS_PATH = 'docs';

/** Every method of every controller of the application. */
function routeHandlers(app: NestFastifyApplication): RouteHandler[] {
  return [...app.get(ModulesContainer).values()].flatMap((module) =>
    [...module.controllers.values()].flatMap(({ metatype }) => {
      const controller = metatype as Type<unknown>;
      return Object.getOwnPropertyNames(controller.prototype)
        .filter((method) => method !== 'constructor')
        .map((method) => ({ controller, method }));
    }),
  );
}

/**
 * OpenAPI document at /docs-json and its UI at /docs. On by default outside
 * production, off in production unless API_DOCS=true: a map of every route is
 * the first thing an attacker reads.
 */
export function setupApiDocs(app: NestFastifyApplication): void {
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Pizza gateway')
      .setDescription('The single entry point to the menu, order, kitchen and billing services. Errors are application/problem+json (RFC 9457).')
      .setVersion('1')
      .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' }, BEARER_SCHEME)
      .addApiKey({ type: 'apiKey', in: 'header', name: API_KEY_HEADER }, API_KEY_SCHEME)
      .build(),
  );
  describeAccess(document, routeHandlers(app), app.get(Reflector));
  SwaggerModule.setup(API_DOCS_PATH, app, document, { jsonDocumentUrl: `${API_DOCS_PATH}-json` });
}
