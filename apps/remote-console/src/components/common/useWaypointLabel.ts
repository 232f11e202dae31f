import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { waypointLabelKey } from '../../lib/venue.ts';

/** Display name of a venue waypoint in the UI language (`counter-3` -> "Counter 3"). */
export function useWaypointLabel(): (name: string) => string {
  const { t } = useTranslation();
  return useCallback(
    (name: string) => {
      const { key, params } = waypointLabelKey(name);
      return t(key, params);
    },
    [t],
  );
}
