import { readTestServersEnv } from './test-servers.env';
import { InvalidConfigError } from './validate-env';

describe('readTestServersEnv', () => {
  it('hands over a NATS_URL that is set, and nothing when it is unset or empty (the test starts its own)', () => {
    expect(readTestServersEnv({ NATS_URL: 'nats://127.0.0.1:4222' }).NATS_URL).toBe('nats://127.0.0.1:4222');
    expect(readTestServersEnv({}).NATS_URL).toBeUndefined();
    expect(readTestServersEnv({ NATS_URL: '' }).NATS_URL).toBeUndefined();
  });

  it('refuses a NATS_URL that is not one, with the same rule as the services', () => {
    expect(() => readTestServersEnv({ NATS_URL: 'localhost:4222' })).toThrow(InvalidConfigError);
  });

  it('hands over the NATS_SERVER_BIN to start, or nothing (the tests find one)', () => {
    expect(readTestServersEnv({ NATS_SERVER_BIN: '/opt/nats/nats-server' }).NATS_SERVER_BIN).toBe('/opt/nats/nats-server');
    expect(readTestServersEnv({}).NATS_SERVER_BIN).toBeUndefined();
  });
});
