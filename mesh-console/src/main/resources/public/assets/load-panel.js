// "Watch traffic": start and stop the console's load generator, and say what it is doing.
import { api, asTyped } from './api.js';
import { trafficFeed } from './traffic-feed.js';

export class LoadPanel {
  constructor(element) {
    this.element = element;
    this.form = element.querySelector('#load-form');
    this.rate = this.form.elements.rate;
    this.duration = this.form.elements.durationSeconds;
    this.stopButton = element.querySelector('#load-stop');
    this.reconnect = element.querySelector('#load-reconnect');
    this.canEdit = false;
    this.status = null;
    this.form.addEventListener('submit', (event) => {
      event.preventDefault();
      this.start();
    });
    this.stopButton.addEventListener('click', () => this.stop());
    this.reconnect.addEventListener('click', () => trafficFeed.connect());
    trafficFeed.onStatus((status) => this.show(status));
    trafficFeed.onConnection((state) => this.connection(state));
  }

  async load() {
    this.element.hidden = false;
    try {
      this.show(await api.loadStatus());
    } catch (error) {
      this.message(error.message);
    }
  }

  setEditable(canEdit) {
    this.canEdit = canEdit;
    this.updateControls();
  }

  async start() {
    // Sent as typed: the server's limits, and its message naming the field, are the one rule everyone sees.
    const duration = this.duration.value.trim();
    try {
      this.show(await api.startLoad(asTyped(this.rate.value), duration === '' ? undefined : asTyped(duration)));
      this.message('');
    } catch (error) {
      this.message(error.message);
    }
  }

  async stop() {
    try {
      this.show(await api.stopLoad());
      this.message('');
    } catch (error) {
      this.message(error.message);
    }
  }

  show(status) {
    this.status = status;
    this.rate.max = String(status.limits.maxRate);
    this.duration.max = String(status.limits.maxDurationSeconds);
    this.duration.placeholder = String(status.limits.defaultDurationSeconds);
    this.element.querySelector('#load-status').textContent = describe(status);
    this.updateControls();
  }

  updateControls() {
    const reason = this.canEdit ? '' : 'Sign in to start or stop the load';
    this.form.querySelectorAll('input, button').forEach((control) => {
      control.disabled = !this.canEdit;
      control.title = reason;
    });
    this.stopButton.disabled = !this.canEdit || !this.status?.running;
  }

  connection(state) {
    const line = this.element.querySelector('#load-connection');
    line.textContent = {
      open: '',
      reconnecting: 'Live traffic view interrupted; reconnecting…',
      closed: 'Live traffic view refused (the console allows only a few pages to follow the load at once).',
    }[state];
    this.reconnect.hidden = state !== 'closed';
  }

  message(text) {
    this.element.querySelector('#load-message').textContent = text;
  }
}

function describe(status) {
  const run = status.run;
  if (status.running) {
    const until = new Date(run.endsAt).toLocaleTimeString();
    return `Sending ${run.rate} requests/s to ${status.target} until ${until} (started by ${run.startedBy}).`;
  }
  if (run) return `Idle. Last run: ${run.stoppedReason}, ${run.sent} requests sent to ${status.target}.`;
  return `Idle. The load goes to ${status.target}.`;
}
