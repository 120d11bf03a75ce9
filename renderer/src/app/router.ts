import { useEffect, useState } from 'react';

/** Hash routes (#/documents/12): they work unchanged under app:// and the browser host. */
export function useRoute(): string[] {
  const read = () => window.location.hash.replace(/^#\/?/, '').split('/').filter(Boolean);
  const [parts, setParts] = useState(read);
  useEffect(() => {
    const on = () => setParts(read());
    window.addEventListener('hashchange', on);
    return () => window.removeEventListener('hashchange', on);
  }, []);
  return parts;
}

export const navigate = (path: string) => {
  window.location.hash = `#/${path}`;
};
