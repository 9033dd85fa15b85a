import { useCallback, useEffect, useRef, useState, type RefObject } from 'react';

/** The part of a scrolling element in view: its scroll offset and its height, in pixels. */
export interface ScrollBand {
  top: number;
  height: number;
}

/**
 * Follows an element's scroll position and size (at most once a frame), so a virtualized view
 * draws only what is in view. Returns the ref to put on the element and the band it shows.
 */
export function useScrollBand<T extends HTMLElement>(initialHeight = 640): [RefObject<T | null>, ScrollBand] {
  const ref = useRef<T>(null);
  const [band, setBand] = useState<ScrollBand>({ top: 0, height: initialHeight });

  const measure = useCallback(() => {
    const el = ref.current;
    if (!el) return;
    const top = el.scrollTop;
    const height = el.clientHeight;
    setBand((b) => (b.top === top && b.height === height ? b : { top, height }));
  }, []);

  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    let frame = 0;
    const handler = () => {
      if (frame) return;
      frame = requestAnimationFrame(() => {
        frame = 0;
        measure();
      });
    };
    el.addEventListener('scroll', handler, { passive: true });
    window.addEventListener('resize', handler);
    measure();
    return () => {
      el.removeEventListener('scroll', handler);
      window.removeEventListener('resize', handler);
      if (frame) cancelAnimationFrame(frame);
    };
  }, [measure]);

  return [ref, band];
}
