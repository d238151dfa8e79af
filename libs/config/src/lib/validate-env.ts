import 'reflect-metadata';
import { plainToInstance } from 'class-transformer';
import { getMetadataStorage, validateSync, type ValidationError } from 'class-validator';

type EnvClass<T> = new () => T;
type Merge<T extends unknown[]> = T extends [EnvClass<infer H>, ...infer R] ? H & Merge<R> : unknown;

/** Thrown at boot; its message lists every bad key so one restart fixes them all. */
export class InvalidConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'InvalidConfigError';
  }
}

function describe(errors: ValidationError[]): string[] {
  return errors.flatMap((e) => Object.values(e.constraints ?? {}).map((msg) => `${e.property}: ${msg}`));
}

/** Keys an env class declares: initialised fields plus every validated one (optional keys have no initialiser). */
function declaredKeys(cls: EnvClass<object>): Set<string> {
  const validated = getMetadataStorage()
    .getTargetValidationMetadatas(cls, '', true, false)
    .map((m) => m.propertyName);
  return new Set([...Object.keys(new cls()), ...validated]);
}

/**
 * Validates raw env against env classes (defaults come from their initialisers)
 * and returns one typed, merged object. Unknown keys are ignored: the environment
 * holds much that is not ours.
 */
export function validateEnv<T extends EnvClass<object>[]>(raw: Record<string, unknown>, ...classes: T): Merge<T> {
  const merged: Record<string, unknown> = {};
  const problems: string[] = [];
  for (const cls of classes) {
    const own = declaredKeys(cls);
    const input: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(raw)) {
      // An empty variable means "not set": keep the default.
      if (own.has(k) && v !== '' && v !== undefined) input[k] = v;
    }
    const instance = plainToInstance(cls, input, { exposeDefaultValues: true });
    problems.push(...describe(validateSync(instance, { skipMissingProperties: false })));
    for (const key of own) merged[key] = (instance as Record<string, unknown>)[key];
  }
  if (problems.length) throw new InvalidConfigError(problems);
  return merged as Merge<T>;
}
