import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cacheFolder } from './credentials.ts';
import { CliError, EXIT } from './errors.ts';
import type { ApiClient } from './http.ts';

/** The part of JSON Schema that the server's request bodies use. */
export interface JsonSchema {
  type?: string;
  format?: string;
  enum?: unknown[];
  anyOf?: JsonSchema[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  description?: string;
}

interface OpenApiDocument {
  paths?: Record<string, Record<string, { requestBody?: { content?: Record<string, { schema?: JsonSchema }> } }>>;
}

/** Request bodies by "METHOD /path" (the path below /api/v1, as in the document: `/movies/{id}`). */
type Bodies = Record<string, JsonSchema>;

interface Cached {
  server: string;
  fetchedAt: string;
  bodies: Bodies;
}

/** A server's API changes when it is upgraded, seldom more often: its request schemas are kept this long. */
const MAX_AGE_MS = 24 * 3600 * 1000;
const BASE = '/api/v1';

export function schemaCachePath(env: Record<string, string | undefined>, server: string): string {
  const key = createHash('sha256').update(server).digest('hex').slice(0, 16);
  return join(cacheFolder(env), `openapi-${key}.json`);
}

/**
 * The JSON schema of a request body, from the server's OpenAPI document. The document is fetched once per
 * server and its request schemas cached on disk for a day (a stale copy is used if the server cannot be reached).
 */
export async function requestSchema(api: ApiClient, method: string, path: string): Promise<JsonSchema> {
  const bodies = await requestBodies(api);
  const schema = bodies[`${method} ${path}`];
  if (!schema) throw new CliError(EXIT.failure, `${api.server} does not describe ${method} ${BASE}${path}`);
  return schema;
}

async function requestBodies(api: ApiClient): Promise<Bodies> {
  const file = schemaCachePath(api.env, api.server);
  const cached = readCache(file, api.server);
  if (cached && Date.now() - Date.parse(cached.fetchedAt) < MAX_AGE_MS) return cached.bodies;
  let document: OpenApiDocument;
  try {
    document = await api.document<OpenApiDocument>('/api/openapi.json');
  } catch (error) {
    if (cached) return cached.bodies;
    throw error;
  }
  const bodies = extractBodies(document);
  try {
    mkdirSync(join(file, '..'), { recursive: true, mode: 0o700 });
    const temporary = `${file}.${process.pid}.tmp`;
    writeFileSync(temporary, JSON.stringify({ server: api.server, fetchedAt: new Date().toISOString(), bodies }));
    renameSync(temporary, file);
  } catch {
    // A cache that cannot be written only costs a fetch next time.
  }
  return bodies;
}

function readCache(file: string, server: string): Cached | null {
  try {
    const cached = JSON.parse(readFileSync(file, 'utf8')) as Cached;
    return cached.server === server && typeof cached.bodies === 'object' ? cached : null;
  } catch {
    return null;
  }
}

function extractBodies(document: OpenApiDocument): Bodies {
  const bodies: Bodies = {};
  for (const [path, operations] of Object.entries(document.paths ?? {})) {
    if (!path.startsWith(BASE)) continue;
    for (const [method, operation] of Object.entries(operations)) {
      const schema = operation?.requestBody?.content?.['application/json']?.schema;
      if (schema) bodies[`${method.toUpperCase()} ${path.slice(BASE.length)}`] = schema;
    }
  }
  return bodies;
}
