import { useEffect } from 'react';

/** True when the key press is aimed at a text field or a select (keys belong to the field then). */
export function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  const tag = target.tagName;
  if (tag === 'TEXTAREA' || tag === 'SELECT') return true;
  if (tag === 'INPUT') {
    const type = (target as HTMLInputElement).type;
    return !['radio', 'checkbox', 'button', 'submit', 'reset'].includes(type);
  }
  return false;
}

/**
 * Single-letter keyboard shortcuts (no modifiers), ignored while typing or while a modal
 * dialog is open. `bindings` maps a lower-case letter to its action.
 */
export function useShortcuts(bindings: Record<string, () => void>, enabled = true): void {
  useEffect(() => {
    if (!enabled) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.repeat || e.ctrlKey || e.metaKey || e.altKey) return;
      if (isTyping(e.target) || document.querySelector('dialog[open]')) return;
      const action = bindings[e.key.toLowerCase()];
      if (!action) return;
      e.preventDefault();
      action();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [bindings, enabled]);
}
