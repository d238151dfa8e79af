import type { ConfigService } from '@nestjs/config';
import { ResilienceEnv, TransportEnv } from '@pizza/config';

/** An env class filled from Nest's ConfigService (validated values; defaults for keys not validated). */
export function readEnv<T extends object>(config: ConfigService, cls: new () => T): T {
  const env = new cls();
  for (const key of Object.keys(env)) {
    const value = config.get(key);
    if (value !== undefined) (env as Record<string, unknown>)[key] = value;
  }
  for (const key of optionalKeys(cls)) {
    const value = config.get(key);
    if (value !== undefined) (env as Record<string, unknown>)[key] = value;
  }
  return env;
}

/** Optional keys have no initialiser, so Object.keys(new cls()) does not list them. */
function optionalKeys(cls: new () => object): string[] {
  return cls === TransportEnv ? ['MENU_SERVICE_ADDRS', 'ORDER_SERVICE_ADDRS', 'KITCHEN_SERVICE_ADDRS', 'BILLING_SERVICE_ADDRS'] : [];
}

export const readTransportEnv = (config: ConfigService): TransportEnv => readEnv(config, TransportEnv);
export const readResilienceEnv = (config: ConfigService): ResilienceEnv => readEnv(config, ResilienceEnv);
