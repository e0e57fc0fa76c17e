import { createInterface } from 'node:readline/promises';
import { CliError, EXIT } from './errors.ts';
import type { Io } from './io.ts';

export async function askLine(io: Io, question: string): Promise<string> {
  const rl = createInterface({ input: io.stdin as NodeJS.ReadableStream, output: io.stderr as NodeJS.WritableStream });
  const interrupted = new Promise<never>((_, reject) =>
    rl.once('SIGINT', () => reject(new CliError(EXIT.interrupted, 'interrupted'))),
  );
  try {
    return (await Promise.race([rl.question(question), interrupted])).trim();
  } finally {
    rl.close();
  }
}

export async function confirm(io: Io, question: string): Promise<boolean> {
  return /^y(es)?$/i.test(await askLine(io, `${question} [y/N] `));
}

/** Reads a line from the terminal without echoing it; Ctrl-C ends the command (exit 130). */
export function askSecret(io: Io, question: string): Promise<string> {
  const stdin = io.stdin;
  io.stderr.write(question);
  return new Promise((resolve, reject) => {
    let value = '';
    const finish = (error?: CliError) => {
      stdin.setRawMode?.(false);
      stdin.pause();
      stdin.off('data', onData);
      io.stderr.write('\n');
      if (error) reject(error);
      else resolve(value);
    };
    const onData = (chunk: Buffer) => {
      for (const char of chunk.toString('utf8')) {
        if (char === '\r' || char === '\n' || char === '\u0004') return finish();
        if (char === '\u0003') return finish(new CliError(EXIT.interrupted, 'interrupted'));
        if (char === '\u007f' || char === '\b') value = value.slice(0, -1);
        else if (char >= ' ') value += char;
      }
    };
    stdin.setRawMode?.(true);
    stdin.resume();
    stdin.on('data', onData);
  });
}

/** A new password, typed twice on the terminal. */
export async function askNewPassword(io: Io): Promise<string> {
  for (let attempt = 0; attempt < 3; attempt++) {
    const first = await askSecret(io, 'New password: ');
    const again = await askSecret(io, 'New password again: ');
    if (first && first === again) return first;
    io.stderr.write(first ? 'The two do not match. Try again.\n' : 'A password cannot be empty.\n');
  }
  throw new CliError(EXIT.usage, 'no new password was given');
}

/** All of stdin, without the final line break (for `--password-stdin`). */
export async function readStdin(io: Io): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of io.stdin) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
  return Buffer.concat(chunks)
    .toString('utf8')
    .replace(/\r?\n$/, '');
}
