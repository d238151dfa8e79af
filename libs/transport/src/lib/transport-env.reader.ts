import type { ConfigService } from '@nestjs/config';
import { TransportEnv } from '@pizza/config';

/** The validated transport keys, typed, from Nest's ConfigService. */
export function readTransportEnv(config: ConfigService): TransportEnv {
  const env = new TransportEnv();
  for (const key of Object.keys(env) as (keyof TransportEnv)[]) {
    const value = config.get(key);
    if (value !== undefined) (env as unknown as Record<string, unknown>)[key] = value;
  }
  return env;
}
