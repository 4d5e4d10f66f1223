// A desktop notification for a new escalation, so a supervisor working in another tab or window
// notices it. Shown only when the browser already allows notifications; asking is left to a click.
import { notificationPermission, pageInBackground } from '../shared/desktop-notification.js';

const TAG = 'kefu-escalation';

/** Shows (or replaces) the escalation notification; a click brings the console forward. */
export function showEscalationNotification(title: string, body: string, onOpen: () => void): void {
  if (notificationPermission() !== 'granted' || !pageInBackground()) return;
  try {
    const n = new Notification(title, { body, tag: TAG });
    n.onclick = () => {
      window.focus();
      onOpen();
      n.close();
    };
  } catch {
    // Some platforms only allow notifications from a service worker; the badge and the
    // announcement still tell the supervisor.
  }
}
