// The observed split from /api/load/stream, kept for the charts: the last minute of seconds, the latest shift
// report per route, and the generator's status. One stream per page, shared by every route card.

export const WINDOW_SECONDS = 60;

export const routeKey = (namespace, name, route) => `${namespace}/${name}/${route}`;

class TrafficFeed {
  constructor() {
    this.seconds = new Map(); // start of second (ms) -> { versions, errors }
    this.shifts = new Map(); // routeKey -> latest shift report
    this.charts = new Set();
    this.statusListeners = [];
    this.connectionListeners = [];
    this.source = null;
  }

  connect() {
    if (this.source) this.source.close();
    this.source = new EventSource('api/load/stream');
    this.source.addEventListener('second', (message) => this.addSecond(JSON.parse(message.data)));
    this.source.addEventListener('shift', (message) => this.addShift(JSON.parse(message.data)));
    this.source.addEventListener('status', (message) => {
      const status = JSON.parse(message.data);
      this.statusListeners.forEach((listener) => listener(status));
    });
    this.source.addEventListener('open', () => {
      // The server replays the last minute to every new connection, reconnections included: start from that.
      this.seconds.clear();
      this.connectionChanged('open');
    });
    // EventSource retries by itself after a dropped connection, but gives up for good on a refusal (503).
    this.source.addEventListener('error', () =>
      this.connectionChanged(this.source.readyState === EventSource.CLOSED ? 'closed' : 'reconnecting'));
  }

  onStatus(listener) {
    this.statusListeners.push(listener);
  }

  onConnection(listener) {
    this.connectionListeners.push(listener);
  }

  /** A chart gets every shift report until its card leaves the page; seconds only while it is on screen. */
  attach(chart) {
    this.charts.add(chart);
    const shift = this.shifts.get(chart.key());
    if (shift) chart.showShift(shift);
  }

  /** Draws the chart at once when its card comes on screen, and keeps it drawn until the card leaves the screen. */
  setOnScreen(chart, onScreen) {
    chart.onScreen = onScreen;
    if (onScreen) chart.render(this.window());
  }

  /** The seconds of the last minute that has data, oldest first. */
  window() {
    return [...this.seconds.entries()].sort((a, b) => a[0] - b[0]).map(([time, counts]) => ({ time, ...counts }));
  }

  addSecond(second) {
    // Two reports for one second (the tail of a run and the start of the next) add up.
    const known = this.seconds.get(second.time) ?? { versions: {}, errors: {} };
    this.seconds.set(second.time, { versions: add(known.versions, second.versions), errors: add(known.errors, second.errors) });
    const latest = Math.max(...this.seconds.keys());
    for (const time of this.seconds.keys()) {
      if (time <= latest - WINDOW_SECONDS * 1000) this.seconds.delete(time);
    }
    const window = this.window();
    this.liveCharts().filter((chart) => chart.onScreen).forEach((chart) => chart.render(window));
  }

  addShift(shift) {
    const key = routeKey(shift.namespace, shift.name, shift.route);
    this.shifts.set(key, shift);
    this.liveCharts().filter((chart) => chart.key() === key).forEach((chart) => chart.showShift(shift));
  }

  liveCharts() {
    for (const chart of this.charts) {
      if (chart.isGone()) this.charts.delete(chart);
    }
    return [...this.charts];
  }

  connectionChanged(state) {
    this.connectionListeners.forEach((listener) => listener(state));
  }
}

function add(counts, more) {
  const sum = { ...counts };
  Object.entries(more).forEach(([key, count]) => { sum[key] = (sum[key] ?? 0) + count; });
  return sum;
}

export const trafficFeed = new TrafficFeed();
