import { useEffect, useId, useRef, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { DeviceRef } from '@telekiosk/shared';
import { useClient, useConsoleState } from '../../client/ClientContext.tsx';
import { useModal } from '../common/useModal.ts';

/**
 * Confirms revoking a kiosk's credential: it is disconnected at once and must be enrolled again
 * with a new code. Native `<dialog>` (focus stays inside, Escape cancels); Cancel has the focus
 * first, so Enter does not revoke by accident. The outcome shows on the kiosk's card.
 */
export function RevokeCredentialDialog({ device, onClose }: { device: DeviceRef | null; onClose: () => void }) {
  const { t } = useTranslation();
  const client = useClient();
  const { deviceActions } = useConsoleState();
  const open = device !== null;
  const ref = useModal(open);
  const cancelRef = useRef<HTMLButtonElement>(null);
  const ids = { title: useId(), body: useId() };
  // After useModal's effect has opened the dialog.
  useEffect(() => {
    if (open) cancelRef.current?.focus();
  }, [open]);
  const busy = device ? deviceActions[device.id]?.pending === 'revoke' : false;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!device || busy) return;
    await client.revokeCredential(device.id);
    onClose();
  };

  return (
    <dialog ref={ref} className="dialog" aria-labelledby={ids.title} aria-describedby={ids.body} onClose={onClose}>
      <form onSubmit={submit}>
        <h2 id={ids.title}>{t('enrolment.revoke.title', { name: device?.name ?? '' })}</h2>
        <p id={ids.body}>{t('enrolment.revoke.body')}</p>
        <div className="dialog-actions">
          <button type="submit" className="btn btn--danger" disabled={busy} aria-busy={busy}>
            {t('enrolment.revoke.confirm')}
          </button>
          <button type="button" className="btn" ref={cancelRef} onClick={onClose}>
            {t('common.cancel')}
          </button>
        </div>
      </form>
    </dialog>
  );
}
