import { useRef, type ReactNode } from 'react';

/**
 * A hidden file input and the function that opens it (from any button or menu item). The
 * chosen file goes to `onFile`; the input is then cleared, so the same file can be chosen again.
 */
export function usePickFile(opts: { accept: string; testId?: string; onFile: (file: File) => unknown }): [ReactNode, () => void] {
  const input = useRef<HTMLInputElement>(null);
  const element = (
    <input
      ref={input}
      type="file"
      accept={opts.accept}
      hidden
      data-testid={opts.testId}
      onChange={(e) => {
        const f = e.target.files?.[0];
        e.target.value = '';
        if (f) void opts.onFile(f);
      }}
    />
  );
  return [element, () => input.current?.click()];
}
