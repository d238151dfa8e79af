import { IsOptional, IsString } from 'class-validator';
import { readPemFile } from './pem-file';
import { validateEnv } from './validate-env';

/** The gateway's HTTPS listener. Part of GatewayEnv; alone here because the listener is built before Nest reads config. */
export class GatewayTlsEnv {
  /** Serve HTTPS with this PEM certificate chain (and TLS_KEY_FILE). HSTS is sent in production. */
  @IsOptional()
  @IsString()
  TLS_CERT_FILE?: string;

  @IsOptional()
  @IsString()
  TLS_KEY_FILE?: string;
}

/**
 * Certificate and key for the gateway's HTTPS listener, or null for plain HTTP.
 * Half a configuration is null here; the security policy refuses it at boot.
 */
export function readGatewayHttps(raw: Record<string, unknown> = process.env): { cert: string; key: string } | null {
  const { TLS_CERT_FILE, TLS_KEY_FILE } = validateEnv(raw, GatewayTlsEnv);
  if (!TLS_CERT_FILE || !TLS_KEY_FILE) return null;
  return { cert: readPemFile(TLS_CERT_FILE, 'TLS_CERT_FILE'), key: readPemFile(TLS_KEY_FILE, 'TLS_KEY_FILE') };
}
