/**
 * The deployment files that ship with Backlot, parsed and held to what the code does: compose.yaml, render.yaml, the
 * Kubernetes manifests, the HAProxy configuration and docs/deployment.md. Every variable they set is one Backlot
 * reads, and the values they give are accepted by its configuration.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { parse, parseAllDocuments } from 'yaml';
import { loadConfig } from '../../src/config.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const text = (path: string) => readFileSync(join(ROOT, path), 'utf8');
const CONFIG_SOURCE = text('src/config.ts');
const DOCS = text('docs/deployment.md');

// biome-ignore lint/suspicious/noExplicitAny: parsed YAML is walked by path; a wrong path fails its assertion
type Yaml = { [key: string]: any };

/** A variable Backlot reads (either itself or as `<NAME>_FILE`). */
function assertKnownVariable(name: string): void {
  const base = name.replace(/_FILE$/, '');
  assert.ok(CONFIG_SOURCE.includes(`'${base}'`), `${name} is not a variable Backlot reads`);
}

/** The Dockerfile's port: what every file must send traffic to. */
const PORT = Number(/PORT=(\d+)/.exec(text('Dockerfile'))?.[1]);

/** Loads the configuration the way a node of this deployment would; secrets in files are written to a folder. */
function configFrom(env: Record<string, string>, files: Record<string, string> = {}) {
  const folder = mkdtempSync(join(tmpdir(), 'backlot-deploy-'));
  try {
    const resolved: Record<string, string> = {};
    for (const [name, value] of Object.entries(env)) {
      const secret = files[value];
      if (secret !== undefined) {
        const path = join(folder, name);
        writeFileSync(path, secret);
        resolved[name] = path;
      } else {
        resolved[name] = value;
      }
    }
    return loadConfig(resolved);
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

const STRONG_SECRET = 'q8Vh2nR4sT6uW9yB1cE3gJ5kM7oP0rZx';

describe('compose.yaml', () => {
  const compose = parse(text('compose.yaml'), { merge: true }) as Yaml;
  const services = compose.services as Yaml;
  const nodes = Object.entries(services as Record<string, Yaml>).filter(([name]) => /^backlot-\d+$/.test(name));
  const firstNode: Yaml = nodes[0]?.[1] ?? {};

  it('runs two Backlot nodes from this image, each waiting for the migration and for Redis', () => {
    assert.equal(nodes.length, 2);
    for (const [, node] of nodes) {
      assert.equal(node.build, '.');
      assert.deepEqual(node.depends_on, {
        migrate: { condition: 'service_completed_successfully' },
        redis: { condition: 'service_healthy' },
      });
      assert.equal(node.environment.MIGRATE_ON_START, 'false');
    }
  });

  it('migrates once, in a one-shot service that waits for a healthy PostgreSQL', () => {
    const migrate = services.migrate as Yaml;
    assert.deepEqual(migrate.command, ['db', 'migrate']);
    assert.equal(migrate.restart, 'no');
    assert.deepEqual(migrate.depends_on, { postgres: { condition: 'service_healthy' } });
    assert.equal(migrate.image, firstNode.image);
  });

  it('gives PostgreSQL and Redis health checks', () => {
    assert.match(services.postgres.healthcheck.test.join(' '), /pg_isready/);
    assert.match(services.redis.healthcheck.test.join(' '), /redis-cli ping/);
  });

  it('sets only variables Backlot reads, with values its configuration accepts', () => {
    const env = firstNode.environment as Record<string, string>;
    for (const name of Object.keys(env)) assertKnownVariable(name);
    const filled = Object.fromEntries(
      Object.entries(env).map(([name, value]) => [name, value.replace(/\$\{POSTGRES_PASSWORD[^}]*\}/, 'pw')]),
    );
    const config = configFrom(filled, { '/run/secrets/jwt_secret': STRONG_SECRET });
    assert.equal(config.production, true);
    assert.equal(config.databaseUrl, 'postgres://backlot:pw@postgres:5432/backlot');
    assert.equal(config.redisUrl, 'redis://redis:6379');
    assert.equal(config.jwtSecret, STRONG_SECRET);
    assert.equal(config.migrateOnStart, false);
    assert.ok(config.shutdownDelaySeconds > 0);
    // The proxy's own network is the only one trusted for X-Forwarded-For.
    assert.deepEqual(config.trustProxy, [compose.networks.backlot.ipam.config[0].subnet]);
    assert.ok(compose.secrets.jwt_secret.file);
  });

  it('puts HAProxy in front, health-checking every node on /readyz', () => {
    const proxy = services.proxy as Yaml;
    assert.match(proxy.image, /^haproxy:/);
    const [mounted] = (proxy.volumes as string[])[0]?.split(':') ?? [];
    const haproxy = text(mounted as string);
    assert.match(haproxy, /option httpchk GET \/readyz/);
    assert.match(haproxy, /http-check expect status 200/);
    const servers = [...haproxy.matchAll(/^\s*server (\S+) (\S+):(\d+) check/gm)];
    assert.deepEqual(
      servers.map((m) => [m[2], Number(m[3])]),
      nodes.map(([name]) => [name, PORT]),
    );
    // Each node's health is the image's HEALTHCHECK (/healthz): the proxy starts once both nodes pass it.
    assert.deepEqual(
      proxy.depends_on,
      Object.fromEntries(nodes.map(([name]) => [name, { condition: 'service_healthy' }])),
    );
    assert.match(text('Dockerfile'), /^HEALTHCHECK .*\n.*\/healthz/m);
    // Without X-Forwarded-For the nodes would count every client as the proxy (TRUST_PROXY above).
    assert.match(haproxy, /^\s*option forwardfor$/m);
  });
});

describe('render.yaml', () => {
  const blueprint = parse(text('render.yaml')) as Yaml;
  const web = (blueprint.services as Yaml[]).find((s) => s.type === 'web') as Yaml;
  const vars = Object.fromEntries((web.envVars as Yaml[]).map((v) => [v.key as string, v]));

  it('runs the image of the Dockerfile with readiness on /readyz and the migrations before each deploy', () => {
    assert.equal(web.runtime, 'docker');
    assert.equal(web.dockerfilePath, './Dockerfile');
    assert.equal(web.healthCheckPath, '/readyz');
    assert.equal(web.preDeployCommand, 'node bin/backlot.js db migrate');
    assert.equal(vars.MIGRATE_ON_START?.value, 'false');
  });

  it('wires the managed PostgreSQL, the Key Value store and a generated JWT_SECRET', () => {
    const database = (blueprint.databases as Yaml[])[0] as Yaml;
    assert.deepEqual(vars.DATABASE_URL?.fromDatabase, { name: database.name, property: 'connectionString' });
    const keyValue = (blueprint.services as Yaml[]).find((s) => s.type === 'keyvalue') as Yaml;
    assert.deepEqual(vars.REDIS_URL?.fromService, {
      type: 'keyvalue',
      name: keyValue.name,
      property: 'connectionString',
    });
    assert.equal(vars.JWT_SECRET?.generateValue, true);
    for (const name of Object.keys(vars)) assertKnownVariable(name);
    const values = Object.fromEntries(
      Object.entries(vars)
        .filter(([, v]) => v.value !== undefined)
        .map(([name, v]) => [name, String(v.value)]),
    );
    const config = configFrom({
      ...values,
      DATABASE_URL: 'postgres://backlot:pw@db.internal:5432/backlot',
      REDIS_URL: 'redis://red-abc:6379',
      // What generateValue makes: 256 random bits, base64.
      JWT_SECRET: 'mA2bC4dE6fG8hI0jK2lM4nO6pQ8rS0tU2vW4xY6zA8=',
    });
    assert.equal(config.production, true);
    assert.equal(config.trustProxy, true);
  });
});

describe('Kubernetes manifests (kustomize)', () => {
  const kustomization = parse(text('deploy/kubernetes/kustomization.yaml')) as Yaml;
  const documents = (kustomization.resources as string[]).flatMap((file) =>
    parseAllDocuments(text(`deploy/kubernetes/${file}`)).map((d) => d.toJS() as Yaml),
  );
  const find = (kind: string) => documents.find((d) => d.kind === kind) as Yaml;
  const deployment = find('Deployment');
  const container = deployment.spec.template.spec.containers[0] as Yaml;

  it('probes readiness on /readyz and liveness on /healthz, at the image port', () => {
    assert.equal(container.readinessProbe.httpGet.path, '/readyz');
    assert.equal(container.livenessProbe.httpGet.path, '/healthz');
    assert.equal(container.ports[0].containerPort, PORT);
  });

  it('rolls out with no unavailable pod, and stops a pod only after a preStop delay', () => {
    assert.equal(deployment.spec.strategy.type, 'RollingUpdate');
    assert.equal(deployment.spec.strategy.rollingUpdate.maxUnavailable, 0);
    const delay = Number(container.lifecycle.preStop.exec.command[1]);
    assert.deepEqual(container.lifecycle.preStop.exec.command.slice(0, 1), ['sleep']);
    assert.ok(delay > 0);
    // Delay plus the server's own drain (at most 10 s) fit in the grace period.
    assert.ok(deployment.spec.template.spec.terminationGracePeriodSeconds >= delay + 10);
    assert.equal(deployment.spec.template.spec.securityContext.runAsNonRoot, true);
  });

  it('keeps pods through voluntary disruptions and scales on CPU', () => {
    const pdb = find('PodDisruptionBudget');
    assert.deepEqual(pdb.spec.selector.matchLabels, deployment.spec.selector.matchLabels);
    assert.ok(pdb.spec.minAvailable < deployment.spec.replicas);
    const hpa = find('HorizontalPodAutoscaler');
    assert.equal(hpa.spec.scaleTargetRef.name, deployment.metadata.name);
    assert.equal(hpa.spec.metrics[0].resource.name, 'cpu');
    assert.ok(hpa.spec.minReplicas > pdb.spec.minAvailable);
  });

  it('migrates in a Job, and the nodes do not migrate themselves', () => {
    const job = find('Job');
    const migrate = job.spec.template.spec.containers[0] as Yaml;
    assert.deepEqual(migrate.args, ['db', 'migrate']);
    assert.equal(job.spec.template.spec.restartPolicy, 'Never');
    const env = Object.fromEntries((container.env as Yaml[]).map((e) => [e.name, e]));
    assert.equal(env.MIGRATE_ON_START?.value, 'false');
  });

  it('takes its secrets from a Secret the documentation tells how to create, as variables Backlot reads', () => {
    const keys = new Set<string>();
    for (const workload of [deployment, find('Job')]) {
      const spec = workload.spec.template.spec as Yaml;
      for (const c of spec.containers as Yaml[]) {
        for (const e of c.env as Yaml[]) {
          assertKnownVariable(e.name);
          if (e.valueFrom?.secretKeyRef) keys.add(e.valueFrom.secretKeyRef.key);
        }
      }
      for (const v of (spec.volumes ?? []) as Yaml[]) for (const item of v.secret?.items ?? []) keys.add(item.key);
    }
    assert.ok(keys.size >= 3);
    for (const key of keys) assert.ok(DOCS.includes(`--from-literal=${key}=`), `docs/deployment.md creates ${key}`);
  });
});

describe('docs/deployment.md', () => {
  it('covers one node on SQLite, several on PostgreSQL, AWS, Render, secrets, TLS, TRUST_PROXY and sizing', () => {
    for (const heading of [
      /^## One node on SQLite/m,
      /^## Several nodes on PostgreSQL/m,
      /^## AWS/m,
      /^## Render/m,
      /^## Kubernetes/m,
      /^## Secrets/m,
      /^## TLS/m,
      /^## Sizing/m,
    ])
      assert.match(DOCS, heading);
    assert.match(DOCS, /backlot db backup/);
    assert.match(DOCS, /_FILE/);
    assert.match(DOCS, /TRUST_PROXY/);
    assert.match(DOCS, /SHUTDOWN_DELAY/);
  });
});
