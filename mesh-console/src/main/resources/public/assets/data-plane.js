// The data-plane line: what the proxyless gRPC clients did with the routing the console serves, like
// `istioctl proxy-status`. Only local mode serves xDS; elsewhere /api/xds/clients answers 404 and the line stays hidden.
import { api } from './api.js';

const clientCount = (n) => `${n} client${n === 1 ? '' : 's'}`;

/** "2 clients on the newest routes; 1 rejected them: access-app refused routes v7: …" */
export function summarize(clients) {
  if (clients.length === 0) return 'Data plane: no proxyless gRPC client connected.';
  const rejected = clients.filter((c) => c.rejected);
  const waiting = clients.filter((c) => !c.upToDate && !c.rejected);
  const parts = [`${clientCount(clients.filter((c) => c.upToDate).length)} on the newest routes`];
  if (rejected.length) {
    parts.push(`${rejected.length} rejected them: ` + rejected
      .map((c) => `${c.node} refused ${c.rejected.type} ${c.rejected.version}: ${c.rejected.reason}`).join('; '));
  }
  if (waiting.length) parts.push(`${waiting.length} not yet acknowledged`);
  return `Data plane: ${parts.join('; ')}.`;
}

export class DataPlaneLine {
  constructor(element) {
    this.element = element;
    this.summary = element.querySelector('#data-plane-summary');
    this.acknowledgedLine = element.querySelector('#data-plane-acknowledged');
    this.clients = [];
    this.acknowledged = null;
    this.source = null;
  }

  async connect() {
    try {
      this.show(await api.xdsClients());
    } catch (error) {
      // 404: the console does not serve xDS here (Kubernetes mode), so it has nothing to say about clients.
      this.element.hidden = true;
      return;
    }
    this.element.hidden = false;
    if (this.source) this.source.close();
    this.source = new EventSource('api/xds/stream');
    this.source.addEventListener('clients', (message) => this.show(JSON.parse(message.data)));
    this.source.addEventListener('acknowledged', (message) => {
      this.acknowledged = JSON.parse(message.data);
      this.render();
    });
  }

  show(clients) {
    this.clients = clients;
    this.render();
  }

  render() {
    this.summary.textContent = summarize(this.clients);
    this.element.classList.toggle('rejected', this.clients.some((c) => c.rejected));
    // Said only while it is still the news: every client holds the version that was acknowledged.
    const ack = this.acknowledged;
    const current = ack && this.clients.length > 0
      && this.clients.every((c) => c.upToDate && c.acked.routes === ack.version);
    this.acknowledgedLine.textContent = current
      ? `Every connected client (${ack.clients}) acknowledged routes ${ack.version} ${ack.afterMillis} ms after the console served them.`
      : '';
  }
}
