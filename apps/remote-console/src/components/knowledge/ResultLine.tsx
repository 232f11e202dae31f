import { useTranslation } from 'react-i18next';
import { useClient, useConsoleState } from '../../client/ClientContext.tsx';
import type { KbResult } from '../../client/knowledgeState.ts';
import { Icon } from '../common/Icon.tsx';
import { Message } from '../common/Message.tsx';

/**
 * The outcome of the last knowledge action of a `scope` (a polite live region that is always
 * there, so each outcome is read out). A conflict (someone else changed the article) says so and
 * offers to reload it.
 */
export function ResultLine({ scope, busyKey = null }: { scope: KbResult['scope']; busyKey?: string | null }) {
  const { t } = useTranslation();
  const client = useClient();
  const { result } = useConsoleState().knowledge;
  const mine = result?.scope === scope ? result : null;
  return (
    <>
      <p className={`kb-result${mine && !mine.ok ? ' kb-result--bad' : ''}`} role="status">
        {busyKey ? (
          t(busyKey)
        ) : mine ? (
          <>
            <Icon name={mine.ok ? 'check' : 'alert'} />
            <span>
              <Message message={mine} />
            </span>
          </>
        ) : null}
      </p>
      {mine?.conflict && (
        <button type="button" className="btn" onClick={() => void client.knowledge.reloadArticle()}>
          <Icon name="refresh" />
          {t('knowledge.reload')}
        </button>
      )}
    </>
  );
}
