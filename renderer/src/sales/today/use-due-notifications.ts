import { useCallback, useEffect, useState } from 'react';
import type { AgendaItem } from '../../../../shared/contract/sales/agenda-requests';

/** How far ahead a reminder goes out. */
export const REMINDER_AHEAD_MS = 15 * 60_000;

export type NotificationAccess = 'unsupported' | 'default' | 'granted' | 'denied';

/** Ids already announced survive a reload of the page within the same window. */
const STORAGE_KEY = 'fieldcrm.today.notified';

function loadNotified(): Set<string> {
  try {
    const raw = sessionStorage.getItem(STORAGE_KEY);
    return new Set(raw ? (JSON.parse(raw) as string[]) : []);
  } catch {
    // Storage can be unavailable (privacy settings); then duplicates are only avoided within this page.
    return new Set();
  }
}

const notified = loadNotified();

function remember(id: string): void {
  notified.add(id);
  try {
    sessionStorage.setItem(STORAGE_KEY, JSON.stringify([...notified].slice(-500)));
  } catch {
    // See loadNotified: the in-memory set still prevents duplicates on this page.
  }
}

function currentAccess(): NotificationAccess {
  return typeof Notification === 'undefined' ? 'unsupported' : Notification.permission;
}

/**
 * Desktop notifications for activities due within the next 15 minutes, once each. Permission is
 * asked only from the button that calls `enable` (browsers refuse, and users resent, a prompt on load).
 */
export function useDueNotifications(
  items: ReadonlyArray<AgendaItem>,
  now: number,
  describe: (item: AgendaItem) => { title: string; body: string },
): { readonly access: NotificationAccess; readonly enable: () => void } {
  const [access, setAccess] = useState<NotificationAccess>(currentAccess);

  useEffect(() => {
    if (access !== 'granted') return;
    for (const item of items) {
      if (item.dueAt === undefined || item.dueAt < now || item.dueAt > now + REMINDER_AHEAD_MS || notified.has(item.id)) continue;
      remember(item.id);
      const { title, body } = describe(item);
      // The tag makes the system replace rather than stack a notice for the same activity.
      new Notification(title, { body, tag: `activity-${item.id}` });
    }
  }, [access, items, now, describe]);

  const enable = useCallback(() => {
    if (typeof Notification === 'undefined') return;
    void Notification.requestPermission().then(setAccess);
  }, []);
  return { access, enable };
}
