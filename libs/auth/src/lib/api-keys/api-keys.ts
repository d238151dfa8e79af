import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { CommonErrors, DomainError, ROLE_SCOPES, type Principal } from '@pizza/contracts-common';
import { AuthErrors } from '../auth.errors';
import type { AuditLog } from '../audit.log';
import type { ApiKeyRecord, ApiKeyStore } from './api-key.store';
import type { ApiKeyView, CreateApiKeyRequest, CreatedApiKey } from './create-api-key.request';

/** `pzk_<id>.<secret>`: the id finds the record, the secret proves possession. */
const KEY_FORMAT = /^pzk_([0-9a-f]{16})\.([A-Za-z0-9_-]{43})$/;

const digest = (secret: string): Buffer => createHash('sha256').update(secret).digest();

const view = ({ secretHash: _, ...rest }: ApiKeyRecord): ApiKeyView => rest;

const invalidKey = () => new DomainError(AuthErrors.INVALID_API_KEY, 'The API key is invalid or revoked');

/**
 * API keys for machine clients. Created and revoked by admins; each acts as one
 * role narrowed to the scopes it was granted. The secret has 256 random bits, so
 * SHA-256 is enough to store it (a slow hash protects guessable passwords, not this).
 */
export class ApiKeys {
  constructor(
    private readonly store: ApiKeyStore,
    private readonly audit: AuditLog,
  ) {}

  async create(by: Principal, request: CreateApiKeyRequest, context: { requestId?: string }): Promise<CreatedApiKey> {
    const allowed = ROLE_SCOPES[request.role];
    const beyond = request.scopes.filter((s) => !allowed.includes(s));
    if (beyond.length) {
      throw new DomainError(CommonErrors.VALIDATION_FAILED, `The ${request.role} role does not carry: ${beyond.join(', ')}`);
    }
    const id = randomBytes(8).toString('hex');
    const secret = randomBytes(32).toString('base64url');
    const record: ApiKeyRecord = {
      id,
      name: request.name,
      role: request.role,
      scopes: [...request.scopes],
      secretHash: digest(secret).toString('base64url'),
      createdAt: new Date().toISOString(),
      createdBy: by.sub,
    };
    await this.store.save(record);
    this.audit.record('admin.api_key.created', { by: by.sub, keyId: id, role: record.role, scopes: record.scopes.join(' '), requestId: context.requestId });
    return { ...view(record), key: `pzk_${id}.${secret}` };
  }

  async list(): Promise<ApiKeyView[]> {
    return (await this.store.list()).map(view).sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  }

  async revoke(by: Principal, id: string, context: { requestId?: string }): Promise<void> {
    if (!(await this.store.revoke(id, new Date().toISOString()))) throw new DomainError(AuthErrors.API_KEY_NOT_FOUND, `No API key ${id}`);
    this.audit.record('admin.api_key.revoked', { by: by.sub, keyId: id, requestId: context.requestId });
  }

  /** The principal an `X-API-Key` header stands for; throws 401 for anything else. */
  async authenticate(header: string, context: { requestId?: string; ip?: string }): Promise<Principal> {
    const match = KEY_FORMAT.exec(header);
    const record = match ? await this.store.find(match[1]) : undefined;
    const valid = !!match && !!record && !record.revokedAt && timingSafeEqual(digest(match[2]), Buffer.from(record.secretHash, 'base64url'));
    if (!valid || !record) {
      this.audit.record('auth.api_key.rejected', { keyId: match?.[1], reason: record?.revokedAt ? 'revoked' : 'invalid', ip: context.ip, requestId: context.requestId });
      throw invalidKey();
    }
    this.audit.record('auth.api_key.used', { keyId: record.id, requestId: context.requestId });
    return { sub: `key:${record.id}`, roles: [record.role], scopes: record.scopes };
  }
}
