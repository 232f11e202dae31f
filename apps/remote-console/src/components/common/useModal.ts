import { useEffect, useRef } from 'react';

/** Opens a native `<dialog>` as a modal while `open` (focus stays inside, Escape closes); `onOpen` resets its form. */
export function useModal(open: boolean, onOpen?: () => void) {
  const ref = useRef<HTMLDialogElement>(null);
  const reset = useRef(onOpen);
  reset.current = onOpen;
  useEffect(() => {
    const d = ref.current;
    if (!d) return;
    if (open && !d.open) {
      reset.current?.();
      d.showModal();
    } else if (!open && d.open) d.close();
  }, [open]);
  return ref;
}
