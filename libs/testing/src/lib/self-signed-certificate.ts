import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface SelfSignedCertificate {
  certFile: string;
  keyFile: string;
  /** The certificate, PEM: also the CA that trusts it. */
  cert: string;
  remove(): void;
}

/**
 * A throwaway P-256 certificate for 127.0.0.1/localhost, valid one day, made with
 * the openssl CLI in a temp dir. Usable as server cert, client cert and CA at once.
 */
export function selfSignedCertificate(): SelfSignedCertificate {
  const dir = mkdtempSync(join(tmpdir(), 'tls-e2e-'));
  const certFile = join(dir, 'cert.pem');
  const keyFile = join(dir, 'key.pem');
  const args = [
    ...['req', '-x509', '-nodes', '-days', '1'],
    ...['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256'],
    ...['-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1,DNS:localhost'],
    ...['-keyout', keyFile, '-out', certFile],
  ];
  const run = spawnSync('openssl', args, { encoding: 'utf8' });
  if (run.error || run.status !== 0) {
    rmSync(dir, { recursive: true, force: true });
    throw new Error(`TLS tests need openssl on PATH (apt-get install openssl): ${run.error?.message ?? run.stderr}`);
  }
  return { certFile, keyFile, cert: readFileSync(certFile, 'utf8'), remove: () => rmSync(dir, { recursive: true, force: true }) };
}
