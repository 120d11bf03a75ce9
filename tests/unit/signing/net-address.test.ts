// Which addresses count as internal: every private, loopback, link-local and reserved form,
// IPv4 hidden in IPv6 included; public unicast is not.
import { describe, expect, it } from 'vitest';
import { isInternalAddress } from '../../../electron/signing/trust/net-address';

describe('internal addresses', () => {
  it.each([
    '127.0.0.1', '127.255.0.9', '0.0.0.0', '10.1.2.3', '172.16.0.1', '172.31.255.255', '192.168.1.1', '100.64.0.1', '100.127.255.254', '169.254.169.254', '224.0.0.1', '255.255.255.255',
    '::', '::1', 'fc00::1', 'fd12:3456::1', 'fe80::1', 'ff02::1', '::ffff:127.0.0.1', '::ffff:7f00:1', '::ffff:c0a8:101', '::ffff:10.0.0.1', '64:ff9b::7f00:1', '2002:7f00:1::1', 'not-an-ip',
  ])('%s is internal', (ip) => expect(isInternalAddress(ip)).toBe(true));

  it.each(['8.8.8.8', '1.2.3.4', '172.32.0.1', '100.128.0.1', '203.113.131.1', '2001:4860:4860::8888', '::ffff:8.8.8.8', '2402:800::1'])('%s is public', (ip) => expect(isInternalAddress(ip)).toBe(false));
});
