import { useId, useRef, useState, type FormEvent, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import { useClient, useConsoleState } from '../../client/ClientContext.tsx';
import { DEVICE_ID_MAX, LOCATION_MAX, NAME_MAX, NEW_DEVICE_FIELDS, newDeviceProblems, type NewDeviceField, type NewDeviceForm } from '../../lib/enrolment.ts';
import { Icon } from '../common/Icon.tsx';
import { Message } from '../common/Message.tsx';
import type { UiMessage } from '../../client/state.ts';

const EMPTY: NewDeviceForm = { deviceId: '', name: '', location: '' };

/** One labelled input with its hint, or its problem (which replaces the hint). */
function Field(props: {
  id: string;
  label: string;
  hint: string;
  problem: UiMessage | null;
  value: string;
  maxLength: number;
  inputRef: RefObject<HTMLInputElement | null>;
  onChange: (value: string) => void;
  spellCheck?: boolean;
}) {
  const { id, label, hint, problem, value, maxLength, inputRef, onChange, spellCheck } = props;
  const hintId = `${id}-hint`;
  const problemId = `${id}-problem`;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        ref={inputRef}
        type="text"
        autoComplete="off"
        spellCheck={spellCheck}
        maxLength={maxLength}
        value={value}
        required
        aria-required
        aria-invalid={problem ? true : undefined}
        aria-describedby={problem ? problemId : hintId}
        onChange={(e) => onChange(e.target.value)}
      />
      {problem ? (
        <p id={problemId} className="form-error" role="alert">
          <Message message={problem} />
        </p>
      ) : (
        <p id={hintId} className="form-hint">
          {hint}
        </p>
      )}
    </div>
  );
}

/**
 * "Add a kiosk" (staff and supervisors): id, name and location, checked here as the server
 * will, each problem under its field; the new kiosk's one-time code then shows in the
 * enrolment panel. An id that exists already is reported on the id field.
 */
export function AddDeviceForm() {
  const { t } = useTranslation();
  const client = useClient();
  const { pending, enrolment } = useConsoleState();
  const [form, setForm] = useState<NewDeviceForm>(EMPTY);
  const [problems, setProblems] = useState<Partial<Record<NewDeviceField, string>>>({});
  const base = useId();
  const ids = { heading: `${base}-heading`, deviceId: `${base}-id`, name: `${base}-name`, location: `${base}-location` };
  const refs: Record<NewDeviceField, RefObject<HTMLInputElement | null>> = { deviceId: useRef(null), name: useRef(null), location: useRef(null) };
  const serverError = enrolment.createError;
  const idTaken = serverError?.key === 'enrolment.form.errors.deviceIdTaken';

  const problem = (field: NewDeviceField): UiMessage | null => {
    const key = problems[field];
    if (key) return { key };
    return field === 'deviceId' && idTaken ? serverError : null;
  };

  const change = (field: NewDeviceField) => (value: string) => {
    setForm((f) => ({ ...f, [field]: value }));
    if (problems[field]) setProblems((p) => ({ ...p, [field]: undefined }));
    client.clearCreateDeviceError();
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const found = newDeviceProblems(form);
    setProblems(found);
    const first = NEW_DEVICE_FIELDS.find((f) => found[f]);
    if (first) {
      refs[first].current?.focus();
      return;
    }
    if (await client.createDevice(form)) setForm(EMPTY);
    else if (client.getSnapshot().enrolment.createError?.key === 'enrolment.form.errors.deviceIdTaken') refs.deviceId.current?.focus();
  };

  return (
    <section className="fleet-card add-device" aria-labelledby={ids.heading}>
      <div className="section-head">
        <h2 id={ids.heading}>
          <Icon name="plus" />
          {t('enrolment.form.heading')}
        </h2>
      </div>
      <p className="muted">{t('enrolment.form.intro')}</p>
      <form className="add-device-form" onSubmit={submit} noValidate aria-labelledby={ids.heading}>
        <Field
          id={ids.deviceId}
          label={t('enrolment.form.deviceId')}
          hint={t('enrolment.form.deviceIdHint')}
          problem={problem('deviceId')}
          value={form.deviceId}
          maxLength={DEVICE_ID_MAX}
          inputRef={refs.deviceId}
          onChange={change('deviceId')}
          spellCheck={false}
        />
        <Field id={ids.name} label={t('enrolment.form.name')} hint={t('enrolment.form.nameHint')} problem={problem('name')} value={form.name} maxLength={NAME_MAX} inputRef={refs.name} onChange={change('name')} />
        <Field
          id={ids.location}
          label={t('enrolment.form.location')}
          hint={t('enrolment.form.locationHint')}
          problem={problem('location')}
          value={form.location}
          maxLength={LOCATION_MAX}
          inputRef={refs.location}
          onChange={change('location')}
        />
        {serverError && !idTaken && (
          <p className="form-error" role="alert">
            <Message message={serverError} />
          </p>
        )}
        <div className="add-device-actions">
          <button type="submit" className="btn btn--primary btn--large" disabled={pending.createDevice} aria-busy={pending.createDevice}>
            {pending.createDevice ? t('enrolment.form.adding') : t('enrolment.form.submit')}
          </button>
        </div>
      </form>
    </section>
  );
}
