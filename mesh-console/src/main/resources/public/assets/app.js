// The console page: sign-in, one section per shown VirtualService (route-list.js: filter and pages), live updates
// from /api/events, the data-plane line, the notifications line, and the load panel whose observed traffic each
// route card charts.
import { api } from './api.js';
import { DataPlaneLine } from './data-plane.js';
import { LoadPanel } from './load-panel.js';
import { NotificationsLine } from './notifications-line.js';
import { RouteList } from './route-list.js';
import { trafficFeed } from './traffic-feed.js';

const routes = new RouteList(document.querySelector('main'), (namespace) => canOperate(namespace));
const loadPanel = new LoadPanel(document.getElementById('traffic'));
const dataPlane = new DataPlaneLine(document.getElementById('data-plane'));
const notifications = new NotificationsLine(document.getElementById('notifications'));
let session = { user: null, openReads: true, roles: {}, signInWith: [] };
let events = null;

const status = (text) => { document.getElementById('status').textContent = text; };

// Roles per namespace ("*": every namespace). The server enforces them; the page only hides what would be refused.
const canOperate = (namespace) => [session.roles[namespace], session.roles['*']].includes('operator');

function describeRoles() {
  const entries = Object.entries(session.roles);
  if (entries.length === 0) return '(no role: reading only)';
  return `(${entries.map(([ns, role]) => `${role} in ${ns === '*' ? 'every namespace' : ns}`).join(', ')})`;
}

function showProviders() {
  const links = document.getElementById('sign-in-with');
  links.replaceChildren(...session.signInWith.map((provider) => {
    const link = document.createElement('a');
    link.href = provider.path;
    link.textContent = `Sign in with ${provider.name}`;
    return link;
  }));
  links.hidden = Boolean(session.user) || session.signInWith.length === 0;
}

async function loadSession() {
  session = await api.session();
  document.getElementById('sign-in').hidden = Boolean(session.user);
  document.getElementById('signed-in').hidden = !session.user;
  document.getElementById('user-name').textContent = session.user ?? '';
  document.getElementById('user-roles').textContent = session.user ? describeRoles() : '';
  showProviders();
  routes.setEditable();
  loadPanel.setEditable(Object.values(session.roles).includes('operator'));
}

async function loadRoutes() {
  if (!session.user && !session.openReads) {
    status('Sign in to see routes.');
    return;
  }
  try {
    const services = await api.routes();
    routes.setAll(services);
    // When the first cards are in the page (User Timing, seen in DevTools): what bench/scale.sh reads as first render.
    if (performance.getEntriesByName('routes-shown').length === 0) performance.mark('routes-shown');
    document.getElementById('route-tools').hidden = false;
    status(services.length ? `${services.length} VirtualService(s) with weighted routes. Live.` : 'No VirtualService with a weighted route.');
    listen();
    loadPanel.load();
    trafficFeed.connect();
    dataPlane.connect();
    notifications.connect();
  } catch (error) {
    status(`Could not load routes: ${error.message}`);
  }
}

function listen() {
  if (events) events.close();
  events = new EventSource('api/events');
  let interrupted = false;
  let changedLive = null; // "namespace/name" of each live change while the list is read again
  events.addEventListener('route', (message) => {
    const change = JSON.parse(message.data);
    changedLive?.add(`${change.namespace}/${change.name}`);
    routes.changed(change);
  });
  events.addEventListener('open', async () => {
    // The stream does not replay what changed while it was down: read the list again, then say it is live.
    if (interrupted) {
      interrupted = false;
      changedLive = new Set();
      try {
        routes.catchUp(await api.routes(), changedLive);
      } catch (error) {
        status(`Live again, but could not read the routes: ${error.message}`);
        return;
      } finally {
        changedLive = null;
      }
    }
    status(`${routes.size} VirtualService(s) with weighted routes. Live.`);
  });
  // EventSource retries a dropped connection by itself, but not a refusal (too many pages open, signed out).
  events.addEventListener('error', () => {
    interrupted = true;
    status(events.readyState === EventSource.CLOSED
      ? 'Live updates refused by the console (too many pages open?); reload to try again.'
      : 'Live updates interrupted; reconnecting…');
  });
}

document.getElementById('sign-in').addEventListener('submit', async (event) => {
  event.preventDefault();
  const form = event.target;
  const message = document.getElementById('sign-in-message');
  try {
    await api.signIn(form.username.value, form.password.value);
    form.reset();
    message.textContent = '';
    await loadSession();
    // With closed reads nothing was shown before signing in; otherwise the cards just become editable.
    if (routes.size === 0) await loadRoutes();
  } catch (error) {
    message.textContent = error.status === 401 ? 'Wrong user or password.' : error.message;
  }
});

document.getElementById('sign-out').addEventListener('click', async () => {
  await api.signOut().catch(() => {});
  await loadSession();
});

await loadSession();
await loadRoutes();
