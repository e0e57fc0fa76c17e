/** Backlot as `backlot serve` runs it (production config, pino logger), on a port the system picks. */
import type { AddressInfo } from 'node:net';
import { loadConfig } from '../../src/config.ts';
import { createLogger } from '../../src/logger.ts';
import { createBacklot } from '../../src/server.ts';
import { runChild } from './protocol.ts';

const config = loadConfig(process.env);
const backlot = await createBacklot(config, createLogger(config), { migrate: false });
await backlot.app.listen({ host: config.host, port: config.port });
runChild((backlot.app.server.address() as AddressInfo).port, () => backlot.close());
