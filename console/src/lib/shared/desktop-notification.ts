// Desktop notifications for incoming calls, so a call is noticed while the tab is in the
// background. Permission is asked only on a user gesture (the agent clicking Ready).

function supported(): boolean {
  return typeof window !== 'undefined' && 'Notification' in window;
}

export function notificationPermission(): NotificationPermission | 'unsupported' {
  return supported() ? Notification.permission : 'unsupported';
}

/** Asks once; call it from a click handler. */
export function askNotificationPermission(): void {
  if (!supported() || Notification.permission !== 'default') return;
  void Notification.requestPermission().catch(() => {});
}

/** Whether the agent may not be looking at this tab right now. */
export function pageInBackground(): boolean {
  return document.visibilityState !== 'visible' || !document.hasFocus();
}

let current: Notification | null = null;

/** Shows (or replaces) the incoming-call notification; a click brings the tab forward. */
export function showCallNotification(title: string, body: string): void {
  if (!supported() || Notification.permission !== 'granted') return;
  closeCallNotification();
  try {
    const n = new Notification(title, { body, tag: 'kefu-incoming-call', requireInteraction: true, silent: false });
    n.onclick = () => {
      window.focus();
      n.close();
    };
    current = n;
  } catch {
    // Some platforms only allow notifications from a service worker; the ringtone still plays.
  }
}

export function closeCallNotification(): void {
  current?.close();
  current = null;
}
