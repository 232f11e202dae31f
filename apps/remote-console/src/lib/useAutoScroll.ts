import { useLayoutEffect, useRef, type RefObject } from 'react';

/** Distance from the bottom (px) under which the view still counts as "following" new lines. */
const FOLLOW_SLACK = 80;

/**
 * Keeps a scrollable element at the bottom when `dep` changes (new transcript lines), unless
 * the reader has scrolled up to read older lines.
 */
export function useAutoScroll<T extends HTMLElement>(dep: unknown): RefObject<T | null> {
  const ref = useRef<T>(null);
  const following = useRef(true);
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    const onScroll = () => {
      following.current = el.scrollHeight - el.scrollTop - el.clientHeight < FOLLOW_SLACK;
    };
    el.addEventListener('scroll', onScroll, { passive: true });
    return () => el.removeEventListener('scroll', onScroll);
  }, []);
  useLayoutEffect(() => {
    const el = ref.current;
    if (el && following.current) el.scrollTop = el.scrollHeight;
  }, [dep]);
  return ref;
}
