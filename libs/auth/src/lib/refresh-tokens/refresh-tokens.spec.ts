import { DomainError, Role } from '@pizza/contracts-common';
import { AuditLog } from '../audit.log';
import { MemoryRefreshTokenStore } from './memory-refresh-token.store';
import { RefreshTokens } from './refresh-tokens';

describe('RefreshTokens (rotation, reuse detection)', () => {
  const audit = new AuditLog();
  const recorded: string[] = [];
  beforeAll(() => jest.spyOn(audit, 'record').mockImplementation((event) => void recorded.push(event)));
  beforeEach(() => (recorded.length = 0));
  afterAll(() => jest.restoreAllMocks());

  const code = async (p: Promise<unknown>) => ((await p.then(() => undefined, (e: DomainError) => e)) as DomainError | undefined)?.code;

  it('exchanges each token once for the next of the same family', async () => {
    const tokens = new RefreshTokens(new MemoryRefreshTokenStore(), 3600, audit);
    const first = await tokens.issue('alice', [Role.CUSTOMER]);
    const { record, next } = await tokens.rotate(first, {});
    expect(record).toMatchObject({ sub: 'alice', roles: ['customer'] });
    expect(next).not.toBe(first);
    expect((await tokens.rotate(next, {})).record.familyId).toBe(record.familyId);
  });

  it('revokes the whole family when a used token comes back, and audits it', async () => {
    const tokens = new RefreshTokens(new MemoryRefreshTokenStore(), 3600, audit);
    const stolen = await tokens.issue('alice', [Role.CUSTOMER]);
    const { next } = await tokens.rotate(stolen, {});
    expect(await code(tokens.rotate(stolen, {}))).toBe('AUTH.INVALID_REFRESH_TOKEN');
    expect(recorded).toContain('auth.refresh.reused');
    // The legitimate user's newer token is dead too.
    expect(await code(tokens.rotate(next, {}))).toBe('AUTH.INVALID_REFRESH_TOKEN');
  });

  it('refuses unknown and revoked (logged out) tokens; another family is untouched', async () => {
    const tokens = new RefreshTokens(new MemoryRefreshTokenStore(), 3600, audit);
    expect(await code(tokens.rotate('rt_made-up', {}))).toBe('AUTH.INVALID_REFRESH_TOKEN');
    const mine = await tokens.issue('alice', [Role.CUSTOMER]);
    const other = await tokens.issue('alice', [Role.CUSTOMER]);
    await tokens.revoke(mine, {});
    expect(await code(tokens.rotate(mine, {}))).toBe('AUTH.INVALID_REFRESH_TOKEN');
    expect((await tokens.rotate(other, {})).record.sub).toBe('alice');
  });
});
