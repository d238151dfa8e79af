import { ConfigModule } from '@nestjs/config';
import type { DynamicModule } from '@nestjs/common';

/**
 * The one place where the process environment is read. `validate` turns the raw
 * env into a typed object, or throws a readable InvalidConfigError and the process
 * refuses to start.
 */
export class AppConfigModule {
  static forRoot(validate: (raw: Record<string, unknown>) => object): Promise<DynamicModule> {
    return ConfigModule.forRoot({ isGlobal: true, cache: true, validate: (raw) => validate(raw) as Record<string, unknown> });
  }
}
