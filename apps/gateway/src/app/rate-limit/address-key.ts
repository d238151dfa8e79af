import ipaddr from 'ipaddr.js';

/**
 * What a per-address rate limit counts for a client address. An IPv4 address is itself (an
 * IPv4-mapped IPv6 one, as a dual-stack listener reports IPv4 clients, is its IPv4 address). An
 * IPv6 client is given a whole network by its provider (a /64 at the least, a /56 or /48 for
 * most homes and offices) and can take a fresh address from it for every request: counted per
 * address it would never meet a limit. So it is counted by its network, `ipv6PrefixBits` long
 * (express-rate-limit's default is 56; GitLab's 64); 128 counts each address. Logs keep the address.
 */
export function addressKey(ip: string, ipv6PrefixBits: number): string {
  // IPv4 (the common case) is not parsed at all.
  if (!ip.includes(':') || !ipaddr.IPv6.isValid(ip)) return ip;
  const address = ipaddr.IPv6.parse(ip);
  if (address.isIPv4MappedAddress()) return address.toIPv4Address().toString();
  if (ipv6PrefixBits >= 128) return new ipaddr.IPv6(address.parts).toRFC5952String();
  const network = address.parts.map((part, i) => {
    const kept = Math.min(16, Math.max(0, ipv6PrefixBits - i * 16));
    return part & ((0xffff << (16 - kept)) & 0xffff);
  });
  return `${new ipaddr.IPv6(network).toRFC5952String()}/${ipv6PrefixBits}`;
}
