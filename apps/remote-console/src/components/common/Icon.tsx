/** Small inline icons (decorative: always paired with text, hidden from screen readers). */
export type IconName =
  | 'online'
  | 'offline'
  | 'battery'
  | 'charging'
  | 'linkUp'
  | 'linkDown'
  | 'linkNone'
  | 'session'
  | 'idle'
  | 'alert'
  | 'download'
  | 'check'
  | 'clock'
  | 'globe'
  | 'location'
  | 'cameraOff'
  | 'refresh'
  | 'person'
  | 'pause'
  | 'arrowUp'
  | 'arrowDown'
  | 'turnLeft'
  | 'turnRight'
  | 'stop'
  | 'dock'
  | 'flag'
  | 'cancel'
  | 'camera'
  | 'mic'
  | 'estop'
  | 'service'
  | 'robot'
  | 'version'
  | 'pose'
  | 'bell'
  | 'key'
  | 'plus'
  | 'upload'
  | 'book';

const PATHS: Record<IconName, string> = {
  online: 'M12 4a8 8 0 1 0 0 16 8 8 0 0 0 0-16Zm-1.2 11.6-3.5-3.5 1.4-1.4 2.1 2.1 4.9-4.9 1.4 1.4-6.3 6.3Z',
  offline: 'M12 4a8 8 0 1 0 0 16 8 8 0 0 0 0-16Zm3.5 10.1-1.4 1.4L12 13.4l-2.1 2.1-1.4-1.4 2.1-2.1-2.1-2.1 1.4-1.4 2.1 2.1 2.1-2.1 1.4 1.4-2.1 2.1 2.1 2.1Z',
  battery: 'M4 8h14v8H4V8Zm-2-2v12h18v-3h2V9h-2V6H2Zm4 4v4h6v-4H6Z',
  charging: 'M13 2 5 13h5l-1 9 8-11h-5l1-9Z',
  linkUp: 'M10.6 13.4a1 1 0 0 1 0-1.4l3.5-3.5a3 3 0 1 1 4.2 4.2l-2 2-1.4-1.4 2-2a1 1 0 0 0-1.4-1.4L12 13.4a1 1 0 0 1-1.4 0ZM13.4 10.6a1 1 0 0 1 0 1.4l-3.5 3.5a3 3 0 1 1-4.2-4.2l2-2 1.4 1.4-2 2a1 1 0 1 0 1.4 1.4L12 10.6a1 1 0 0 1 1.4 0Z',
  linkDown: 'M3.3 4.7 4.7 3.3l16 16-1.4 1.4-16-16ZM16.2 14.8l2.1-2.1a3 3 0 0 0-4.2-4.2L12 10.6 13.4 12l2.1-2.1a1 1 0 0 1 1.4 1.4l-2.1 2.1 1.4 1.4ZM7.8 9.2l-2.1 2.1a3 3 0 0 0 4.2 4.2l2.1-2.1-1.4-1.4-2.1 2.1a1 1 0 1 1-1.4-1.4l2.1-2.1-1.4-1.4Z',
  linkNone: 'M5 11h14v2H5v-2Z',
  session: 'M4 5h16v11H8l-4 4V5Zm2 2v8.2L7.2 14H18V7H6Z',
  idle: 'M12 4a8 8 0 1 0 0 16 8 8 0 0 0 0-16Zm0 2a6 6 0 1 1 0 12 6 6 0 0 1 0-12Z',
  alert: 'M12 2 1 21h22L12 2Zm-1 7h2v6h-2V9Zm0 8h2v2h-2v-2Z',
  check: 'M9 16.2 4.8 12l-1.4 1.4L9 19 21 7l-1.4-1.4L9 16.2Z',
  clock: 'M12 3a9 9 0 1 0 0 18 9 9 0 0 0 0-18Zm0 2a7 7 0 1 1 0 14 7 7 0 0 1 0-14Zm-1 2v6l5 3 1-1.7-4-2.3V7h-2Z',
  globe: 'M12 2a10 10 0 1 0 0 20 10 10 0 0 0 0-20Zm6.9 9h-3a15.6 15.6 0 0 0-1.3-5.6A8 8 0 0 1 18.9 11ZM12 4.1c.9 1.2 1.8 3.6 1.9 6.9h-3.8C10.2 7.7 11.1 5.3 12 4.1ZM9.4 5.4A15.6 15.6 0 0 0 8.1 11h-3a8 8 0 0 1 4.3-5.6ZM5.1 13h3a15.6 15.6 0 0 0 1.3 5.6A8 8 0 0 1 5.1 13Zm6.9 6.9c-.9-1.2-1.8-3.6-1.9-6.9h3.8c-.1 3.3-1 5.7-1.9 6.9Zm2.6-1.3a15.6 15.6 0 0 0 1.3-5.6h3a8 8 0 0 1-4.3 5.6Z',
  location: 'M12 2a7 7 0 0 0-7 7c0 5.2 7 13 7 13s7-7.8 7-13a7 7 0 0 0-7-7Zm0 9.5A2.5 2.5 0 1 1 12 6.5a2.5 2.5 0 0 1 0 5Z',
  cameraOff: 'M3.3 2 2 3.3 4.7 6H4a1 1 0 0 0-1 1v10a1 1 0 0 0 1 1h12c.2 0 .4 0 .5-.1l3.2 3.1 1.3-1.3L3.3 2ZM21 6.5l-4 4V7a1 1 0 0 0-1-1H9.8L21 17.2V6.5Z',
  refresh: 'M17.6 6.4A8 8 0 1 0 20 12h-2a6 6 0 1 1-1.8-4.2L13 11h7V4l-2.4 2.4Z',
  person: 'M12 12a4 4 0 1 0 0-8 4 4 0 0 0 0 8Zm0 2c-4 0-8 2-8 5v1h16v-1c0-3-4-5-8-5Z',
  pause: 'M7 5h4v14H7V5Zm6 0h4v14h-4V5Z',
  arrowUp: 'M12 3 4 11h5v10h6V11h5l-8-8Z',
  arrowDown: 'M12 21l8-8h-5V3H9v10H4l8 8Z',
  turnLeft: 'M9 4 3 9.5 9 15v-4h5a4 4 0 0 1 4 4v5h3v-5a7 7 0 0 0-7-7H9V4Z',
  turnRight: 'M15 4l6 5.5-6 5.5v-4h-5a4 4 0 0 0-4 4v5H3v-5a7 7 0 0 1 7-7h5V4Z',
  stop: 'M8.3 2h7.4L22 8.3v7.4L15.7 22H8.3L2 15.7V8.3L8.3 2ZM7 10v4h10v-4H7Z',
  dock: 'M4 20V9l8-6 8 6v11h-5v-6H9v6H4Zm7-8h2V8h-2v4Z',
  flag: 'M5 2h2v1h11l-2 4.5L18 12H7v10H5V2Z',
  cancel: 'M12 3a9 9 0 1 0 0 18 9 9 0 0 0 0-18Zm4.2 11.8-1.4 1.4L12 13.4l-2.8 2.8-1.4-1.4 2.8-2.8-2.8-2.8 1.4-1.4 2.8 2.8 2.8-2.8 1.4 1.4-2.8 2.8 2.8 2.8Z',
  camera: 'M9 4 7.2 6H4a2 2 0 0 0-2 2v10a2 2 0 0 0 2 2h16a2 2 0 0 0 2-2V8a2 2 0 0 0-2-2h-3.2L15 4H9Zm3 4.5a4.5 4.5 0 1 1 0 9 4.5 4.5 0 0 1 0-9Zm0 2a2.5 2.5 0 1 0 0 5 2.5 2.5 0 0 0 0-5Z',
  mic: 'M12 2a3 3 0 0 0-3 3v6a3 3 0 0 0 6 0V5a3 3 0 0 0-3-3Zm-7 9h2a5 5 0 0 0 10 0h2a7 7 0 0 1-6 6.9V21h-2v-3.1A7 7 0 0 1 5 11Z',
  estop: 'M12 2a10 10 0 1 0 0 20 10 10 0 0 0 0-20Zm-1 4h2v8h-2V6Zm0 10h2v2h-2v-2Z',
  service: 'M21.7 18.6 13 9.9a5.5 5.5 0 0 0-7.2-6.8l3.3 3.3-2.8 2.8-3.3-3.3A5.5 5.5 0 0 0 9.9 13l8.7 8.7 3.1-3.1Z',
  robot: 'M11 2h2v3h4a3 3 0 0 1 3 3v8a3 3 0 0 1-3 3H7a3 3 0 0 1-3-3V8a3 3 0 0 1 3-3h4V2ZM9 10a1.5 1.5 0 1 0 0 3 1.5 1.5 0 0 0 0-3Zm6 0a1.5 1.5 0 1 0 0 3 1.5 1.5 0 0 0 0-3ZM8 15v2h8v-2H8Zm-7-5h2v5H1v-5Zm20 0h2v5h-2v-5Z',
  version: 'M3 3h8l10 10-8 8L3 11V3Zm4.5 2.5a2 2 0 1 0 0 4 2 2 0 0 0 0-4Z',
  pose: 'M12 2 4.5 20.3l.7.7L12 18l6.8 3 .7-.7L12 2Z',
  download: 'M11 3h2v10.2l3.6-3.6 1.4 1.4-6 6-6-6 1.4-1.4 3.6 3.6V3ZM4 19h16v2H4v-2Z',
  key: 'M7.5 7a5 5 0 1 0 4.6 7H15v2h2v-2h2v2h2v-6h-8.9A5 5 0 0 0 7.5 7Zm0 3a2 2 0 1 1 0 4 2 2 0 1 1 0-4Z',
  plus: 'M11 4h2v7h7v2h-7v7h-2v-7H4v-2h7V4Z',
  upload: 'M11 21h2V10.8l3.6 3.6 1.4-1.4-6-6-6 6 1.4 1.4 3.6-3.6V21ZM4 3h16v2H4V3Z',
  book: 'M5 3h11a3 3 0 0 1 3 3v15H7a3 3 0 0 1-3-3V4a1 1 0 0 1 1-1Zm2 14a1 1 0 1 0 0 2h10v-2H7Zm1-11v2h8V6H8Zm0 4v2h6v-2H8Z',
  bell: 'M12 22a2.5 2.5 0 0 0 2.5-2.5h-5A2.5 2.5 0 0 0 12 22Zm7-6V11a7 7 0 0 0-5.5-6.8V3a1.5 1.5 0 0 0-3 0v1.2A7 7 0 0 0 5 11v5l-2 2v1h18v-1l-2-2Z',
};

export function Icon({ name, className }: { name: IconName; className?: string }) {
  return (
    <svg className={`icon ${className ?? ''}`} viewBox="0 0 24 24" width="20" height="20" aria-hidden="true" focusable="false">
      <path d={PATHS[name]} fill="currentColor" />
    </svg>
  );
}
