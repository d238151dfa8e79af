import { IsOptional, IsString, Matches } from 'class-validator';
import { NATS_URL_RULE } from './transport.env';
import { validateEnv } from './validate-env';

/**
 * Servers a test run may be handed instead of starting its own (a CI job with a
 * broker already up). Unset: the test starts its own on a free port.
 */
export class TestServersEnv {
  @IsOptional()
  @Matches(NATS_URL_RULE.pattern, { message: NATS_URL_RULE.message })
  NATS_URL?: string;

  /** The nats-server binary the tests start (2.10 or newer); unset: found or fetched (@pizza/testing). */
  @IsOptional()
  @IsString()
  NATS_SERVER_BIN?: string;
}

export function readTestServersEnv(raw: Record<string, unknown> = process.env): TestServersEnv {
  return validateEnv(raw, TestServersEnv);
}
