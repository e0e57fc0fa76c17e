import type { Redis } from 'ioredis';

/** Fixed-window counters; the in-memory store serves one node, a shared store (Redis) several. */
export interface CounterStore {
  /** Adds one to `key` in its current window and returns the new count and the seconds left. */
  hit(key: string, windowSeconds: number): Promise<{ count: number; resetInSeconds: number }>;
  /** Takes back one hit (the attempt turned out to be a success). */
  decrement(key: string): Promise<void>;
  reset(key: string): Promise<void>;
}

export class MemoryCounterStore implements CounterStore {
  readonly #windows = new Map<string, { count: number; resetAt: number }>();

  async hit(key: string, windowSeconds: number) {
    const at = Date.now();
    let window = this.#windows.get(key);
    if (!window || window.resetAt <= at) {
      window = { count: 0, resetAt: at + windowSeconds * 1000 };
      this.#windows.set(key, window);
      if (this.#windows.size > 100_000) this.#sweep(at);
    }
    window.count++;
    return { count: window.count, resetInSeconds: Math.ceil((window.resetAt - at) / 1000) };
  }

  async decrement(key: string) {
    const window = this.#windows.get(key);
    if (window && window.count > 0) window.count--;
  }

  async reset(key: string) {
    this.#windows.delete(key);
  }

  #sweep(at: number) {
    for (const [key, window] of this.#windows) if (window.resetAt <= at) this.#windows.delete(key);
  }
}

export interface LoginLimits {
  perAccount: number;
  perAddress: number;
  windowSeconds: number;
}

export const LOGIN_LIMITS: LoginLimits = { perAccount: 5, perAddress: 50, windowSeconds: 15 * 60 };

/**
 * Counts sign-in attempts per account name and per client address. An attempt is counted before the password
 * is checked, so parallel guesses cannot slip past the limit; a success gives its attempt back. The account key
 * is the name as typed, whether or not such an account exists, so the answers reveal nothing; an existing account
 * is also counted by its id, so that no other spelling of its name gets a counter of its own.
 */
export class LoginThrottle {
  readonly #store: CounterStore;
  readonly #limits: LoginLimits;

  constructor(store: CounterStore, limits: LoginLimits = LOGIN_LIMITS) {
    this.#store = store;
    this.#limits = limits;
  }

  /** Counts an attempt; returns the seconds to wait when it is over a limit, else 0. */
  async attempt(account: string, address: string): Promise<number> {
    const [byAccount, byAddress] = await Promise.all([
      this.#store.hit(`login:account:${account}`, this.#limits.windowSeconds),
      this.#store.hit(`login:address:${address}`, this.#limits.windowSeconds),
    ]);
    if (byAccount.count > this.#limits.perAccount) return byAccount.resetInSeconds;
    if (byAddress.count > this.#limits.perAddress) return byAddress.resetInSeconds;
    return 0;
  }

  /**
   * Counts an attempt against the account the name resolved to, whichever way it was spelled; returns the seconds to
   * wait when it is over the limit, else 0.
   */
  async attemptUser(userId: number): Promise<number> {
    const byUser = await this.#store.hit(`login:user:${userId}`, this.#limits.windowSeconds);
    return byUser.count > this.#limits.perAccount ? byUser.resetInSeconds : 0;
  }

  /** A successful sign-in clears its account's failures and does not count against its address. */
  async succeeded(account: string, address: string, userId: number): Promise<void> {
    await Promise.all([
      this.#store.reset(`login:account:${account}`),
      this.#store.reset(`login:user:${userId}`),
      this.#store.decrement(`login:address:${address}`),
    ]);
  }
}

/** Counters in Redis, shared by every Backlot node that uses the same REDIS_URL. */
export class RedisCounterStore implements CounterStore {
  readonly #redis: Redis;
  readonly #prefix: string;

  constructor(redis: Redis, prefix = 'backlot:') {
    this.#redis = redis;
    this.#prefix = prefix;
  }

  async hit(key: string, windowSeconds: number) {
    const k = this.#prefix + key;
    // Create the window with its expiry first, atomically, so a counter can never outlive its window.
    const results = await this.#redis
      .multi()
      .set(k, 0, 'PX', windowSeconds * 1000, 'NX')
      .incr(k)
      .pttl(k)
      .exec();
    const count = Number(results?.[1]?.[1] ?? 0);
    const ttl = Number(results?.[2]?.[1] ?? 0);
    return { count, resetInSeconds: Math.max(1, Math.ceil(ttl / 1000)) };
  }

  async decrement(key: string) {
    const k = this.#prefix + key;
    // Never below zero, and never recreating a window that has expired meanwhile.
    await this.#redis.eval(
      "if tonumber(redis.call('get', KEYS[1]) or '0') > 0 then return redis.call('decr', KEYS[1]) end return 0",
      1,
      k,
    );
  }

  async reset(key: string) {
    await this.#redis.del(this.#prefix + key);
  }
}

/**
 * Counts in the shared store while it answers, and in this node's memory while it does not: when Redis is unreachable
 * sign-in throttling keeps holding, per node, instead of failing every sign-in or letting every guess through.
 */
export class FallbackCounterStore implements CounterStore {
  readonly #shared: CounterStore;
  readonly #local: CounterStore;
  readonly #onFailure: (error: unknown) => void;

  constructor(shared: CounterStore, local: CounterStore, onFailure: (error: unknown) => void) {
    this.#shared = shared;
    this.#local = local;
    this.#onFailure = onFailure;
  }

  async hit(key: string, windowSeconds: number) {
    try {
      return await this.#shared.hit(key, windowSeconds);
    } catch (error) {
      this.#onFailure(error);
      return this.#local.hit(key, windowSeconds);
    }
  }

  async decrement(key: string) {
    await this.#local.decrement(key);
    await this.#shared.decrement(key).catch(this.#onFailure);
  }

  async reset(key: string) {
    await this.#local.reset(key);
    await this.#shared.reset(key).catch(this.#onFailure);
  }
}
