import {
  type Credentials,
  credentialsPath,
  loadStore,
  removeCredentials,
  resolveProfile,
  saveCredentials,
  withCredentialsLock,
} from './credentials.ts';
import { ApiError, CliError, EXIT, usage } from './errors.ts';
import { ApiClient, credentialsFromToken, type TokenAnswer } from './http.ts';
import { type Io, interactive, style } from './io.ts';
import { money, printJson, say, show } from './output.ts';
import { askLine, askNewPassword, askSecret, readStdin } from './prompt.ts';

type Options = Record<string, unknown>;

function client(io: Io, options: Options): ApiClient {
  return new ApiClient({ server: options.server as string, profile: options.profile as string }, io.env);
}

/** `--password-stdin`: the lines of stdin (a password may hold any character but a line break). */
async function stdinLines(io: Io): Promise<string[]> {
  return (await readStdin(io)).split(/\r?\n/);
}

interface Me {
  email: string;
  mustChangePassword?: boolean;
}

export async function login(io: Io, options: Options): Promise<void> {
  const api = client(io, options);
  const fromStdin = Boolean(options.passwordStdin);
  let email = options.email as string | undefined;
  if (!email) {
    if (fromStdin || !interactive(io)) throw usage('say --email (there is no terminal to ask on)');
    email = await askLine(io, 'Email: ');
  }
  let password: string;
  let newPassword: string | undefined;
  if (fromStdin) [password = '', newPassword] = await stdinLines(io);
  else if (interactive(io)) password = await askSecret(io, 'Password: ');
  else throw usage('there is no terminal to ask for the password on: use --password-stdin');
  if (!email || !password) throw usage('an email and a password are needed');
  const answer = await api.anonymous<TokenAnswer>('POST', '/auth/token', { body: { email, password } });
  await withCredentialsLock(async () => {
    saveCredentials(credentialsFromToken(api.server, email, answer), api.path, api.profile);
  }, api.path);
  const signedIn = client(io, { ...options, server: api.server });
  const me = await signedIn.call<Me>('GET', '/auth/me');
  say(io, `Logged in to ${api.server} as ${email}${api.profile === 'default' ? '' : ` (profile ${api.profile})`}.`);
  if (!me.mustChangePassword) return;
  io.stderr.write('Your password was reset: the server requires a new one before anything else.\n');
  if (!newPassword) {
    if (fromStdin || !interactive(io)) {
      throw new CliError(
        EXIT.forbidden,
        'a new password is required: give it as a second line on stdin, or run `backlot passwd` on a terminal',
      );
    }
    newPassword = await askNewPassword(io);
  }
  await changePassword(signedIn, password, newPassword);
  say(io, 'Password changed.');
}

async function changePassword(api: ApiClient, currentPassword: string, newPassword: string): Promise<void> {
  await api.call('POST', '/auth/password', { body: { currentPassword, newPassword } });
}

export async function passwd(io: Io, options: Options): Promise<void> {
  const api = client(io, options);
  let current: string;
  let next: string;
  if (options.passwordStdin) {
    const [first = '', second = ''] = await stdinLines(io);
    if (!first || !second) throw usage('--password-stdin takes two lines: the current password, then the new one');
    [current, next] = [first, second];
  } else if (interactive(io)) {
    await api.accessToken(); // not signed in: say so before asking anything
    current = await askSecret(io, 'Current password: ');
    next = await askNewPassword(io);
  } else {
    throw usage('there is no terminal to ask for the passwords on: use --password-stdin');
  }
  await changePassword(api, current, next);
  say(io, 'Password changed. Your other sessions have ended.');
}

export async function logout(io: Io, options: Options): Promise<void> {
  const api = client(io, options);
  const session = api.session;
  if (!session && !api.usesEnvToken) throw new CliError(EXIT.unauthenticated, `not logged in to ${api.server}`);
  const forget = () => withCredentialsLock(async () => void removeCredentials(api.path, api.profile), api.path);
  const everywhere = Boolean(options.everywhere);
  try {
    await api.call('POST', everywhere ? '/auth/logout/everywhere' : '/auth/logout');
  } catch (error) {
    // A session the server has already ended is as good as ended here, but it can no longer end the others.
    const ended = (error instanceof CliError || error instanceof ApiError) && error.exitCode === EXIT.unauthenticated;
    if (!ended || everywhere) {
      if (session) await forget();
      if (ended) {
        throw new CliError(
          EXIT.unauthenticated,
          'this session had already ended, so it could not end the others: log in, then run `backlot logout --everywhere`',
        );
      }
      throw error;
    }
  }
  if (session) await forget();
  say(
    io,
    everywhere ? `Logged out of ${api.server} everywhere: every session has ended.` : `Logged out of ${api.server}.`,
  );
}

export async function whoami(io: Io, options: Options): Promise<void> {
  const me = await client(io, options).call<Me>('GET', '/auth/me');
  if (options.json) return printJsonOrJq(io, me, options);
  show(io, me);
  if (me.mustChangePassword) io.stderr.write('Your password was reset: run `backlot passwd`.\n');
}

async function printJsonOrJq(io: Io, value: unknown, options: Options): Promise<void> {
  const fields = options.fields as string[] | undefined;
  const picked =
    fields && value && typeof value === 'object'
      ? Object.fromEntries(Object.entries(value).filter(([k]) => fields.includes(k)))
      : value;
  if (options.jq !== undefined) await (await import('./jq.ts')).printJq(io, picked, String(options.jq));
  else printJson(io, picked);
}

export async function token(io: Io, options: Options): Promise<void> {
  io.stdout.write(`${await client(io, options).accessToken(60)}\n`);
}

/** Every saved session: profile, server, email, and which one is in use. */
export async function authStatus(io: Io, options: Options): Promise<void> {
  const current = resolveProfile(options.profile as string | undefined, io.env);
  const store = loadStore(credentialsPath(io.env));
  const rows = Object.entries(store).map(([profile, saved]: [string, Credentials]) => ({
    profile,
    active: profile === current,
    server: saved.server,
    email: saved.email,
    accessTokenExpiresAt: saved.expiresAt,
  }));
  if (options.json) return printJsonOrJq(io, { profiles: rows, envToken: Boolean(io.env.BACKLOT_TOKEN) }, options);
  if (rows.length === 0) throw new CliError(EXIT.unauthenticated, 'no saved session: run `backlot login`');
  const { bold } = style(io, io.stdout);
  for (const row of rows) {
    const mark = row.active ? bold('* ') : '  ';
    io.stdout.write(`${mark}${row.profile.padEnd(12)} ${row.email}  on ${row.server}\n`);
  }
  if (!store[current]) io.stdout.write(`  (profile ${current}, in use, has no saved session)\n`);
  if (io.env.BACKLOT_TOKEN) io.stdout.write('BACKLOT_TOKEN is set: it is used instead of the saved session.\n');
}

interface Overview {
  counts: Record<string, number>;
  sales?: { months: { month: string; totalCents: number; orders: number }[] };
  orders?: { pending: number; fulfilled: number; cancelled: number };
  contracts?: { notSigned: number; notFullyPaid: number; dueCents: number };
  events?: { withoutSupport: number };
  bookings?: { scope: string; pending: number; accepted: number; rejected: number };
}

/** The dashboard's figures, each part only if the caller may read that resource. */
export async function stats(io: Io, options: Options): Promise<void> {
  const overview = await client(io, options).call<Overview>('GET', '/stats/overview');
  if (options.json) return printJsonOrJq(io, overview, options);
  const { bold } = style(io, io.stdout);
  const lines: string[] = [bold('Counts')];
  for (const [name, count] of Object.entries(overview.counts))
    lines.push(`  ${name.padEnd(10)} ${String(count).padStart(8)}`);
  const { orders, contracts, events, bookings, sales } = overview;
  if (orders)
    lines.push(
      '',
      `${bold('Orders')}     ${orders.pending} pending · ${orders.fulfilled} fulfilled · ${orders.cancelled} cancelled`,
    );
  if (contracts) {
    lines.push(
      `${bold('Contracts')}  ${contracts.notSigned} not signed · ${contracts.notFullyPaid} not fully paid · ${money(contracts.dueCents)} due`,
    );
  }
  if (events) lines.push(`${bold('Events')}     ${events.withoutSupport} without support`);
  if (bookings) {
    const whose = bookings.scope === 'own' ? ' (yours)' : '';
    lines.push(
      `${bold('Bookings')}   ${bookings.pending} pending · ${bookings.accepted} accepted · ${bookings.rejected} rejected${whose}`,
    );
  }
  if (sales) {
    lines.push('', bold('Sales by month'));
    for (const month of sales.months) {
      lines.push(
        `  ${month.month}  ${money(month.totalCents).padStart(14)}  ${month.orders} order${month.orders === 1 ? '' : 's'}`,
      );
    }
  }
  io.stdout.write(`${lines.join('\n')}\n`);
}
