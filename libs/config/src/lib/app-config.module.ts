import { ConfigModule } from '@nestjs/config';
import type { DynamicModule } from '@nestjs/common';
import { InvalidConfigError } from './validate-env';

/**
 * The one place where the process environment is read. `validate` turns the raw
 * env into a typed object; on an InvalidConfigError the process refuses to start
 * right here, with the list of problems and no stack trace (Nest would otherwise
 * print its own trace of the error before anyone can catch it).
 */
export class AppConfigModule {
  static forRoot(validate: (raw: Record<string, unknown>) => object): Promise<DynamicModule> {
    return ConfigModule.forRoot({
      isGlobal: true,
      cache: true,
      // ConfigService answers from the validated config only. Otherwise a key the validation
      // left unset (an empty METRICS_PORT= means "not set") would be read raw from process.env.
      skipProcessEnv: true,
      validate: (raw) => {
        try {
          return validate(raw) as Record<string, unknown>;
        } catch (err) {
          if (!(err instanceof InvalidConfigError)) throw err;
          process.stderr.write(`Refusing to start: ${err.message}\n`);
          process.exit(1);
        }
      },
    });
  }
}
