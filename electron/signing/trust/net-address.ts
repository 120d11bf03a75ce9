// Which IP addresses an outbound fetch may reach without the admin's say-so: public unicast
// only. Loopback, private (RFC 1918), CGNAT, link-local, ULA, multicast, unspecified and
// reserved ranges are the app's own machine or the office network, and an address a signed
// file names there is an attacker's way in (SSRF). IPv4 inside IPv6 (mapped, compatible,
// NAT64, 6to4) is judged as the IPv4 address it carries.
import net from 'node:net';

/** 16 bytes of an IPv6 address (a dotted IPv4 tail turned into its two groups first), or null. */
function v6Bytes(text: string): number[] | null {
  let s = text.replace(/^\[|\]$/g, '').replace(/%.*$/, '');
  if (!net.isIPv6(s)) return null;
  s = s.replace(/(\d+)\.(\d+)\.(\d+)\.(\d+)$/, (_m, a, b, c, d) => `${((+a << 8) | +b).toString(16)}:${((+c << 8) | +d).toString(16)}`);
  const groups = (part: string) => (part ? part.split(':') : []);
  const [left, right] = s.includes('::') ? s.split('::') : [s, null];
  const l = groups(left);
  const r = right === null ? [] : groups(right);
  const all = [...l, ...new Array(Math.max(0, 8 - l.length - r.length)).fill('0'), ...r];
  if (all.length !== 8) return null;
  return all.flatMap((g) => {
    const n = parseInt(g, 16);
    return [n >> 8, n & 0xff];
  });
}

function v4Private(b: number[]): boolean {
  const [a, c] = b;
  return (
    a === 0 || // "this network", 0.0.0.0
    a === 10 ||
    a === 127 ||
    (a === 100 && c >= 64 && c <= 127) || // CGNAT 100.64/10
    (a === 169 && c === 254) ||
    (a === 172 && c >= 16 && c <= 31) ||
    (a === 192 && c === 168) ||
    (a === 192 && c === 0 && b[2] === 0) || // IETF protocol assignments
    (a === 198 && (c === 18 || c === 19)) || // benchmarking
    a >= 224 // multicast, reserved, broadcast
  );
}

function v6Private(b: number[]): boolean {
  const zero = (from: number, to: number) => b.slice(from, to).every((x) => x === 0);
  if (zero(0, 10) && b[10] === 0xff && b[11] === 0xff) return v4Private(b.slice(12)); // ::ffff:a.b.c.d
  if (zero(0, 12)) return true; // ::, ::1 and the old IPv4-compatible form
  if (b[0] === 0x00 && b[1] === 0x64 && b[2] === 0xff && b[3] === 0x9b) return v4Private(b.slice(12)); // NAT64 64:ff9b::/96
  if (b[0] === 0x20 && b[1] === 0x02) return v4Private(b.slice(2, 6)); // 6to4 2002::/16
  return (b[0] & 0xfe) === 0xfc || (b[0] === 0xfe && (b[1] & 0xc0) === 0x80) || b[0] === 0xff; // ULA, link-local, multicast
}

/** True when the address is not public unicast (or is not an IP address at all). */
export function isInternalAddress(ip: string): boolean {
  if (net.isIPv4(ip)) return v4Private(ip.split('.').map(Number));
  const b = v6Bytes(ip);
  return b ? v6Private(b) : true;
}
