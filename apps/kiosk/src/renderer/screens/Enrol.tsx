import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import '../i18n.ts';
import type { EnrolError } from '../client/runtimeConfig.ts';

/**
 * Shown until the kiosk has a device credential: staff type the one-time enrolment code shown
 * on the console (or open the enrolment URL of its QR code, which fills it in).
 */
export function Enrol({ onEnrol, initialError = null }: { onEnrol: (code: string) => Promise<EnrolError | null>; initialError?: EnrolError | null }) {
  const { t } = useTranslation();
  const [code, setCode] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<EnrolError | null>(initialError);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (busy || code.trim().length < 8) return;
    setBusy(true);
    setError(await onEnrol(code));
    setBusy(false);
  };
  return (
    <main className="screen center enrol">
      <form className="enrol-form" onSubmit={(e) => void submit(e)} aria-labelledby="enrol-title">
        <h1 id="enrol-title">{t('enrol.title')}</h1>
        <p>{t('enrol.instructions')}</p>
        <label htmlFor="enrol-code">{t('enrol.code')}</label>
        <input
          id="enrol-code"
          name="code"
          autoComplete="off"
          autoCapitalize="characters"
          spellCheck={false}
          inputMode="text"
          value={code}
          onChange={(e) => setCode(e.target.value)}
          aria-invalid={error !== null}
          aria-describedby={error ? 'enrol-error' : undefined}
        />
        {error && (
          <p id="enrol-error" role="alert" className="error">
            {t(`enrol.errors.${error}`)}
          </p>
        )}
        <button type="submit" className="primary big" disabled={busy || code.trim().length < 8}>
          {busy ? t('enrol.busy') : t('enrol.submit')}
        </button>
      </form>
    </main>
  );
}
