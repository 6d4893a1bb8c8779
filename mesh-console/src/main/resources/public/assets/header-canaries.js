// The header canaries in front of one split: requests with a header value go to one version before any weight
// moves. Lists them, sets one (a header already listed is changed, a new one added) and removes one.
import { api } from './api.js';

const describeCanary = (c) => `${c.header}: ${c.value} → ${c.subset}`;

export class HeaderCanaryPanel {
  constructor(element, vs, route, onApplied) {
    this.element = element;
    this.onApplied = onApplied;
    this.field = (name) => element.querySelector(`[data-field=${name}]`);
    element.querySelector('.header-canary-set').addEventListener('click', () => this.set());
    // The panel sits inside the split's form: Enter here sets the header canary, never applies the weights.
    element.querySelectorAll('input').forEach((input) => input.addEventListener('keydown', (event) => {
      if (event.key !== 'Enter') return;
      event.preventDefault();
      this.set();
    }));
    this.setRoute(vs, route);
  }

  /** A newer state of the VirtualService; what is being typed stays. */
  setRoute(vs, route) {
    this.vs = vs;
    this.route = route;
    this.showList();
    const subsets = this.field('subset');
    const chosen = subsets.value;
    const keys = route.destinations.filter((d) => d.subset).map((d) => d.subset);
    subsets.replaceChildren(...keys.map((key) => new Option(key, key)));
    subsets.value = keys.includes(chosen) ? chosen : keys[keys.length - 1] ?? '';
  }

  showList() {
    const list = this.element.querySelector('.header-canary-list');
    const canaries = this.route.headerCanaries ?? [];
    list.replaceChildren(...canaries.map((canary) => {
      const item = document.createElement('li');
      item.dataset.header = canary.header;
      const text = document.createElement('span');
      text.textContent = `${describeCanary(canary)} (route ${canary.route})`;
      const remove = document.createElement('button');
      remove.type = 'button';
      remove.textContent = 'Remove';
      remove.setAttribute('aria-label', `Remove header canary ${canary.header}`);
      remove.disabled = this.element.querySelector('.header-canary-set').disabled;
      remove.addEventListener('click', () => this.remove(canary.header));
      item.append(text, ' ', remove);
      return item;
    }));
    this.element.querySelector('.header-canary-none').hidden = canaries.length > 0;
  }

  async set() {
    const header = this.field('header').value.trim();
    const value = this.field('value').value;
    await this.write('Setting…', () => api.setHeaderCanary(this.vs, this.route.name, header, value, this.field('subset').value),
      () => `Requests with ${header}: ${value} now go to ${this.field('subset').value}`);
  }

  async remove(header) {
    await this.write('Removing…', () => api.removeHeaderCanary(this.vs, this.route.name, header),
      () => `Header canary ${header} removed`);
  }

  async write(progress, call, done) {
    this.message(progress, true);
    try {
      const vs = await call();
      this.message(done(), true);
      this.onApplied(vs);
    } catch (error) {
      this.message(error.message);
    }
  }

  message(text, ok = false) {
    const line = this.element.querySelector('.header-canary-message');
    line.textContent = text;
    line.classList.toggle('ok', ok);
  }
}
