import { Injectable, Logger } from '@nestjs/common';

/** What the audit trail records. Stable names: log pipelines alert on them. */
export type AuditEvent =
  | 'auth.login.failed'
  | 'auth.refresh.reused'
  | 'auth.logout'
  | 'auth.api_key.used'
  | 'auth.api_key.rejected'
  | 'admin.api_key.created'
  | 'admin.api_key.revoked';

/** Events that suggest an attack: logged at warn, so they survive a quiet LOG_LEVEL. */
const SUSPICIOUS: ReadonlySet<AuditEvent> = new Set(['auth.login.failed', 'auth.refresh.reused', 'auth.api_key.rejected']);

/**
 * Security-relevant events as structured log lines (logger context `Audit`; one
 * JSON object per line in production). Never carries a secret: keys and tokens
 * appear by id only.
 */
@Injectable()
export class AuditLog {
  private readonly logger = new Logger('Audit');

  record(event: AuditEvent, fields: Record<string, string | number | boolean | undefined>): void {
    const line = { audit: event, at: new Date().toISOString(), ...fields };
    if (SUSPICIOUS.has(event)) this.logger.warn(line);
    else this.logger.log(line);
  }
}
