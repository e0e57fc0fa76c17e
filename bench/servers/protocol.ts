/** Messages between the bench and a server child over the IPC channel. */
export type ChildMessage = { type: 'ready'; port: number } | { type: 'stopped'; maxRssKiB: number };
export type ParentMessage = { type: 'stop' };

/** Tells the parent the port, then on `stop` closes, reports peak RSS and exits (which writes a --cpu-prof file). */
export function runChild(port: number, close: () => Promise<void>): void {
  const send = (message: ChildMessage) => process.send?.(message);
  process.on('message', (message: ParentMessage) => {
    if (message.type !== 'stop') return;
    void close().then(() => {
      send({ type: 'stopped', maxRssKiB: process.resourceUsage().maxRSS });
      process.disconnect?.();
      process.exitCode = 0;
      setTimeout(() => process.exit(0), 100).unref();
    });
  });
  send({ type: 'ready', port });
}
