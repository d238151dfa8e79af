import { InvalidConfigError } from '@pizza/config';
import { validateGatewayEnv } from './gateway.config';

describe('validateGatewayEnv: metrics listener', () => {
  const base = { NODE_ENV: 'development', PORT: '3000' };

  it('keeps metrics off unless METRICS_PORT is set, on loopback by default', () => {
    expect(validateGatewayEnv(base).METRICS_PORT).toBeUndefined();
    const on = validateGatewayEnv({ ...base, METRICS_PORT: '9464' });
    expect(on.METRICS_PORT).toBe(9464);
    expect(on.METRICS_HOST).toBe('127.0.0.1');
  });

  it('refuses metrics on the public port', () => {
    expect(() => validateGatewayEnv({ ...base, METRICS_PORT: '3000' })).toThrow(InvalidConfigError);
    expect(() => validateGatewayEnv({ ...base, METRICS_PORT: '3000' })).toThrow(/METRICS_PORT must differ from PORT/);
  });

  it('refuses a METRICS_PORT that is not a port', () => {
    expect(() => validateGatewayEnv({ ...base, METRICS_PORT: 'prometheus' })).toThrow(/METRICS_PORT/);
    expect(() => validateGatewayEnv({ ...base, METRICS_PORT: '70000' })).toThrow(/METRICS_PORT/);
  });
});
