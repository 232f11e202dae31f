/** A robot command refusal reason in plain words (`estop` -> "E-stop engaged"); unknown reasons are shown as sent. */
export function reasonText(t: (key: string, options?: Record<string, unknown>) => string, reason: string | undefined): string {
  const r = reason ?? 'error';
  return t(`robotReason.${r}`, { defaultValue: t('robotReason.other', { reason: r }) });
}
