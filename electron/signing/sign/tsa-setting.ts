// The timestamp server the signing queue asks (archive setting `signing.tsaUrl`), set by an admin.
import { audit } from '../../accounts/audit';
import type { Db } from '../../archive/db';
import { deleteSetting, getSetting, putSetting } from '../../archive/settings';

const KEY = 'signing.tsaUrl';

export function tsaUrl(db: Db): string | null {
  return getSetting(db, KEY);
}

export function setTsaUrl(db: Db, url: string | null, userId: number | null): void {
  db.transaction(() => {
    if (url) putSetting(db, KEY, url);
    else deleteSetting(db, KEY);
    audit(db, userId, 'signing.setConfig', { type: 'setting', id: KEY }, { tsaUrl: url });
  })();
}
