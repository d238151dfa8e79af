import { DomainError, Role, Scope } from '@pizza/contracts-common';
import { AuditLog } from '../audit.log';
import { ApiKeys } from './api-keys';
import { MemoryApiKeyStore } from './memory-api-key.store';

describe('ApiKeys', () => {
  const audit = new AuditLog();
  const events: Array<[string, Record<string, unknown>]> = [];
  beforeAll(() => jest.spyOn(audit, 'record').mockImplementation((e, f) => void events.push([e, f])));
  afterAll(() => jest.restoreAllMocks());
  const admin = { sub: 'admin', roles: [Role.ADMIN] };
  const code = async (p: Promise<unknown>) => ((await p.then(() => undefined, (e: DomainError) => e)) as DomainError | undefined)?.code;

  it('shows the key once, stores only its hash, and authenticates it as a role narrowed to its scopes', async () => {
    const store = new MemoryApiKeyStore();
    const keys = new ApiKeys(store, audit);
    const created = await keys.create(admin, { name: 'pos-1', role: Role.CUSTOMER, scopes: [Scope.ORDERS_READ] }, {});
    expect(created.key).toMatch(/^pzk_[0-9a-f]{16}\./);
    const stored = JSON.stringify(await store.list());
    expect(stored).not.toContain(created.key.split('.')[1]);
    expect(JSON.stringify(await keys.list())).not.toContain('secretHash');
    expect(await keys.authenticate(created.key, {})).toEqual({ sub: `key:${created.id}`, roles: ['customer'], scopes: ['orders:read'] });
    expect(events.map(([e]) => e)).toEqual(expect.arrayContaining(['admin.api_key.created', 'auth.api_key.used']));
    expect(JSON.stringify(events)).not.toContain(created.key.split('.')[1]);
  });

  it('refuses a wrong secret, a malformed key and, at once, a revoked key', async () => {
    const keys = new ApiKeys(new MemoryApiKeyStore(), audit);
    const { id, key } = await keys.create(admin, { name: 'pos-2', role: Role.STAFF, scopes: [Scope.MENU_WRITE] }, {});
    expect(await code(keys.authenticate(key.slice(0, -1) + (key.endsWith('A') ? 'B' : 'A'), {}))).toBe('AUTH.INVALID_API_KEY');
    expect(await code(keys.authenticate('not-a-key', {}))).toBe('AUTH.INVALID_API_KEY');
    await keys.revoke(admin, id, {});
    expect(await code(keys.authenticate(key, {}))).toBe('AUTH.INVALID_API_KEY');
    expect(await code(keys.revoke(admin, '0123456789abcdef', {}))).toBe('AUTH.API_KEY_NOT_FOUND');
  });

  it('never grants a scope beyond the role', async () => {
    const keys = new ApiKeys(new MemoryApiKeyStore(), audit);
    expect(await code(keys.create(admin, { name: 'sneaky', role: Role.CUSTOMER, scopes: [Scope.KITCHEN_WRITE] }, {}))).toBe('VALIDATION_FAILED');
  });
});
