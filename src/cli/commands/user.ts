/**
 * `frontline user …`: accounts and API tokens from the command line (the first admin account is
 * made here). The password is read from stdin when stdin is not a terminal, else prompted for
 * without echo; it never appears in arguments, output or logs.
 */
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import { FrontlineError } from '../../errors.js';
import { Accounts } from '../../workspace/accounts.js';
import { CLI_ACTOR } from '../../workspace/actor.js';
import { parse } from '../args.js';
import { info, printJson, table } from '../output.js';
import { openStore } from '../store.js';

export const usage = `frontline user add NAME --role viewer|editor|reviewer|admin   (password from stdin, or prompted)
frontline user list [--json]
frontline user token NAME --role ROLE [--name LABEL]   create an API token (printed once)
frontline user revoke-token ID
frontline user disable NAME [--reason TEXT]   its sessions end, its API tokens are refused
frontline user enable NAME
frontline user passwd NAME   set a new password (from stdin, or prompted); its sessions end`;

export async function run(argv: string[], stdin: Readable & { isTTY?: boolean } = process.stdin): Promise<number> {
  const { values, positionals } = parse(argv, { role: { type: 'string' }, name: { type: 'string' }, reason: { type: 'string' } }, true);
  const [sub, arg] = positionals;
  const store = openStore();
  try {
    const accounts = new Accounts(store);
    switch (sub) {
      case 'add': {
        if (!arg) throw new FrontlineError('BAD_ARGUMENT', `a user name is required: ${usage.split('\n')[0]}`);
        if (!values.role) throw new FrontlineError('BAD_ARGUMENT', '--role is required (viewer, editor, reviewer, admin)');
        const password = await readPassword(stdin);
        const user = await accounts.addUser(CLI_ACTOR, { username: arg, role: values.role as string, password });
        if (values.json) printJson({ id: user.id, username: user.username, role: user.role });
        else info(`user ${user.username} (${user.role}) added`);
        return 0;
      }
      case 'list': {
        const users = accounts.users();
        if (values.json) printJson(users);
        else console.log(table(['id', 'username', 'role', 'created', 'disabled'], users.map((u) => [u.id, u.username, u.role, u.createdAt, u.disabled ? 'yes' : ''])));
        return 0;
      }
      case 'token': {
        if (!arg || !values.role) throw new FrontlineError('BAD_ARGUMENT', `usage: ${usage.split('\n')[2]}`);
        const { token, record } = accounts.createToken(CLI_ACTOR, { username: arg, role: values.role as string, name: (values.name as string | undefined) ?? 'cli' });
        if (values.json) printJson({ id: record.id, token, role: record.role, name: record.name });
        else { console.log(token); info(`token ${record.id} (${record.role}) for ${arg}: shown once, keep it safe`); }
        return 0;
      }
      case 'revoke-token': {
        const id = Number(arg);
        if (!Number.isInteger(id)) throw new FrontlineError('BAD_ARGUMENT', 'a token id is required (see GET /api/v1/tokens)');
        accounts.revokeToken(CLI_ACTOR, id);
        info(`token ${id} revoked`);
        return 0;
      }
      case 'disable':
      case 'enable': {
        if (!arg) throw new FrontlineError('BAD_ARGUMENT', `a user name is required: frontline user ${sub} NAME`);
        const user = accounts.setDisabled(CLI_ACTOR, arg, sub === 'disable', (values.reason as string | undefined) ?? null);
        if (values.json) printJson(user);
        else info(`user ${user.username} ${sub}d${user.sessionsEnded ? ` (${user.sessionsEnded} session${user.sessionsEnded === 1 ? '' : 's'} ended)` : ''}`);
        return 0;
      }
      case 'passwd': {
        if (!arg) throw new FrontlineError('BAD_ARGUMENT', 'a user name is required: frontline user passwd NAME');
        const password = await readPassword(stdin);
        const user = await accounts.resetPassword(CLI_ACTOR, arg, password);
        if (values.json) printJson(user);
        else info(`password of ${user.username} changed (${user.sessionsEnded} session${user.sessionsEnded === 1 ? '' : 's'} ended)`);
        return 0;
      }
      default:
        throw new FrontlineError('BAD_ARGUMENT', `unknown subcommand '${sub ?? ''}':\n${usage}`);
    }
  } finally {
    store.close();
  }
}

/** The first line of stdin when it is piped; a prompt without echo (asked twice) on a terminal. */
export async function readPassword(stdin: Readable & { isTTY?: boolean }): Promise<string> {
  if (!stdin.isTTY) {
    let text = '';
    for await (const chunk of stdin) {
      text += String(chunk);
      if (text.includes('\n')) break;
    }
    const line = text.split(/\r?\n/)[0];
    if (!line) throw new FrontlineError('BAD_ARGUMENT', 'no password on stdin');
    return line;
  }
  const ask = (q: string) => new Promise<string>((resolve) => {
    const rl = createInterface({ input: stdin, output: process.stderr, terminal: true });
    const muted = rl as unknown as { _writeToOutput: (s: string) => void };
    process.stderr.write(q);
    muted._writeToOutput = () => {};
    rl.question('', (answer) => { rl.close(); process.stderr.write('\n'); resolve(answer); });
  });
  const first = await ask('password: ');
  const second = await ask('again: ');
  if (first !== second) throw new FrontlineError('BAD_ARGUMENT', 'the two passwords differ');
  return first;
}
