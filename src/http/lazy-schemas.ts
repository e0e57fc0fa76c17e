import { SerializerSelector } from '@fastify/fast-json-stringify-compiler';

type Serialize = (data: unknown) => string;
type BuildSerializer = ReturnType<typeof SerializerSelector>;

/**
 * Compiles on first use: the routes declare several hundred validators and serializers (one per route, part and
 * status), most of which a process does not need in its first minutes, and compiling them all at start took a third
 * of the start-up and tens of MiB. `compileAll` compiles every one not yet used (the test suite calls it, so a broken
 * schema still fails a test rather than its first request).
 */
export class LazySchemas {
  readonly #pending = new Set<() => void>();

  /** Defers `compile` to the first call of the function it returns. */
  defer<F extends (...args: never[]) => unknown>(compile: () => F): { get(): F } {
    let compiled: F | undefined;
    const force = () => {
      compiled = compile();
      this.#pending.delete(force);
    };
    this.#pending.add(force);
    return {
      get: () => {
        if (compiled === undefined) force();
        return compiled as F;
      },
    };
  }

  /** Fastify's own serializer factory (fast-json-stringify), each serializer built on its first use. */
  serializers(): BuildSerializer {
    const build = SerializerSelector();
    return (externalSchemas, options) => {
      const compile = build(externalSchemas, options);
      return (route) => {
        const serializer = this.defer(() => compile(route) as Serialize);
        return (data: unknown) => serializer.get()(data);
      };
    };
  }

  compileAll(): void {
    for (const force of [...this.#pending]) force();
  }
}
