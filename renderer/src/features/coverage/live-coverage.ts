// Live figures on the province hub: a desk's sync sends `coverage.changed`; the open dashboard
// reloads once the burst is over (a push of several batches sends one event per batch). Every
// event reloads, whatever units it names: a change to a commune that has since merged counts
// towards its successor, which the event does not name.
import { useEffect, useRef } from 'react';
import { bridge } from '../../api/bridge';
import { debounce } from '../../components/debounce';

export const LIVE_DELAY_MS = 300;

/** While `enabled` (the hub's page), each burst of coverage.changed events calls `reload` once. */
export function useLiveCoverage(enabled: boolean, reload: () => void): void {
  const latest = useRef(reload);
  latest.current = reload;
  useEffect(() => {
    if (!enabled) return;
    const later = debounce(() => latest.current(), LIVE_DELAY_MS);
    const off = bridge.on('coverage.changed', () => later());
    return () => {
      off();
      later.cancel();
    };
  }, [enabled]);
}
