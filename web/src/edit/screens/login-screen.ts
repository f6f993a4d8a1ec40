/** Sign-in: the session cookie is set by the server; wrong passwords and lock-outs get plain messages. */
import { el } from '../../dom';
import type { EditorContext, Screen } from '../context';
import { busyWhile, field, input, Outcome } from '../forms';
import { WorkspaceError } from '../workspace-api';

/** Why a login failed, in words a person can act on. */
export function loginFailure(e: unknown): Error {
  if (e instanceof WorkspaceError) {
    if (e.status === 429) {
      const minutes = e.retryAfter ? Math.max(1, Math.ceil(e.retryAfter / 60)) : null;
      return new Error(`Too many failed sign-ins for this account or address. Try again ${minutes ? `in ${minutes} minute${minutes === 1 ? '' : 's'}` : 'later'}.`);
    }
    if (e.status === 401) return new Error('Wrong username or password.');
    if (e.status === 400) return new Error('Enter a username and a password.');
  }
  return e instanceof Error ? e : new Error(String(e));
}

/** `knownUser`: the cookie is still valid but the page was reloaded, so the write token is gone. */
export function loginScreen(ctx: EditorContext, onDone: () => void, knownUser: string | null): Screen {
  const username = input('username', { autocomplete: 'username', required: '', autocapitalize: 'none', spellcheck: 'false' });
  const password = input('password', { type: 'password', autocomplete: 'current-password', required: '' });
  if (knownUser) username.value = knownUser;
  const outcome = new Outcome();
  const form = el('form', { class: 'login-form', 'aria-label': 'Sign in' },
    knownUser ? el('p', { class: 'hint' }, `You are still signed in as ${knownUser}, but this page keeps its write key only in memory: enter your password again to edit.`) : null,
    field('Username', username), field('Password', password),
    el('button', { type: 'submit', class: 'primary' }, 'Sign in'), outcome.element);
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    void busyWhile(form, outcome, 'Signing in…', async () => {
      try {
        await ctx.ws.login(username.value.trim(), password.value);
      } catch (err) {
        password.value = '';
        password.focus();
        throw loginFailure(err);
      }
      onDone();
    });
  });
  // After the screen is in the page (and after its title took the focus).
  setTimeout(() => (knownUser ? password : username).focus(), 0);
  return {
    title: 'Sign in',
    element: el('div', {}, el('p', {}, 'The team workspace: draw changes with their sources, review and publish them. Everyone else sees ', el('a', { href: '/' }, 'the public map'), '.'), form),
  };
}
