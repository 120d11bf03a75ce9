// The admin's list of hosts the app may fetch from although they resolve to internal
// addresses (a CA or OCSP responder inside the office network, a test server): archive
// setting `signing.outboundAllow`, beside the TSA setting. The admin's configured TSA host
// is allowed implicitly: naming it was the admin's decision already.
import { audit } from '../../accounts/audit';
import type { Db } from '../../archive/db';
import { deleteSetting, getSetting, putSetting } from '../../archive/settings';
import { CoreError } from '../../errors';
import { normaliseHost, Outbound, type OutboundOptions } from './outbound-fetch';
import { tsaUrl } from '../sign/tsa-setting';

const KEY = 'signing.outboundAllow';

export function allowedHosts(db: Db): string[] {
  try {
    const list = JSON.parse(getSetting(db, KEY) ?? '[]') as unknown;
    return Array.isArray(list) ? list.filter((h): h is string => typeof h === 'string') : [];
  } catch {
    return [];
  }
}

/** Replaces the list; each entry is "host" or "host:port" (no scheme, no path). */
export function setAllowedHosts(db: Db, hosts: string[], userId: number | null): string[] {
  const list = [...new Set(hosts.map((h) => h.trim()).filter(Boolean))];
  const bad = list.find((h) => !normaliseHost(h));
  if (bad) throw new CoreError('BAD_REQUEST', { detail: `"${bad}" không phải tên máy chủ hoặc máy chủ:cổng (không ghi http://, không ghi đường dẫn)` });
  db.transaction(() => {
    if (list.length) putSetting(db, KEY, JSON.stringify(list));
    else deleteSetting(db, KEY);
    audit(db, userId, 'signing.setConfig', { type: 'setting', id: KEY }, { allowHosts: list });
  })();
  return list;
}

/** A fetcher for one signing or verification: the admin's hosts and TSA allowed, a fresh budget. */
export function outboundFor(db: Db, opts: OutboundOptions & { tsaUrl?: string | null } = {}): Outbound {
  const out = new Outbound({ ...opts, allow: [...allowedHosts(db), ...(opts.allow ?? [])] });
  for (const tsa of [tsaUrl(db), opts.tsaUrl])
    if (tsa)
      try {
        out.allow(new URL(tsa).host);
      } catch {
        /* not a URL: nothing to allow */
      }
  return out;
}
