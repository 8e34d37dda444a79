import fs from 'node:fs';
import path from 'node:path';
import semver from 'semver';
import { parse } from 'yaml';
import { loadConfig, SUBGRAPH_NAMES } from '../common/config';
import { projectRoot } from '../common/paths';
import { REDIS_SERVER_FLAGS } from '../common/redis';
import { PrivateRedis } from './kit/private-redis';
import { itWith } from './kit/system-programs';

/** No Docker engine here: docker-compose.yml is kept right by checking what it runs against what the tests run. */
interface Service {
  build?: unknown;
  command?: string[];
  environment?: Record<string, string>;
  ports?: string[];
  healthcheck?: { test: string[] };
  depends_on?: Record<string, { condition: string }>;
}

const compose = parse(fs.readFileSync(path.join(projectRoot(), 'docker-compose.yml'), 'utf8'), { merge: true }) as {
  services: Record<string, Service>;
};
const nodeServices = Object.entries(compose.services).filter(([, service]) => service.build);
const composeService = (name: string): Service => {
  const found = compose.services[name];
  if (!found) throw new Error(`docker-compose.yml has no service "${name}"`);
  return found;
};

/** `${NAME:-default}` as Compose substitutes it from the shell or .env (`given`). */
function substituted(environment: Record<string, string>, given: Record<string, string>): NodeJS.ProcessEnv {
  return Object.fromEntries(
    Object.entries(environment).map(([name, value]) => [
      name,
      String(value).replace(/\$\{(\w+)(?::-([^}]*))?\}/g, (_, variable: string, fallback?: string) => given[variable] ?? fallback ?? ''),
    ]),
  );
}

const SECRETS = { INTERNAL_AUTH_SECRET: 'i'.repeat(40), AUTH_JWT_SECRET: 'j'.repeat(40) };

describe('docker-compose.yml', () => {
  it('starts every Node service with a valid configuration once the two secrets are set, and none without them', () => {
    expect(nodeServices.map(([name]) => name).sort()).toEqual(['customers', 'gateway', 'licences', 'migrate', 'partners', 'programs']);
    for (const [name, service] of nodeServices) {
      const env = substituted(service.environment ?? {}, SECRETS);
      expect({ name, env: env.NODE_ENV }).toEqual({ name, env: 'production' });
      expect(() => loadConfig(env)).not.toThrow();
      expect(() => loadConfig(substituted(service.environment ?? {}, {}))).toThrow(/INTERNAL_AUTH_SECRET is required/);
      // Its command runs a script this repository builds.
      for (const script of (service.command ?? []).join(' ').match(/dist\/\S+\.js/g) ?? []) {
        expect({
          name,
          script,
          source: fs.existsSync(path.join(projectRoot(), script.replace(/^dist\//, '').replace(/\.js$/, '.ts'))),
        }).toEqual({
          name,
          script,
          source: true,
        });
      }
    }
  });

  it('points the gateway at each subgraph and at Redis where they listen, and checks each service on the port it serves', () => {
    const gateway = loadConfig(substituted(composeService('gateway').environment!, SECRETS));
    for (const name of SUBGRAPH_NAMES) {
      const subgraph = loadConfig(substituted(composeService(name).environment!, SECRETS));
      expect(gateway.subgraphUrls[name]).toBe(`http://${name}:${subgraph.ports[name]}/graphql`);
      expect(composeService(name).healthcheck!.test.join(' ')).toContain(`http://127.0.0.1:${subgraph.ports[name]}/ready`);
      expect(composeService('gateway').depends_on![name]).toEqual({ condition: 'service_healthy' });
    }
    expect(composeService('gateway').healthcheck!.test.join(' ')).toContain(`http://127.0.0.1:${gateway.ports.gateway}/ready`);
    expect(composeService('gateway').ports).toEqual([`${gateway.ports.gateway}:${gateway.ports.gateway}`]);
    // Redis on its default port (its command sets none), healthy before the gateway starts.
    expect(gateway.redis).toEqual({ url: 'redis://redis:6379', keyPrefix: 'channel-graph:', timeoutMs: 500 });
    expect(composeService('redis').command!.includes('--port')).toBe(false);
    expect(composeService('gateway').depends_on!.redis).toEqual({ condition: 'service_healthy' });
    expect(composeService('redis').healthcheck!.test).toEqual(['CMD', 'redis-cli', 'ping']);
  });

  itWith('redis-server')(
    'runs Redis with the command the tests run (nothing on disk, only expiring keys evicted), and that command starts',
    async () => {
      const [binary, ...flags] = composeService('redis').command!;
      expect(binary).toBe('redis-server');
      expect(flags).toEqual(REDIS_SERVER_FLAGS);
      const redis = await PrivateRedis.start();
      const client = redis.client();
      try {
        expect(await client.config('GET', 'save')).toEqual(['save', '']);
        expect(await client.config('GET', 'appendonly')).toEqual(['appendonly', 'no']);
        expect(await client.config('GET', 'maxmemory-policy')).toEqual(['maxmemory-policy', 'volatile-lru']);
        expect(await client.config('GET', 'maxmemory')).toEqual(['maxmemory', String(256 * 1024 * 1024)]);
      } finally {
        await client.quit();
        await redis.destroy();
      }
    },
  );
});

describe('Dockerfile and the supported Node versions', () => {
  const packageJson = JSON.parse(fs.readFileSync(path.join(projectRoot(), 'package.json'), 'utf8')) as { engines: { node: string } };
  const lock = JSON.parse(fs.readFileSync(path.join(projectRoot(), 'package-lock.json'), 'utf8')) as {
    packages: Record<string, { dev?: boolean; devOptional?: boolean; engines?: { node?: string } }>;
  };
  const supported = packageJson.engines.node;

  it('builds and runs on a Node LTS that package.json supports', () => {
    const image = /^ARG NODE_IMAGE=node:(\d+)-/m.exec(fs.readFileSync(path.join(projectRoot(), 'Dockerfile'), 'utf8'));
    expect(image).not.toBeNull();
    const major = Number(image![1]);
    // Even majors become LTS; 24 is the current one (22 the one before, until April 2027).
    expect(major % 2).toBe(0);
    expect(major).toBeGreaterThanOrEqual(22);
    expect(semver.intersects(supported, `${major}.x`)).toBe(true);
  });

  it('claims no Node version that a production dependency does not support', () => {
    const narrower = Object.entries(lock.packages)
      .filter(([name, entry]) => name !== '' && !entry.dev && !entry.devOptional && entry.engines?.node)
      .filter(([, entry]) => !semver.subset(supported, entry.engines!.node!))
      .map(([name, entry]) => `${name} needs ${entry.engines!.node}`);
    expect(narrower).toEqual([]);
  });
});
