import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { API_KEY_HEADER } from '@pizza/auth';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';

export const API_DOCS_PATH = 'docs';

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
      .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' }, 'bearer')
      .addApiKey({ type: 'apiKey', in: 'header', name: API_KEY_HEADER }, 'api-key')
      .build(),
  );
  SwaggerModule.setup(API_DOCS_PATH, app, document, { jsonDocumentUrl: `${API_DOCS_PATH}-json` });
}
