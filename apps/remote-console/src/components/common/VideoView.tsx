import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * A `<video>` bound to a MediaStream. When the browser blocks autoplay with sound (e.g. after
 * a page reload into a call), the video plays muted and a button turns the sound on.
 */
export function VideoView({ stream, label, muted = false, className }: { stream: MediaStream | null; label: string; muted?: boolean; className?: string }) {
  const { t } = useTranslation();
  const ref = useRef<HTMLVideoElement>(null);
  const [soundBlocked, setSoundBlocked] = useState(false);

  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    if (el.srcObject !== stream) el.srcObject = stream;
    if (!stream) return;
    el.muted = muted;
    el.play().catch(() => {
      if (muted) return;
      el.muted = true;
      setSoundBlocked(true);
      void el.play().catch(() => {});
    });
  }, [stream, muted]);

  const enableSound = () => {
    const el = ref.current;
    if (!el) return;
    el.muted = false;
    void el.play().then(() => setSoundBlocked(false), () => setSoundBlocked(true));
  };

  return (
    <>
      <video ref={ref} className={className} autoPlay playsInline muted={muted} aria-label={label} />
      {soundBlocked && (
        <button type="button" className="btn btn--primary sound-button" onClick={enableSound}>
          {t('call.enableSound')}
        </button>
      )}
    </>
  );
}
