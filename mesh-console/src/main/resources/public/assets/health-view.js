// A route card's per-version health from the console's metrics source: success rate, p99 and attempts over the last
// WINDOW of all traffic (the console's load included), refreshed every few seconds, with a sparkline of each
// version's success rate over the last minutes. A version is drawn red when it is clearly worse than another one
// (clearlyWorse below says what "clearly" means).
import { api } from './api.js';

export const WINDOW = '30s';
const POLL_MS = 2000;
const HISTORY_POINTS = 150; // five minutes of polls
const SVG = 'http://www.w3.org/2000/svg';
const SPARK_WIDTH = 100;
const SPARK_HEIGHT = 20;

/** Fewer attempts than this and the normal approximation below is too rough to call anything. */
const MIN_CALLS = 20;
/** One-sided z of 3: a healthy version is flagged by chance in about 1 comparison out of 740. */
const Z = 3;
/** ...and at least this many percentage points worse, so a real but trivial difference at high volume stays quiet. */
const MIN_POINTS = 1;

const keyOf = (destination) => destination.subset ?? destination.host;

/**
 * Why `version` is clearly worse than `other`, or null when it is not. Success: a two-proportion z-test on the
 * error shares (pooled), z >= 3 and at least 1 point apart, both with 20+ attempts. Latency: a quantile read from
 * histogram buckets has no simple sampling bound, so the rule is stated plainly: p99 at least twice the other's and
 * at least 50 ms more.
 */
export function clearlyWorse(version, other) {
  if (version.calls < MIN_CALLS || other.calls < MIN_CALLS) return null;
  const share = version.errors / version.calls;
  const otherShare = other.errors / other.calls;
  const pooled = (version.errors + other.errors) / (version.calls + other.calls);
  const se = Math.sqrt(pooled * (1 - pooled) * (1 / version.calls + 1 / other.calls));
  if (se > 0 && (share - otherShare) / se >= Z && (share - otherShare) * 100 >= MIN_POINTS) {
    return `success rate ${version.successRate.toFixed(1)}% against ${other.successRate.toFixed(1)}%`;
  }
  if (version.p99Ms !== null && other.p99Ms !== null && version.p99Ms >= 2 * other.p99Ms && version.p99Ms - other.p99Ms >= 50) {
    return `p99 ${formatMs(version.p99Ms)} against ${formatMs(other.p99Ms)}`;
  }
  return null;
}

function formatMs(ms) {
  if (ms === null) return '–';
  return ms >= 100 ? `${Math.round(ms)} ms` : `${ms.toFixed(1)} ms`;
}

export class HealthView {
  /** `element` is the card's .health figure. */
  constructor(element, vs, route) {
    this.element = element;
    this.body = element.querySelector('tbody');
    this.note = element.querySelector('.health-note');
    this.status = element.querySelector('.health-status');
    this.history = new Map();
    this.seenConnected = false;
    this.timer = null;
    this.setRoute(vs, route);
  }

  /** Polls only while the card is on screen (see visibility.js), at once when it comes back. */
  setOnScreen(onScreen) {
    if (onScreen && !this.timer) {
      this.timer = setInterval(() => this.poll(), POLL_MS);
      this.poll();
    } else if (!onScreen && this.timer) {
      clearInterval(this.timer);
      this.timer = null;
    }
  }

  setRoute(vs, route) {
    this.vs = vs;
    this.keys = route.destinations.map(keyOf);
  }

  async poll() {
    if (this.element.isConnected) this.seenConnected = true;
    if (this.seenConnected && !this.element.isConnected) {
      this.setOnScreen(false);
      return;
    }
    try {
      this.show(await api.health(this.vs, WINDOW));
      this.status.textContent = '';
    } catch (error) {
      this.status.textContent = `Health unavailable: ${error.message}`;
    }
  }

  show(health) {
    this.note.textContent = `(all traffic, last ${health.window}, from ${health.source})`;
    const versions = this.keys.filter((key) => key in health.versions);
    versions.forEach((key) => {
      const points = this.history.get(key) ?? [];
      points.push(health.versions[key].successRate);
      if (points.length > HISTORY_POINTS) points.shift();
      this.history.set(key, points);
    });
    this.body.replaceChildren(...versions.map((key) => this.row(key, health.versions)));
  }

  row(key, versions) {
    const figures = versions[key];
    const worse = Object.keys(versions).filter((other) => other !== key)
      .map((other) => clearlyWorse(figures, versions[other])).find((reason) => reason !== null) ?? null;
    const row = document.createElement('tr');
    row.dataset.version = key;
    row.classList.toggle('worse', worse !== null);
    row.title = worse ? `${key} is clearly worse: ${worse}` : '';
    const cells = [
      key,
      figures.successRate === null ? 'no calls' : `${figures.successRate.toFixed(1)}%`,
      formatMs(figures.p99Ms),
      String(figures.calls),
    ];
    const classes = ['version', 'success-rate', 'p99', 'calls'];
    cells.forEach((text, i) => {
      const cell = document.createElement(i === 0 ? 'th' : 'td');
      cell.className = classes[i];
      cell.textContent = text;
      row.append(cell);
    });
    const spark = document.createElement('td');
    spark.append(sparkline(this.history.get(key) ?? [], key));
    row.append(spark);
    return row;
  }
}

/** The success rate over the kept polls, 0% at the bottom and 100% at the top; polls without calls leave gaps. */
function sparkline(points, key) {
  const svg = document.createElementNS(SVG, 'svg');
  svg.setAttribute('class', 'sparkline');
  svg.setAttribute('viewBox', `0 0 ${SPARK_WIDTH} ${SPARK_HEIGHT}`);
  svg.setAttribute('preserveAspectRatio', 'none');
  svg.setAttribute('role', 'img');
  const known = points.filter((p) => p !== null);
  svg.setAttribute('aria-label', known.length
    ? `${key} success rate, last ${points.length} polls: from ${Math.min(...known).toFixed(1)}% to ${Math.max(...known).toFixed(1)}%`
    : `${key}: no calls yet`);
  const step = SPARK_WIDTH / (HISTORY_POINTS - 1);
  const offset = HISTORY_POINTS - points.length;
  let run = [];
  const runs = [];
  points.forEach((rate, i) => {
    if (rate === null) {
      if (run.length) runs.push(run);
      run = [];
    } else {
      run.push(`${((offset + i) * step).toFixed(2)},${(SPARK_HEIGHT - (rate / 100) * SPARK_HEIGHT).toFixed(2)}`);
    }
  });
  if (run.length) runs.push(run);
  runs.forEach((coordinates) => {
    const line = document.createElementNS(SVG, 'polyline');
    line.setAttribute('points', coordinates.length === 1 ? `${coordinates[0]} ${coordinates[0]}` : coordinates.join(' '));
    svg.append(line);
  });
  return svg;
}
