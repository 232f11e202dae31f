import { Fragment } from 'react';
import { useTranslation } from 'react-i18next';
import { phraseSegments } from './phrases.ts';

/**
 * Text whose lines break only between words in Japanese and Chinese: `<wbr>` between phrases,
 * and the `.phrased` class (`word-break: keep-all`) forbids breaks elsewhere. For headings and
 * other large text, where a split word (「くだ／さい」) is most visible.
 */
export function Phrased({ text, lang }: { text: string; lang?: string }) {
  const { i18n } = useTranslation();
  const segs = phraseSegments(text, lang ?? i18n.language);
  if (segs.length < 2) return <>{text}</>;
  return (
    <span className="phrased">
      {segs.map((s, i) => (
        <Fragment key={i}>
          {i > 0 && <wbr />}
          {s}
        </Fragment>
      ))}
    </span>
  );
}
