/**
 * The room an element's content has, twice: `live` follows every resize (cheap CSS sizing uses
 * it), `settled` only once the size has rested for `settleMs` (re-rendering a page's pixels at the
 * new resolution uses it, so dragging a window edge does not re-render the page on every frame).
 */
import { useEffect, useState } from 'react';
import type { Size } from './zoom';

const NONE: Size = { width: 0, height: 0 };

export function useBoxSize(element: HTMLElement | null, settleMs = 150): { live: Size; settled: Size } {
  const [live, setLive] = useState<Size>(NONE);
  const [settled, setSettled] = useState<Size>(NONE);

  useEffect(() => {
    if (!element) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let first = true;
    const observer = new ResizeObserver(([entry]) => {
      if (!entry) return;
      const size = { width: entry.contentRect.width, height: entry.contentRect.height };
      setLive(size);
      clearTimeout(timer);
      // The first measurement is the one the first page is drawn at: no reason to wait for it.
      if (first) setSettled(size);
      else
        timer = setTimeout(() => {
          setSettled(size);
        }, settleMs);
      first = false;
    });
    observer.observe(element);
    return () => {
      clearTimeout(timer);
      observer.disconnect();
    };
  }, [element, settleMs]);

  return { live, settled };
}
