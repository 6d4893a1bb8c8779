// Which VirtualServices the page shows: those whose "namespace/name" holds every word of the filter, in the API's
// order, a page at a time. Only shown ones get a ServiceView (cards, health, charts); the others are kept as data,
// so with hundreds of routes the page draws a few dozen cards and a change elsewhere costs nothing on screen.
import { ServiceView } from './service-view.js';

export const PAGE = 20;

const key = (vs) => `${vs.namespace}/${vs.name}`;
const plural = (count) => (count === 1 ? 'VirtualService' : 'VirtualServices');

export class RouteList {
  /** `canOperate(namespace)` says whether a new card may be edited. */
  constructor(element, canOperate) {
    this.container = element.querySelector('#services');
    this.countLine = element.querySelector('#route-count');
    this.moreButton = element.querySelector('#show-more');
    this.filterBox = element.querySelector('#route-filter');
    this.canOperate = canOperate;
    this.all = new Map(); // "namespace/name" -> the VirtualService as last read
    this.views = new Map(); // only the shown ones
    this.words = [];
    this.limit = PAGE;
    this.filterBox.addEventListener('input', () => this.setFilter(this.filterBox.value));
    this.moreButton.addEventListener('click', () => this.showMore());
  }

  get size() {
    return this.all.size;
  }

  setAll(services) {
    this.all = new Map(services.map((vs) => [key(vs), vs]));
    this.views.clear();
    this.render();
  }

  setFilter(text) {
    this.words = text.toLowerCase().split(/\s+/).filter(Boolean);
    this.limit = PAGE;
    this.render();
  }

  showMore() {
    this.limit += PAGE;
    this.render();
  }

  setEditable() {
    this.views.forEach((view, id) => view.setEditable(this.canOperate(id.split('/')[0])));
  }

  /** One route event: only that VirtualService's card changes, or the list when it appears, goes or newly fits. */
  changed(change) {
    const id = `${change.namespace}/${change.name}`;
    const view = this.views.get(id);
    if (!change.current) {
      this.all.delete(id);
      if (view) this.render();
      else this.showCount(this.matching());
      return;
    }
    this.all.set(id, change.current);
    if (view) view.update(change.current);
    else if (this.matches(id) && this.views.size < this.limit) this.render();
    else this.showCount(this.matching());
  }

  /**
   * The whole list read again after live updates were cut off: each VirtualService as if its change had come live,
   * so a card being edited keeps the edit and says what changed meanwhile, as it does for a live change. Those in
   * `changedLive` had a live change while the list was read, which may be newer than the list: they are left alone.
   */
  catchUp(services, changedLive) {
    const current = new Map(services.map((vs) => [key(vs), vs]));
    [...this.all.keys()].filter((id) => !current.has(id) && !changedLive.has(id)).forEach((id) => {
      const vs = this.all.get(id);
      this.changed({ namespace: vs.namespace, name: vs.name, current: null });
    });
    current.forEach((vs, id) => {
      if (!changedLive.has(id)) this.changed({ namespace: vs.namespace, name: vs.name, current: vs });
    });
  }

  matches(id) {
    const text = id.toLowerCase();
    return this.words.every((word) => text.includes(word));
  }

  matching() {
    return [...this.all.keys()].filter((id) => this.matches(id));
  }

  render() {
    const matching = this.matching();
    const shown = matching.slice(0, this.limit);
    const keep = new Set(shown);
    [...this.views.keys()].filter((id) => !keep.has(id)).forEach((id) => this.views.delete(id));
    this.container.replaceChildren(...shown.map((id) => this.viewOf(id).element));
    this.showCount(matching);
  }

  viewOf(id) {
    if (!this.views.has(id)) {
      const vs = this.all.get(id);
      this.views.set(id, new ServiceView(vs, this.canOperate(vs.namespace)));
    }
    return this.views.get(id);
  }

  showCount(matching) {
    const shown = Math.min(matching.length, this.limit);
    const filtered = this.words.length ? ` matching "${this.words.join(' ')}" (${this.all.size} in all)` : '';
    this.countLine.textContent = `Showing ${shown} of ${matching.length} ${plural(matching.length)}${filtered}`;
    this.moreButton.hidden = shown >= matching.length;
    this.moreButton.textContent = `Show ${Math.min(PAGE, matching.length - shown)} more`;
  }
}
