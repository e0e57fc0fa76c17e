import { randomBytes } from 'node:crypto';
import argon2 from 'argon2';
import { BadRequest } from '../../errors.ts';

// OWASP's argon2id baseline (19 MiB, 2 passes, 1 lane): strong, and cheap enough for a 2-core node.
const OPTIONS = { type: argon2.argon2id, memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
  return argon2.hash(password, OPTIONS);
}

export async function verifyPassword(hash: string, password: string): Promise<boolean> {
  try {
    return await argon2.verify(hash, password);
  } catch {
    return false;
  }
}

let dummyHash: Promise<string> | undefined;

/** Spends the same time as a real check, so an unknown account answers no faster than a wrong password. */
export async function verifyAgainstNothing(password: string): Promise<false> {
  dummyHash ??= hashPassword(randomBytes(16).toString('hex'));
  await verifyPassword(await dummyHash, password);
  return false;
}

const ALPHABET = 'abcdefghjkmnpqrstuvwxyzABCDEFGHJKMNPQRSTUVWXYZ23456789';

/** A one-time password: 20 characters from an alphabet without look-alikes (~114 bits). */
export function oneTimePassword(): string {
  const bytes = randomBytes(20);
  let password = '';
  for (const byte of bytes) password += ALPHABET[byte % ALPHABET.length];
  return password;
}

export const PASSWORD_MIN_LENGTH = 12;

/** A new password must be long enough (400 naming the field at `path` otherwise). */
export function checkPasswordStrength(password: string, path: string): void {
  if (password.length < PASSWORD_MIN_LENGTH) {
    throw new BadRequest(`The password must be at least ${PASSWORD_MIN_LENGTH} characters long.`, [
      { path, message: `must be at least ${PASSWORD_MIN_LENGTH} characters long` },
    ]);
  }
}
