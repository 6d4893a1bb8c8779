// One weighted route: sliders and numbers kept in sync, presets, Apply, a note when it changes elsewhere, the
// header canaries in front of it, each version's health, and the traffic the console's load generator observed on it.
import { api, asTyped } from './api.js';
import { HeaderCanaryPanel } from './header-canaries.js';
import { HealthView } from './health-view.js';
import { RolloutPanel } from './rollout-panel.js';
import { TrafficChart } from './traffic-chart.js';
import { trafficFeed } from './traffic-feed.js';
import { whileOnScreen } from './visibility.js';
import { describe, preset, rebalance, wholePercent, TOTAL } from './split.js';

let nextId = 0;

export class RouteCard {
  constructor(vs, route, canEdit, onApplied) {
    this.vs = vs;
    this.route = route;
    this.onApplied = onApplied;
    this.dirty = false;
    this.pending = false;
    this.latest = null;
    this.element = document.getElementById('route-template').content.firstElementChild.cloneNode(true);
    this.element.dataset.route = route.name;
    this.element.querySelector('.route-name').textContent = `Route ${route.name}`;
    this.rows = route.destinations.map((d, i) => this.destinationRow(d, i));
    this.rows.forEach((row) => this.element.querySelector('.destinations').append(row.element));
    this.element.querySelectorAll('[data-preset]').forEach((button) =>
      button.addEventListener('click', () => this.setWeights(preset(this.rows.length, button.dataset.preset), true)));
    this.element.querySelector('.load-latest').addEventListener('click', () => this.loadLatest());
    this.element.addEventListener('submit', (event) => {
      event.preventDefault();
      this.apply();
    });
    this.setWeights(route.destinations.map((d) => d.weight), false);
    this.health = new HealthView(this.element.querySelector('.health'), vs, route);
    this.chart = new TrafficChart(this.element.querySelector('.traffic'), vs, route);
    trafficFeed.attach(this.chart);
    this.rollout = new RolloutPanel(this.element.querySelector('.rollout'), vs, route);
    this.headerCanaries = new HeaderCanaryPanel(this.element.querySelector('.header-canaries'), vs, route,
      (applied) => this.onApplied(applied));
    this.setEditable(canEdit);
    whileOnScreen(this.element, (onScreen) => {
      this.health.setOnScreen(onScreen);
      trafficFeed.setOnScreen(this.chart, onScreen);
    });
  }

  destinationRow(destination, index) {
    const id = `weight-${nextId++}`;
    const key = destination.subset ?? destination.host;
    const element = document.createElement('div');
    element.className = 'destination';
    element.innerHTML = `<label for="${id}"></label>
      <input type="range" min="0" max="${TOTAL}" step="1">
      <input type="number" id="${id}" min="0" max="${TOTAL}" step="1" inputmode="numeric">`;
    element.querySelector('label').textContent = destination.subset ? `${key} (${destination.host})` : key;
    const slider = element.querySelector('input[type=range]');
    const number = element.querySelector('input[type=number]');
    slider.setAttribute('aria-label', `${key} weight slider`);
    number.dataset.key = key;
    slider.addEventListener('input', () => this.moved(index, Number(slider.value)));
    number.addEventListener('input', () => {
      this.dirty = true;
      this.showTotal();
    });
    // Only a valid whole percentage moves the others; anything else is left for the server to explain.
    number.addEventListener('change', () => {
      const value = wholePercent(number.value.trim());
      if (value !== null) this.moved(index, value);
    });
    return { key, slider, number, element };
  }

  moved(index, value) {
    this.setWeights(rebalance(this.rows.map((r) => wholePercent(r.number.value) ?? 0), index, value), true);
  }

  setWeights(weights, byUser) {
    this.rows.forEach((row, i) => {
      row.slider.value = String(weights[i]);
      row.number.value = String(weights[i]);
    });
    if (byUser) {
      this.dirty = true;
      this.message('');
    }
    this.showTotal();
  }

  showTotal() {
    const values = this.rows.map((r) => wholePercent(r.number.value));
    const total = values.every((v) => v !== null) ? values.reduce((a, b) => a + b, 0) : null;
    const line = this.element.querySelector('.total');
    line.textContent = total === null ? 'Total: not a valid split' : `Total: ${total}%`;
    line.classList.toggle('off', total !== TOTAL);
  }

  setEditable(canEdit) {
    const reason = this.vs.managedBy ? `Managed by ${this.vs.managedBy}` : canEdit ? '' : 'Sign in to change weights';
    this.element.querySelectorAll('input, button:not(.load-latest)').forEach((control) => {
      control.disabled = reason !== '';
    });
    this.element.querySelector('.apply').title = reason;
    this.headerCanaries?.showList();
  }

  async apply() {
    const weights = {};
    this.rows.forEach((row) => {
      weights[row.key] = asTyped(row.number.value);
    });
    this.pending = true;
    this.message('Applying…', true);
    try {
      const vs = await api.shift(this.vs, this.route.name, weights);
      const seenMeanwhile = this.latest;
      this.pending = false;
      this.dirty = false;
      this.show(vs);
      this.message(`Applied ${describe(this.route.destinations)}`, true);
      // The write succeeded, so any other version seen while it was in flight came after it.
      if (seenMeanwhile && seenMeanwhile.resourceVersion !== vs.resourceVersion) this.show(seenMeanwhile);
      this.onApplied(vs);
    } catch (error) {
      this.pending = false;
      this.message(error.message);
    }
  }

  /** A newer state of the VirtualService, from an Apply, a revert or the live feed. */
  update(vs) {
    // Every rollout write changes the VirtualService, so this is how the panel follows it live.
    this.rollout.update(vs);
    const route = vs.routes.find((r) => r.name === this.route.name);
    if (!route || vs.resourceVersion === this.vs.resourceVersion) return;
    // The header canaries are written with the VirtualService's version, so they always follow the newest one.
    this.headerCanaries.setRoute(vs, route);
    if (!this.dirty && !this.pending) {
      this.show(vs);
    } else if (describe(route.destinations) === describe(this.route.destinations) && !this.pending) {
      // Something else in the VirtualService changed, not this route: the edit can go on from the new version.
      this.vs = vs;
    } else {
      // Keep the version this edit started from, so applying it is refused instead of overwriting the change.
      this.latest = vs;
      this.element.querySelector('.elsewhere-split').textContent = describe(route.destinations);
      this.element.querySelector('.elsewhere').hidden = false;
    }
  }

  show(vs) {
    this.vs = vs;
    this.route = vs.routes.find((r) => r.name === this.route.name) ?? this.route;
    this.latest = null;
    this.hideElsewhere();
    this.setWeights(this.route.destinations.map((d) => d.weight), false);
    this.health.setRoute(this.vs, this.route);
    this.chart.setRoute(this.vs, this.route);
    this.headerCanaries.setRoute(this.vs, this.route);
  }

  loadLatest() {
    if (!this.latest) return;
    this.dirty = false;
    this.message('');
    this.show(this.latest);
  }

  hideElsewhere() {
    this.element.querySelector('.elsewhere').hidden = true;
  }

  message(text, ok = false) {
    const line = this.element.querySelector('.route-message');
    line.textContent = text;
    line.classList.toggle('ok', ok);
  }
}
