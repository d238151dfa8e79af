export { AppConfigModule } from './lib/app-config.module';
export { GatewayEnv } from './lib/gateway.env';
export { applyGatewaySecurityPolicy, MIN_JWT_SECRET_BYTES } from './lib/gateway-security.policy';
export type { ResolvedGatewayEnv } from './lib/gateway-security.policy';
export { LOG_LEVELS, NodeEnv, RuntimeEnv } from './lib/runtime.env';
export type { LogLevel } from './lib/runtime.env';
export { serviceAddress, TransportEnv, TransportKind } from './lib/transport.env';
export { InvalidConfigError, validateEnv } from './lib/validate-env';
