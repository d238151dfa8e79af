import { readFileSync } from 'node:fs';
import { InvalidConfigError } from './validate-env';

/** A PEM file named by config key `name` (a key, certificate or CA): its text, or a refusal naming the key. */
export function readPemFile(file: string, name: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (err) {
    throw new InvalidConfigError([`${name}: cannot read ${file} (${(err as NodeJS.ErrnoException).code ?? 'error'})`]);
  }
}
