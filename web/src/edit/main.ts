/**
 * The analyst workspace's entry point (served at /edit): sign-in, then one screen at a time beside
 * the map — drafts, a draft being edited, its review, accounts — chosen by the URL's hash
 * (`#/drafts`, `#/drafts/3`, `#/drafts/3/review`, `#/team`, `#/audit`, `#/admin`), so links and the back button work.
 */
import '../styles.css';
import './edit.css';
import { Api } from '../api';
import { el, replaceChildren } from '../dom';
import { Banner } from '../panels/banner';
import type { EditorContext, Screen } from './context';
import { EditorMap } from './editor-map';
import { messageOf } from './forms';
import { adminScreen } from './screens/admin-screen';
import { auditScreen } from './screens/audit-screen';
import { teamScreen } from './screens/team-screen';
import { draftScreen } from './screens/draft-screen';
import { draftsScreen } from './screens/drafts-screen';
import { loginScreen } from './screens/login-screen';
import { reviewScreen } from './screens/review-screen';
import { WorkspaceApi } from './workspace-api';

const slot = (id: string) => document.getElementById(id)!;
const ws = new WorkspaceApi();
const api = new Api();
const banner = new Banner();
slot('banner-slot').append(banner.element);
const screenSlot = slot('screen');
const mapStatus = slot('map-status');

/** Version id → date; refetched when an id is unknown (a version published since the page loaded). */
let versionDates = new Map<number, string>();
let latest: { id: number; date: string } | null = null;
async function loadVersions(): Promise<void> {
  // The public answer may be kept 5 minutes by the browser; the team needs the version just published.
  const res = await fetch('/api/v1/versions', { headers: { accept: 'application/json' }, cache: 'no-cache' });
  const versions = (await res.json()) as { id: number; validAt: string }[];
  versionDates = new Map(versions.map((v) => [v.id, v.validAt.slice(0, 10)]));
  const last = versions[versions.length - 1];
  latest = last ? { id: last.id, date: last.validAt.slice(0, 10) } : null;
}
async function versionDate(id: number): Promise<string> {
  if (!versionDates.has(id)) await loadVersions();
  // A version still held back by the publication delay has no public tiles: show the latest public one.
  return versionDates.get(id) ?? latest?.date ?? new Date().toISOString().slice(0, 10);
}
async function latestVersion(): Promise<{ id: number; date: string }> {
  await loadVersions();
  if (!latest) throw new Error('no published version yet');
  return latest;
}

const regionNames = new Map<string, string>();
const map = new EditorMap(slot('map'), location.origin, new Date().toISOString().slice(0, 10));
map.onError((m) => banner.show(`The map could not load: ${m}`));
map.onBusy((busy) => { mapStatus.hidden = !busy; mapStatus.textContent = busy ? 'Loading map…' : ''; });

const ctx: EditorContext = {
  ws, api, map, banner, versionDate, latestVersion,
  regionName: (code) => regionNames.get(code) ?? code,
  go: (route) => { if (location.hash === route) void render(); else location.hash = route; },
};

let current: Screen | null = null;
let renderCount = 0;

function setNav() {
  const me = ws.me;
  const nav = slot('nav');
  if (!me || !ws.canWrite) {
    replaceChildren(nav, el('a', { href: '/', class: 'nav-link' }, 'Public map'));
    replaceChildren(slot('who'));
    return;
  }
  const logout = el('button', { type: 'button', id: 'logout' }, 'Sign out');
  logout.addEventListener('click', async () => {
    logout.disabled = true;
    try { await ws.logout(); } catch (e) { banner.show(`Sign-out failed: ${messageOf(e)}`); }
    location.hash = '#/drafts';
    await render();
  });
  replaceChildren(nav,
    el('a', { href: '#/drafts', class: 'nav-link' }, 'Drafts'),
    el('a', { href: '#/team', class: 'nav-link' }, 'Team'),
    me.role === 'reviewer' || me.role === 'admin' ? el('a', { href: '#/audit', class: 'nav-link' }, 'Audit log') : null,
    me.role === 'admin' ? el('a', { href: '#/admin', class: 'nav-link' }, 'Accounts') : null,
    el('a', { href: '/', class: 'nav-link' }, 'Public map'),
    logout);
  replaceChildren(slot('who'), el('span', { id: 'whoami' }, 'Signed in as ', el('strong', {}, me.username), ` (${me.role})`));
}

async function chooseScreen(): Promise<Screen> {
  if (!ws.canWrite) {
    const known = await ws.whoAmI().catch(() => null);
    return loginScreen(ctx, () => void render(), known?.username ?? null);
  }
  if (ws.me?.role === 'viewer') {
    return { title: 'Nothing to edit', element: el('p', {}, `Your account (${ws.me.username}) is a viewer's: it sees what the public sees, on the `, el('a', { href: '/' }, 'public map'), '. Ask an admin for the editor role to work on drafts.') };
  }
  const route = location.hash.replace(/^#/, '');
  let m: RegExpMatchArray | null;
  if ((m = route.match(/^\/drafts\/(\d+)\/review$/))) return reviewScreen(ctx, Number(m[1]));
  if ((m = route.match(/^\/drafts\/(\d+)$/))) return draftScreen(ctx, Number(m[1]));
  if (route === '/admin') return adminScreen(ctx);
  if (route === '/team') return teamScreen(ctx);
  if ((m = route.match(/^\/audit(?:\?target=([^&]*))?$/))) return auditScreen(ctx, decodeURIComponent(m[1] ?? ''));
  return draftsScreen(ctx);
}

/**
 * Builds the screen for the current route; a later navigation wins over a slower earlier one.
 * After a navigation the screen's title takes the focus, so keyboard and screen-reader users land
 * on the new screen (not on the first page load, where the browser's own order is expected).
 */
async function render(focusTitle = true): Promise<void> {
  const request = ++renderCount;
  current?.dispose?.();
  current = null;
  setNav();
  screenSlot.setAttribute('aria-busy', 'true');
  replaceChildren(screenSlot, el('p', { class: 'loading', role: 'status' }, el('span', { class: 'spinner', 'aria-hidden': 'true' }), 'Loading…'));
  let screen: Screen;
  try {
    screen = await chooseScreen();
  } catch (e) {
    if (request !== renderCount) return;
    screenSlot.removeAttribute('aria-busy');
    const retry = el('button', { type: 'button', class: 'secondary' }, 'Retry');
    retry.addEventListener('click', () => void render());
    replaceChildren(screenSlot, el('h2', { class: 'screen-title' }, 'Something went wrong'), el('p', { class: 'error', role: 'alert' }, messageOf(e)), retry,
      el('p', {}, el('a', { href: '#/drafts' }, 'Back to the drafts')));
    setNav();
    return;
  }
  if (request !== renderCount) { screen.dispose?.(); return; }
  current = screen;
  screenSlot.removeAttribute('aria-busy');
  setNav();
  document.title = `${screen.title} — Frontline workspace`;
  const title = el('h2', { class: 'screen-title', tabindex: '-1' }, screen.title);
  replaceChildren(screenSlot, title, screen.element);
  if (focusTitle && !screenSlot.contains(document.activeElement)) title.focus();
  document.documentElement.dataset.screen = location.hash || '#/drafts';
}

window.addEventListener('hashchange', () => void render());
ws.onSignedOut = () => {
  banner.show('Your session has ended (it lasts 12 hours, or you signed out elsewhere): sign in again. Anything not saved is lost.');
  void render();
};
api.regions().then((rs) => { for (const r of rs) regionNames.set(r.code, r.name); }, () => undefined);

/** Test and debugging hook (like the viewer's window.__frontline). */
(window as unknown as { __editor: unknown }).__editor = { map, ready: map.ready };
void map.ready.then(() => { document.documentElement.dataset.mapReady = '1'; });
void render(false);
