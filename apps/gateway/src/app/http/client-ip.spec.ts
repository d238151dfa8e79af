import { clientIp } from './client-ip';

describe('clientIp', () => {
  it('ignores X-Forwarded-For when no proxy is trusted', () => {
    expect(clientIp('10.0.0.9', '1.2.3.4', 0)).toBe('10.0.0.9');
  });

  it('takes the address one hop left of a trusted proxy', () => {
    expect(clientIp('10.0.0.1', '203.0.113.7', 1)).toBe('203.0.113.7');
  });

  it('never uses entries a client wrote itself (rotation does not help)', () => {
    // the client sent "X-Forwarded-For: 6.6.6.6"; the trusted proxy appended the real address
    expect(clientIp('10.0.0.1', '6.6.6.6, 203.0.113.7', 1)).toBe('203.0.113.7');
    expect(clientIp('10.0.0.1', '7.7.7.7, 203.0.113.7', 1)).toBe('203.0.113.7');
  });

  it('walks N trusted hops', () => {
    expect(clientIp('10.0.0.2', '6.6.6.6, 203.0.113.7, 10.0.0.1', 2)).toBe('203.0.113.7');
  });

  it('falls back to the leftmost entry when the chain is shorter than the trusted hops', () => {
    expect(clientIp('10.0.0.1', '203.0.113.7', 5)).toBe('203.0.113.7');
  });
});
