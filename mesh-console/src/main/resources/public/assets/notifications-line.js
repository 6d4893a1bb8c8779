// The notifications line: shown only when a namespace's webhook is failing or has lost notices, so that a
// rollback at night that nobody heard of is at least visible here in the morning.
import { api } from './api.js';

const REFRESH_MS = 15000;

/** "Notifications for mesh-demo are failing: no answer within 5000 ms (at …); 2 not delivered, 1 dropped." */
export function describeNotifications(statuses) {
  return Object.entries(statuses)
    .filter(([, s]) => s.failing || s.failed > 0 || s.dropped > 0)
    .map(([namespace, s]) => {
      const lost = [];
      if (s.failed > 0) lost.push(`${s.failed} not delivered`);
      if (s.dropped > 0) lost.push(`${s.dropped} dropped (queue full)`);
      const last = s.lastFailure ? `${s.lastFailure.reason} (at ${s.lastFailure.time})` : '';
      const head = s.failing ? `Notifications for ${namespace} are failing: ${last}`
        : `Notifications for ${namespace} lost some changes; last failure: ${last}`;
      return lost.length ? `${head}; ${lost.join(', ')}.` : `${head}.`;
    })
    .join(' ');
}

export class NotificationsLine {
  constructor(element) {
    this.element = element;
    this.timer = null;
  }

  connect() {
    if (this.timer) clearInterval(this.timer);
    this.refresh();
    this.timer = setInterval(() => this.refresh(), REFRESH_MS);
  }

  async refresh() {
    try {
      const text = describeNotifications(await api.notifications());
      this.element.textContent = text;
      this.element.hidden = text === '';
    } catch (error) {
      // Not allowed to read, or the console is away: the status line above already says so.
      this.element.hidden = true;
    }
  }
}
