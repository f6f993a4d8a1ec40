/** Helpers of the workspace tests: accounts, logins, requests with cookie + CSRF or a token. */
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import type { Store } from '../src/store/store.js';
import { copyOfTemplate } from './helpers.js';
import { Accounts } from '../src/workspace/accounts.js';
import { CLI_ACTOR } from '../src/workspace/actor.js';

export const PASSWORD = 'correct horse battery staple';
export const PEOPLE = { admin: 'admin', editor: 'olena', editor2: 'taras', reviewer: 'iryna', viewer: 'petro' } as const;

/** A copy of the test store with the people above in it, closed; returns its path. */
export async function storeWithPeople(): Promise<string> {
  const copy = copyOfTemplate();
  await addPeople(copy.store);
  copy.store.close();
  return copy.path;
}

export async function addPeople(store: Store): Promise<void> {
  const accounts = new Accounts(store);
  const roles: Record<keyof typeof PEOPLE, string> = { admin: 'admin', editor: 'editor', editor2: 'editor', reviewer: 'reviewer', viewer: 'viewer' };
  for (const [key, name] of Object.entries(PEOPLE)) await accounts.addUser(CLI_ACTOR, { username: name, role: roles[key as keyof typeof PEOPLE], password: PASSWORD });
}

export interface Client {
  name: string;
  request(method: string, url: string, body?: unknown, headers?: Record<string, string>): Promise<LightMyRequestResponse>;
  cookie?: string;
  csrf?: string;
}

export const anonymous = (app: FastifyInstance): Client => ({
  name: 'anonymous',
  request: (method, url, body, headers = {}) => app.inject({ method: method as never, url, payload: body as never, headers }),
});

export async function login(app: FastifyInstance, username: string, password = PASSWORD): Promise<Client> {
  const r = await app.inject({ method: 'POST', url: '/api/v1/session', payload: { username, password } });
  if (r.statusCode !== 200) throw new Error(`login ${username}: ${r.statusCode} ${r.body}`);
  const setCookie = String(r.headers['set-cookie']);
  const cookie = setCookie.split(';')[0];
  const csrf = r.json().csrfToken as string;
  return {
    name: username, cookie, csrf,
    request: (method, url, body, headers = {}) => app.inject({
      method: method as never, url, payload: body as never,
      headers: { cookie, ...(method === 'GET' ? {} : { 'x-csrf-token': csrf }), ...headers },
    }),
  };
}

export const withToken = (app: FastifyInstance, name: string, token: string): Client => ({
  name,
  request: (method, url, body, headers = {}) => app.inject({ method: method as never, url, payload: body as never, headers: { authorization: `Bearer ${token}`, ...headers } }),
});

/** A polygon of `n` vertices around a point, `radiusKm` out (a small circle on the map). */
export function circle(lon: number, lat: number, radiusKm: number, n = 24): { type: 'Polygon'; coordinates: number[][][] } {
  const dLat = radiusKm / 111.2;
  const dLon = dLat / Math.cos((lat * Math.PI) / 180);
  const ring = Array.from({ length: n }, (_, i) => {
    const a = (2 * Math.PI * i) / n;
    return [lon + dLon * Math.cos(a), lat + dLat * Math.sin(a)];
  });
  return { type: 'Polygon', coordinates: [[...ring, ring[0]]] };
}

export const SOURCE = {
  url: 'https://www.understandingwar.org/backgrounder/russian-offensive-campaign-assessment-may-26',
  publisher: 'Institute for the Study of War',
  author: 'Kateryna Stepanenko',
  publishedAt: '2022-05-26T22:00:00Z',
  quote: 'Russian forces continued efforts to encircle Lysychansk from the south.',
  archiveUrl: 'https://web.archive.org/web/2022/https://www.understandingwar.org/',
};
