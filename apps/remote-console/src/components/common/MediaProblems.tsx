import { useTranslation } from 'react-i18next';
import { Icon } from './Icon.tsx';

const KNOWN = ['camera', 'microphone', 'media:start', 'media:send', 'media:recv', 'media:consume'];

/** Visible notices for camera and media problems (receive-only, connection failed...). */
export function MediaProblems({ problems }: { problems: Record<string, string> }) {
  const { t } = useTranslation();
  const entries = Object.entries(problems);
  if (entries.length === 0) return null;
  return (
    <div className="media-problems" role="alert">
      {entries.map(([key, detail]) => (
        <p key={key} className="banner banner--warn">
          <Icon name={key === 'camera' ? 'cameraOff' : key === 'microphone' ? 'mic' : 'alert'} />
          <span>
            {t(`mediaProblem.${KNOWN.includes(key) ? key.replace(':', '_') : 'other'}`)} <span className="detail">({detail})</span>
          </span>
        </p>
      ))}
    </div>
  );
}
