import type { ConfigService } from '@nestjs/config';
import { getMetadataStorage } from 'class-validator';
import { ResilienceEnv, TransportEnv } from '@pizza/config';

/** An env class filled from Nest's ConfigService (validated values; defaults for keys not set). */
export function readEnv<T extends object>(config: ConfigService, cls: new () => T): T {
  const env = new cls();
  for (const key of declaredKeys(cls)) {
    const value = config.get(key);
    if (value !== undefined) (env as Record<string, unknown>)[key] = value;
  }
  return env;
}

/** Every key the class validates, optional ones (which have no initialiser) included. */
function declaredKeys(cls: new () => object): string[] {
  const metadata = getMetadataStorage().getTargetValidationMetadatas(cls, '', true, false);
  return [...new Set(metadata.map((m) => m.propertyName))];
}

export const readTransportEnv = (config: ConfigService): TransportEnv => readEnv(config, TransportEnv);
export const readResilienceEnv = (config: ConfigService): ResilienceEnv => readEnv(config, ResilienceEnv);
