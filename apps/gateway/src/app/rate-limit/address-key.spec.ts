import { addressKey } from './address-key';

describe('addressKey', () => {
  it('keeps an IPv4 address as it is', () => {
    expect(addressKey('203.0.113.7', 56)).toBe('203.0.113.7');
    expect(addressKey('203.0.113.8', 56)).not.toBe(addressKey('203.0.113.7', 56));
  });

  it('counts an IPv4-mapped IPv6 address (a dual-stack listener) as its IPv4 address', () => {
    expect(addressKey('::ffff:203.0.113.7', 56)).toBe('203.0.113.7');
  });

  it('counts every address of one IPv6 network as one client', () => {
    const keys = ['2001:db8:1:2::1', '2001:db8:1:2:ffff:ffff:ffff:ffff', '2001:db8:1:ff::9', '2001:0DB8:0001:0002:0000:0000:0000:0001'].map((ip) => addressKey(ip, 56));
    expect(new Set(keys)).toEqual(new Set(['2001:db8:1::/56']));
  });

  it('tells networks apart, at any prefix length', () => {
    expect(addressKey('2001:db8:1:100::1', 56)).toBe('2001:db8:1:100::/56');
    expect(addressKey('2001:db8:1:2::1', 64)).toBe('2001:db8:1:2::/64');
    expect(addressKey('2001:db8:1:3::1', 64)).toBe('2001:db8:1:3::/64');
    // A prefix that is not a multiple of 16 cuts inside a group.
    expect(addressKey('2001:db8:1:12ff::1', 52)).toBe('2001:db8:1:1000::/52');
  });

  it('counts each address at 128, in one spelling', () => {
    expect(addressKey('2001:0db8:0:0::1', 128)).toBe('2001:db8::1');
    expect(addressKey('2001:db8::2', 128)).toBe('2001:db8::2');
  });

  it('leaves what is not an address as it is (the socket was gone: "unknown")', () => {
    expect(addressKey('unknown', 56)).toBe('unknown');
    expect(addressKey('not:an:address', 56)).toBe('not:an:address');
  });
});
