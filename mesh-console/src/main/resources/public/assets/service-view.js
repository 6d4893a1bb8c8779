// One VirtualService: who manages it, warnings, a card per weighted route, the other routes, history and revert.
import { api } from './api.js';
import { RouteCard } from './route-card.js';

const weighted = (vs) => vs.routes.filter((r) => r.destinations.length >= 2);
// Header routes come and go in front of a split without changing its card: only the splits decide the cards.
const routeNames = (vs) => weighted(vs).map((r) => r.name).join('\n');
const destinationText = (d) => d.subset ? `${d.subset} (${d.host})` : d.host;

export class ServiceView {
  constructor(vs, canEdit) {
    this.vs = vs;
    this.canEdit = canEdit;
    this.element = document.getElementById('service-template').content.firstElementChild.cloneNode(true);
    this.element.dataset.service = `${vs.namespace}/${vs.name}`;
    this.element.querySelector('.service-name').textContent = `${vs.namespace}/${vs.name}`;
    this.showCards();
    const history = this.element.querySelector('.history');
    history.addEventListener('toggle', () => history.open && this.loadHistory());
    this.element.querySelector('.revert').addEventListener('click', () => this.revert());
    this.showDetails();
  }

  update(vs) {
    const sameRoutes = routeNames(vs) === routeNames(this.vs);
    this.vs = vs;
    this.showDetails();
    // A route added, removed or renamed elsewhere: start over from the new state rather than guess.
    if (sameRoutes) this.cards.forEach((card) => card.update(vs));
    else this.showCards();
    if (this.element.querySelector('.history').open) this.loadHistory();
  }

  showCards() {
    this.cards = weighted(this.vs).map((route) => new RouteCard(this.vs, route, this.canEdit, (applied) => this.update(applied)));
    this.element.querySelector('.routes').replaceChildren(...this.cards.map((card) => card.element));
  }

  setEditable(canEdit) {
    this.canEdit = canEdit;
    this.cards.forEach((card) => card.setEditable(canEdit));
    this.showDetails();
  }

  showDetails() {
    const managedBy = this.element.querySelector('.managed-by');
    managedBy.hidden = !this.vs.managedBy;
    managedBy.textContent = this.vs.managedBy ? `Managed by ${this.vs.managedBy}: edit it there.` : '';
    const warnings = this.element.querySelector('.warnings');
    warnings.replaceChildren(...this.vs.warnings.map((text) => {
      const item = document.createElement('li');
      item.textContent = text;
      return item;
    }));
    // A few warnings stay in view; a long list (the local mode's untranslated fields) folds behind its count.
    const box = this.element.querySelector('.warnings-box');
    const count = this.vs.warnings.length;
    box.hidden = count === 0;
    box.open = count <= 2;
    this.element.querySelector('.warnings-summary').textContent = count === 1 ? '1 warning' : `${count} warnings`;
    this.element.querySelector('.revert').disabled = !this.canEdit || Boolean(this.vs.managedBy);
    this.showOtherRoutes();
  }

  /** Routes that are neither a split nor a header canary on a card: shown as written, so nothing is hidden. */
  showOtherRoutes() {
    const onCards = new Set(weighted(this.vs).flatMap((r) => [r.name, ...(r.headerCanaries ?? []).map((c) => c.route)]));
    const others = this.vs.routes.filter((r) => !onCards.has(r.name));
    const box = this.element.querySelector('.other-routes');
    box.hidden = others.length === 0;
    this.element.querySelector('.other-routes-summary').textContent =
      others.length === 1 ? '1 other route' : `${others.length} other routes`;
    this.element.querySelector('.other-routes-list').replaceChildren(...others.map((route) => {
      const item = document.createElement('li');
      const match = route.match ? ` when ${JSON.stringify(route.match)}` : '';
      item.textContent = `${route.name}${match} → ${route.destinations.map(destinationText).join(', ')}`;
      return item;
    }));
  }

  async loadHistory() {
    const list = this.element.querySelector('.history-list');
    try {
      const entries = await api.history(this.vs);
      list.replaceChildren(...entries.map((entry) => {
        const item = document.createElement('li');
        item.textContent = `${new Date(entry.time).toLocaleString()}: ${entry.message}`;
        return item;
      }));
      if (entries.length === 0) list.textContent = 'No recorded changes.';
      this.historyMessage('');
    } catch (error) {
      this.historyMessage(error.message);
    }
  }

  async revert() {
    try {
      const vs = await api.revert(this.vs);
      this.cards.forEach((card) => {
        card.dirty = false;
      });
      this.update(vs);
      this.historyMessage('Reverted.', true);
    } catch (error) {
      this.historyMessage(error.message);
    }
  }

  historyMessage(text, ok = false) {
    const line = this.element.querySelector('.history-message');
    line.textContent = text;
    line.classList.toggle('ok', ok);
  }
}
