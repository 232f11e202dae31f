/** The https URL typed by the worker, normalised, or null when it is not a valid https link. */
export function httpsUrl(text: string): string | null {
  const trimmed = text.trim();
  if (!/^https:\/\//i.test(trimmed)) return null;
  try {
    const url = new URL(trimmed);
    if (url.protocol !== 'https:' || !url.hostname) return null;
    return url.toString();
  } catch {
    return null;
  }
}

/** Files under /content/ that workers can show on the kiosk, with their catalog key. */
export const KIOSK_IMAGES = [{ path: '/content/moving-in-form.svg', key: 'kiosk.images.movingInForm', showKey: 'kiosk.showMovingInForm' }] as const;
