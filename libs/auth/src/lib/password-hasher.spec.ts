import { hashPassword, verifyPassword } from './password-hasher';

describe('password hasher', () => {
  it('verifies the right password and refuses a wrong one', async () => {
    const hash = await hashPassword('alice-pizza');
    expect(await verifyPassword('alice-pizza', hash)).toBe(true);
    expect(await verifyPassword('alice-pizzA', hash)).toBe(false);
  });

  it('never stores the password and salts every hash', async () => {
    const a = await hashPassword('alice-pizza');
    const b = await hashPassword('alice-pizza');
    expect(a).not.toContain('alice-pizza');
    expect(a).not.toBe(b);
  });

  it('treats a malformed stored hash as no match', async () => {
    expect(await verifyPassword('x', 'plain-text')).toBe(false);
  });
});
