import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { client } from '../session';
import { useLookup } from '../useReference';

/**
 * Native notifications for new acute appeals in the user's sectors (the core filters by sector and
 * acuteness). The web Notification API is native in Electron and in the browser alike.
 */
export function useAcuteNotifications(onOpen: (id: number) => void) {
  const { t } = useTranslation('operator');
  const lookup = useLookup();
  useEffect(() => {
    if (typeof Notification === 'undefined') return;
    // Only appeals newer than any seen before: a change to an old one (escalated, say) is no news.
    let newest = 0;
    return client.listen('db:changed', (change) => {
      const ids = (change.appealIds ?? []).filter((id) => id > newest);
      if (ids.length === 0) return;
      newest = Math.max(newest, ...ids);
      if (Notification.permission !== 'granted') return;
      void client.invoke('appeals:acute', { ids: ids.slice(0, 2000) }).then((acute) => {
        for (const appeal of acute.slice(0, 5)) {
          const category = appeal.categoryId ? (lookup.category.get(appeal.categoryId)?.name ?? '') : '';
          const n = new Notification(t('notify.acute', { category }), { body: appeal.text, tag: `appeal-${appeal.id}` });
          n.onclick = () => {
            window.focus();
            onOpen(appeal.id);
          };
        }
      });
    });
  }, [lookup, onOpen, t]);
}
