import { useEffect, useRef } from 'react';

/** A `<video>` bound to a MediaStream. */
export function VideoView({ stream, label, muted, className }: { stream: MediaStream | null; label: string; muted?: boolean; className?: string }) {
  const ref = useRef<HTMLVideoElement>(null);
  useEffect(() => {
    if (ref.current && ref.current.srcObject !== stream) ref.current.srcObject = stream;
  }, [stream]);
  return <video ref={ref} className={className} autoPlay playsInline muted={muted} aria-label={label} />;
}
