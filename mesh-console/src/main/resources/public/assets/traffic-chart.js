// A route card's live chart of the split the console's load generator observed: one bar per second for the last
// minute, each split 100% by answering version (and failures), with the route's configured split drawn across as
// dashed lines. Plain SVG, no library.
import { WINDOW_SECONDS, routeKey } from './traffic-feed.js';

const SVG = 'http://www.w3.org/2000/svg';
const WIDTH = 300;
const HEIGHT = 80;
const SLOT = WIDTH / WINDOW_SECONDS;
const PALETTE_SIZE = 4;

const keyOf = (destination) => destination.subset ?? destination.host;
const sum = (counts) => Object.values(counts).reduce((a, b) => a + b, 0);
const percent = (count, total) => (total ? Math.round((100 * count) / total) : 0);

export class TrafficChart {
  /** `element` is the card's .traffic figure. */
  constructor(element, vs, route) {
    this.element = element;
    this.svg = element.querySelector('svg');
    this.legend = element.querySelector('.traffic-legend');
    this.shiftLine = element.querySelector('.shift-line');
    this.seconds = [];
    this.seenConnected = false;
    this.onScreen = false; // set by the traffic feed: only charts on screen are drawn each second
    this.setRoute(vs, route);
  }

  key() {
    return routeKey(this.vs.namespace, this.vs.name, this.route.name);
  }

  /** The route as configured now: its destinations order the colours and its weights draw the dashed lines. */
  setRoute(vs, route) {
    this.vs = vs;
    this.route = route;
    this.render(this.seconds);
  }

  /** True once the card has been on the page and has left it, so the feed stops updating it. */
  isGone() {
    if (this.element.isConnected) this.seenConnected = true;
    return this.seenConnected && !this.element.isConnected;
  }

  render(seconds) {
    this.seconds = seconds;
    const keys = this.route.destinations.map(keyOf);
    const bars = seconds.map((second) => this.bar(second, keys, seconds[seconds.length - 1].time));
    this.svg.replaceChildren(...bars.flat(), ...this.weightLines());
    this.showLegend(seconds[seconds.length - 1], keys);
  }

  bar(second, keys, latest) {
    const x = (WINDOW_SECONDS - 1 - (latest - second.time) / 1000) * SLOT;
    const total = sum(second.versions) + sum(second.errors);
    const time = new Date(second.time).toLocaleTimeString();
    let y = HEIGHT;
    return segments(second, keys).map(({ label, count, kind, colour }) => {
      const height = (count / total) * HEIGHT;
      y -= height;
      const rect = document.createElementNS(SVG, 'rect');
      Object.entries({ x, y, width: SLOT - 1, height }).forEach(([name, value]) => rect.setAttribute(name, String(value)));
      rect.setAttribute('class', `seg seg-${colour}`);
      rect.dataset[kind] = label;
      const title = document.createElementNS(SVG, 'title');
      title.textContent = `${time}: ${label} ${count} of ${total}`;
      rect.append(title);
      return rect;
    });
  }

  /** The configured split as dashed lines at the boundaries between destinations, stacked as the bars are. */
  weightLines() {
    let stacked = 0;
    return this.route.destinations.slice(0, -1).map((destination) => {
      stacked += destination.weight;
      const y = HEIGHT - (stacked / 100) * HEIGHT;
      const line = document.createElementNS(SVG, 'line');
      Object.entries({ x1: 0, x2: WIDTH, y1: y, y2: y }).forEach(([name, value]) => line.setAttribute(name, String(value)));
      line.setAttribute('class', 'weight-line');
      return line;
    });
  }

  showLegend(latest, keys) {
    if (!latest) {
      this.legend.textContent = 'No traffic observed yet: start the load above to see how requests split.';
      this.svg.setAttribute('aria-label', 'No traffic observed yet');
      return;
    }
    const total = sum(latest.versions) + sum(latest.errors);
    const parts = segments(latest, keys).map(({ label, count, colour }) => {
      const item = document.createElement('span');
      item.className = 'legend-item';
      const swatch = document.createElement('span');
      swatch.className = `swatch seg-${colour}`;
      item.append(swatch, `${label} ${count} (${percent(count, total)}%)`);
      return item;
    });
    this.legend.replaceChildren('Last second: ', ...(parts.length ? parts : ['no answers']));
    const described = segments(latest, keys).map((s) => `${s.label} ${percent(s.count, total)}%`).join(', ');
    this.svg.setAttribute('aria-label', `Observed split per second, last minute. Last second: ${described || 'no answers'}`);
  }

  /** "90/10 reached traffic after 0.4 s", or that it is still on its way, or that it never showed. */
  showShift(shift) {
    const keys = this.route.destinations.map(keyOf);
    const split = keys.every((key) => key in shift.weights)
      ? keys.map((key) => shift.weights[key]).join('/')
      : Object.values(shift.weights).join('/');
    const text = {
      OBSERVED: () => `${split} reached traffic after ${(shift.observedAfterMillis / 1000).toFixed(1)} s`,
      PENDING: () => `${split} applied; waiting for traffic to show it…`,
      NOT_OBSERVED: () => shift.message,
    }[shift.state];
    this.shiftLine.textContent = text ? text() : shift.message;
    this.shiftLine.title = shift.message;
    this.shiftLine.dataset.state = shift.state;
  }
}

/** A second's counts in drawing order: the route's destinations, other versions, then failures. */
function segments(second, keys) {
  const others = Object.keys(second.versions).filter((v) => !keys.includes(v)).sort();
  const versions = [...keys.filter((k) => second.versions[k]), ...others].map((version) => ({
    label: version,
    count: second.versions[version],
    kind: 'version',
    colour: keys.includes(version) ? keys.indexOf(version) % PALETTE_SIZE : 'other',
  }));
  const errors = Object.keys(second.errors).sort().map((error) => ({
    label: error, count: second.errors[error], kind: 'error', colour: 'error',
  }));
  return [...versions, ...errors];
}
