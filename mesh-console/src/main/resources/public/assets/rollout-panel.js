// "Guarded rollout" of one route: a plan form with the server's defaults, where the rollout stands, each check with
// both versions' figures, the actions, and a banner when it rolled back and why. It lives inside the route card's
// form, so it has no form of its own and Enter in its fields starts the rollout, never the card's Apply.
import { api, ApiError, asTyped } from './api.js';

const STEP_LIST = /^\s*\d+(\s*,\s*\d+)*\s*$/;

function figures(version, health) {
  if (!health || health.calls === 0) return `${version}: no attempts`;
  const rate = health.successRate === null ? '–' : `${Math.floor(health.successRate * 100) / 100}%`;
  const p99 = health.p99Ms === null ? '' : `, p99 ${health.p99Ms} ms`;
  return `${version}: ${rate} of ${health.calls}${p99}`;
}

export class RolloutPanel {
  constructor(element, vs, route) {
    this.element = element;
    this.vs = vs;
    this.route = route;
    this.fields = {};
    element.querySelectorAll('[data-field]').forEach((input) => { this.fields[input.dataset.field] = input; });
    const keys = route.destinations.map((d) => d.subset ?? d.host);
    this.fields.to.replaceChildren(...keys.map((key) => new Option(key, key)));
    // The usual release is the version holding least weight now.
    const least = [...route.destinations].sort((a, b) => a.weight - b.weight)[0];
    this.fields.to.value = least.subset ?? least.host;
    element.querySelector('.rollout-start').addEventListener('click', () => this.start());
    element.querySelectorAll('[data-action]').forEach((button) =>
      button.addEventListener('click', () => this.act(button.dataset.action)));
    element.querySelector('.rollout-load').addEventListener('click', () => this.startLoad());
    element.querySelectorAll('input').forEach((input) => input.addEventListener('keydown', (event) => {
      if (event.key === 'Enter') {
        event.preventDefault();
        this.start();
      }
    }));
    this.refresh();
  }

  plan() {
    const plan = { route: this.route.name, to: this.fields.to.value };
    const steps = this.fields.steps.value;
    if (steps.trim() !== '') {
      // Sent as typed unless it reads as a list of numbers: the server names what is wrong with it.
      plan.steps = STEP_LIST.test(steps) ? steps.split(',').map(Number) : steps;
    }
    for (const name of ['stepSeconds', 'failureLimit']) {
      if (this.fields[name].value.trim() !== '') plan[name] = asTyped(this.fields[name].value);
    }
    const gates = {};
    for (const name of ['minSuccessRate', 'maxP99Ms', 'minCalls']) {
      if (this.fields[name].value.trim() !== '') gates[name] = asTyped(this.fields[name].value);
    }
    if (Object.keys(gates).length) plan.gates = gates;
    return plan;
  }

  async start() {
    await this.run(() => api.startRollout(this.vs, this.plan()));
  }

  async act(action) {
    await this.run(() => api.rolloutAction(this.vs, action));
  }

  async startLoad() {
    try {
      await api.startLoad(50, 120);
      this.message('Console load started: 50 requests/s for 120 s.', true);
    } catch (error) {
      this.message(error.message);
    }
  }

  async run(call) {
    try {
      this.show(await call());
      this.message('');
    } catch (error) {
      this.message(error.message);
    }
  }

  /** Reads the rollout again: called whenever the VirtualService changes, which every rollout write does. */
  async refresh() {
    try {
      this.show(await api.rollout(this.vs));
    } catch (error) {
      if (error instanceof ApiError && error.status === 404) this.show(null);
    }
  }

  update(vs) {
    this.vs = vs;
    this.refresh();
  }

  show(rollout) {
    const mine = rollout && (!rollout.route || rollout.route === this.route.name) ? rollout : null;
    const state = mine?.state ?? null;
    const running = state === 'progressing' || state === 'paused' || (mine && state === null);
    this.element.dataset.state = state ?? 'none';
    this.element.querySelector('.rollout-plan').hidden = Boolean(running);
    this.element.querySelector('.rollout-actions').hidden = !running;
    this.element.querySelector('[data-action=pause]').hidden = state !== 'progressing';
    this.element.querySelector('[data-action=resume]').hidden = state !== 'paused';
    const banner = this.element.querySelector('.rollout-banner');
    banner.hidden = state !== 'rolled-back';
    banner.textContent = state === 'rolled-back' ? `Rolled back: ${mine.reason}` : '';
    const status = this.element.querySelector('.rollout-status');
    if (!mine) {
      status.textContent = 'No rollout on this route yet.';
    } else {
      const step = `step ${mine.step} of ${mine.steps.length} (${mine.steps.join(' → ')} %)`;
      status.textContent = `${mine.from} → ${mine.to}: ${state ?? 'starting'}, ${step}. ${mine.reason ?? ''}`;
    }
    const checks = this.element.querySelector('.rollout-checks');
    checks.replaceChildren(...(mine?.checks ?? []).slice().reverse().map((check) => {
      const item = document.createElement('li');
      item.className = `check ${check.verdict}`;
      item.dataset.verdict = check.verdict;
      const time = new Date(check.time).toLocaleTimeString();
      item.textContent = `${time} step ${check.step}: ${check.verdict} — ${figures(mine.to, check.to)}; `
        + `${figures(mine.from, check.from)}. ${check.reason}`;
      return item;
    }));
  }

  message(text, ok = false) {
    const line = this.element.querySelector('.rollout-message');
    line.textContent = text;
    line.classList.toggle('ok', ok);
  }
}
