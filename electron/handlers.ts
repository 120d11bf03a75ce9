// The contract's methods, one group per domain, merged into the map the core routes by. The
// type makes a method without a handler (or a handler of no method) a compile error.
import type { MethodName } from '../shared/channels';
import type { Access, Entry } from './call-context';
import { accountHandlers } from './accounts/handlers';
import { archiveHandlers } from './archive/handlers';
import { bulkHandlers } from './archive/bulk-handlers';
import { maintenanceHandlers } from './archive/maintenance-handlers';
import { restoreHandlers } from './archive/restore-handlers';
import { trashHandlers } from './archive/trash-handlers';
import { captureHandlers } from './capture/handlers';
import { coverageHandlers } from './coverage/handlers';
import { workHandlers } from './coverage/work-handlers';
import { jobHandlers } from './jobs/handlers';
import { ocrHandlers } from './ocr/handlers';
import { signingHandlers } from './signing/handlers';
import { syncHandlers } from './sync/handlers';
import { lookupHandlers } from './sync/lookup-handlers';
import { unitHandlers } from './units/handlers';

export const handlers: { [M in MethodName]: Entry<M> } = {
  ...accountHandlers,
  ...unitHandlers,
  ...archiveHandlers,
  ...captureHandlers,
  ...ocrHandlers,
  ...coverageHandlers,
  ...signingHandlers,
  ...jobHandlers,
  ...maintenanceHandlers,
  ...restoreHandlers,
  ...trashHandlers,
  ...syncHandlers,
  ...lookupHandlers,
  ...workHandlers,
  ...bulkHandlers,
};

export function accessOf(method: MethodName): Access {
  return handlers[method].access;
}
