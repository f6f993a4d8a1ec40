/** Accounts and API tokens (admin): list and add accounts; list, create (shown once) and revoke tokens. */
import { el, replaceChildren } from '../../dom';
import type { EditorContext, Screen } from '../context';
import { busyWhile, field, input, Outcome, section, select } from '../forms';
import { ROLES, type Role, type Token, type User } from '../workspace-api';

export async function adminScreen(ctx: EditorContext): Promise<Screen> {
  ctx.map.setDiff(null);
  ctx.map.setDraftItems([], []);
  const usersSlot = el('div', {});
  const tokensSlot = el('div', {});
  const refresh = async () => {
    const [users, tokens] = await Promise.all([ctx.ws.users(), ctx.ws.tokens()]);
    replaceChildren(usersSlot, userTable(users));
    replaceChildren(tokensSlot, tokenTable(tokens, async (t) => {
      if (!confirm(`Revoke the token '${t.name}' of ${t.username ?? '—'}? Programs using it stop working at once.`)) return;
      await ctx.ws.revokeToken(t.id);
      await refresh();
    }));
  };
  await refresh();

  const username = input('username', { required: '', maxlength: '40', autocomplete: 'off' });
  const role = select('role', ROLES, 'editor');
  const password = input('password', { type: 'password', required: '', minlength: '12', autocomplete: 'new-password' });
  const userOutcome = new Outcome();
  const userForm = el('form', { class: 'admin-form', 'aria-label': 'Add an account' },
    el('div', { class: 'two' }, field('Username', username), field('Role', role)),
    field('Password', password, 'At least 12 characters; tell it to the person by another channel.'),
    el('button', { type: 'submit', class: 'primary' }, 'Add account'), userOutcome.element);
  userForm.addEventListener('submit', (e) => {
    e.preventDefault();
    void busyWhile(userForm, userOutcome, 'Adding…', async () => {
      const u = await ctx.ws.addUser(username.value.trim(), role.value as Role, password.value);
      userForm.reset();
      userOutcome.ok(`Account ${u.username} (${u.role}) added.`);
      await refresh();
    });
  });

  const tokenUser = input('tokenUser', { required: '', maxlength: '40', autocomplete: 'off' });
  const tokenRole = select('tokenRole', ROLES, 'editor');
  const tokenName = input('tokenName', { required: '', maxlength: '100', placeholder: 'e.g. nightly import' });
  const tokenOutcome = new Outcome();
  const tokenForm = el('form', { class: 'admin-form', 'aria-label': 'Create an API token' },
    el('div', { class: 'two' }, field('For account', tokenUser), field('Role (at most the account\'s)', tokenRole)),
    field('Name', tokenName), el('button', { type: 'submit', class: 'primary' }, 'Create token'), tokenOutcome.element);
  tokenForm.addEventListener('submit', (e) => {
    e.preventDefault();
    void busyWhile(tokenForm, tokenOutcome, 'Creating…', async () => {
      const t = await ctx.ws.createToken(tokenUser.value.trim(), tokenRole.value as Role, tokenName.value.trim());
      tokenForm.reset();
      replaceChildren(tokenOutcome.element, el('div', { class: 'ok', role: 'status' },
        el('p', {}, `Token '${t.name}' (${t.role}): copy it now, it is not shown again.`), el('code', { class: 'secret' }, t.token)));
      await refresh();
    });
  });

  return {
    title: 'Accounts and tokens',
    element: el('div', {}, section('Accounts', usersSlot, userForm), section('API tokens', tokensSlot, tokenForm)),
  };
}

function userTable(users: User[]): HTMLElement {
  return el('table', {},
    el('thead', {}, el('tr', {}, ...['Username', 'Role', 'Since', ''].map((h) => el('th', { scope: 'col' }, h)))),
    el('tbody', {}, ...users.map((u) => el('tr', {}, el('th', { scope: 'row' }, u.username), el('td', {}, u.role), el('td', {}, u.createdAt.slice(0, 10)), el('td', {}, u.disabled ? 'disabled' : '')))));
}

function tokenTable(tokens: Token[], revoke: (t: Token) => Promise<void>): HTMLElement {
  if (!tokens.length) return el('p', { class: 'empty' }, 'No tokens.');
  return el('table', {},
    el('thead', {}, el('tr', {}, ...['Name', 'Account', 'Role', 'Created', ''].map((h) => el('th', { scope: 'col' }, h)))),
    el('tbody', {}, ...tokens.map((t) => {
      const b = t.revokedAt ? el('span', { class: 'muted' }, `revoked ${t.revokedAt.slice(0, 10)}`) : el('button', { type: 'button', class: 'link' }, 'Revoke');
      if (b instanceof HTMLButtonElement) b.addEventListener('click', () => { b.disabled = true; revoke(t).catch((e) => { b.disabled = false; alert(String((e as Error).message)); }); });
      return el('tr', {}, el('th', { scope: 'row' }, t.name), el('td', {}, t.username ?? '—'), el('td', {}, t.role), el('td', {}, t.createdAt.slice(0, 10)), el('td', {}, b));
    })));
}
