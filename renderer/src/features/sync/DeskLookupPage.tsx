// Tra cứu kết quả đã số hóa (toàn tỉnh) on a desk: the hub's lookup page, asking through the
// desk's enrolment (`hub.lookup`, signed by the desk in the signed-in officer's name) and
// fetching a signed copy through the desk's /export/hub-copy.pdf (the link key in the browser
// host, app:// in Electron), so an officer needs no hub account.
import { HUB_COPY_EXPORT } from '../../../../shared/lookup-contract';
import { call, exportUrl } from '../../api/bridge';
import { LookupPage, type LookupSource } from '../hub/LookupPage';

const DESK_SOURCE: LookupSource = {
  lookup: (req) => call('hub.lookup', req),
  copyUrl: (lookupId, r) => exportUrl(HUB_COPY_EXPORT, new URLSearchParams({ lookup: lookupId, sha256: r.signed.sha256, name: r.dossierCode }).toString()),
};

export function DeskLookupPage() {
  return <LookupPage source={DESK_SOURCE} />;
}
