import { CliError, EXIT } from './errors.ts';
import type { Io } from './io.ts';

/**
 * --jq EXPR: runs jq itself (jq-wasm, jq compiled to WebAssembly, loaded only here), so no jq install is needed.
 * Strings are printed raw, as `jq -r` does; anything else as compact JSON.
 */
export async function printJq(io: Io, value: unknown, expression: string): Promise<void> {
  const jq = await import('jq-wasm');
  let output: string;
  // jq's WebAssembly runtime sets process.exitCode when jq fails; the command's own exit code is ours to give.
  const exitCode = process.exitCode;
  try {
    output = await jq.raw(JSON.stringify(value), expression, ['-r', '-c']);
  } catch (error) {
    const message = (error instanceof Error ? error.message : String(error))
      .replace(/^Failed to execute raw query: /, '')
      .trim();
    throw new CliError(/compile error/.test(message) ? EXIT.usage : EXIT.failure, `--jq: ${message}`);
  } finally {
    process.exitCode = exitCode;
  }
  if (output !== '') io.stdout.write(output.endsWith('\n') ? output : `${output}\n`);
}
