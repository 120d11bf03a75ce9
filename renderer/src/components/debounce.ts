// One run after a burst of calls: live screens reload once per burst of events, not per event.

/** `fn` run once, `ms` after the last of a burst of calls; `cancel` drops a pending run. */
export function debounce(fn: () => void, ms: number): { (): void; cancel(): void } {
  let timer: ReturnType<typeof setTimeout> | null = null;
  const cancel = () => {
    if (timer !== null) clearTimeout(timer);
    timer = null;
  };
  const run = () => {
    cancel();
    timer = setTimeout(() => {
      timer = null;
      fn();
    }, ms);
  };
  return Object.assign(run, { cancel });
}
