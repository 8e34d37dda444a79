import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { parseAllDocuments } from 'yaml';
import { loadConfig, SUBGRAPH_NAMES, type AppConfig } from '../common/config';
import { projectRoot } from '../common/paths';
import { REDIS_SERVER_FLAGS } from '../common/redis';

/** No cluster here: the manifests are rendered with `kubectl kustomize` (offline) and checked against the configuration the code reads. */
interface Probe {
  httpGet?: { path: string; port: string | number };
  exec?: { command: string[] };
}
interface Container {
  name: string;
  image: string;
  command?: string[];
  ports?: Array<{ name?: string; containerPort: number }>;
  envFrom?: Array<{ configMapRef?: { name: string } }>;
  env?: Array<{ name: string; value?: string; valueFrom?: { secretKeyRef?: { name: string; key: string } } }>;
  startupProbe?: Probe;
  livenessProbe?: Probe;
  readinessProbe?: Probe;
  resources?: { requests?: Record<string, string>; limits?: Record<string, string> };
  securityContext?: { runAsNonRoot?: boolean; runAsUser?: number; allowPrivilegeEscalation?: boolean; readOnlyRootFilesystem?: boolean };
}
interface PodSpec {
  containers: Container[];
  securityContext?: { runAsNonRoot?: boolean; runAsUser?: number };
}
interface Manifest {
  kind: string;
  metadata: { name: string; namespace?: string; labels?: Record<string, string> };
  data?: Record<string, string>;
  spec?: {
    template?: { metadata?: { labels?: Record<string, string> }; spec: PodSpec };
    selector?: { matchLabels?: Record<string, string> } & Record<string, string>;
    ports?: Array<{ name: string; port: number; targetPort: string | number }>;
    scaleTargetRef?: { kind: string; name: string };
    minReplicas?: number;
    podSelector?: { matchLabels: Record<string, string> };
    ingress?: Array<{ from?: Array<{ podSelector?: { matchLabels: Record<string, string> } }> }>;
  };
}

const OVERLAY = path.join(projectRoot(), 'deploy', 'kubernetes', 'overlays', 'example');
const rendered = execFileSync('kubectl', ['kustomize', OVERLAY], { encoding: 'utf8' });
const manifests = parseAllDocuments(rendered).map((document) => document.toJS() as Manifest);
const ofKind = (kind: string) => manifests.filter((manifest) => manifest.kind === kind);
const named = (kind: string, name: string): Manifest => {
  const found = ofKind(kind).find((manifest) => manifest.metadata.name === name);
  if (!found) throw new Error(`No ${kind} ${name} in the rendered manifests`);
  return found;
};
const workloads = [...ofKind('Deployment'), ...ofKind('Job')];
const containersOf = (manifest: Manifest) => manifest.spec!.template!.spec.containers;
const NODE_SERVICES = ['gateway', ...SUBGRAPH_NAMES] as const;

/** The environment a container starts with: its ConfigMaps, then its own variables, secrets read from the rendered Secret objects. */
function environmentOf(container: Container): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const source of container.envFrom ?? []) Object.assign(env, named('ConfigMap', source.configMapRef!.name).data);
  for (const variable of container.env ?? []) {
    const reference = variable.valueFrom?.secretKeyRef;
    if (!reference) env[variable.name] = variable.value;
    else {
      const encoded = named('Secret', reference.name).data?.[reference.key];
      if (encoded === undefined) throw new Error(`Secret ${reference.name} has no key ${reference.key} (${container.name})`);
      env[variable.name] = Buffer.from(encoded, 'base64').toString('utf8');
    }
  }
  return env;
}

/** Resident memory the 10-minute soak measured at its highest (README, "Soak"), MB. */
const MEASURED_RESIDENT_MB: Record<(typeof NODE_SERVICES)[number], number> = {
  gateway: 307,
  partners: 160,
  programs: 160,
  licences: 161,
  customers: 211,
};
const mebibytes = (quantity: string) => {
  const match = /^(\d+)(Mi|Gi)$/.exec(quantity);
  if (!match) throw new Error(`Unexpected memory quantity ${quantity}`);
  return Number(match[1]) * (match[2] === 'Gi' ? 1024 : 1);
};

describe('Kubernetes manifests (deploy/kubernetes, rendered by kubectl kustomize)', () => {
  it('has the five services, Redis and the migration Job, in the overlay namespace', () => {
    expect(
      ofKind('Deployment')
        .map((manifest) => manifest.metadata.name)
        .sort(),
    ).toEqual([...NODE_SERVICES, 'redis'].sort());
    expect(ofKind('Job').map((manifest) => manifest.metadata.name)).toEqual(['migrate']);
    for (const manifest of manifests.filter((candidate) => candidate.kind !== 'Namespace'))
      expect(manifest.metadata.namespace).toBe('channel-graph');
  });

  it('every container has probes, requests and limits, and runs as a non-root user without privilege escalation', () => {
    for (const workload of workloads) {
      const pod = workload.spec!.template!.spec;
      for (const container of pod.containers) {
        const where = `${workload.kind} ${workload.metadata.name}/${container.name}`;
        if (workload.kind === 'Deployment') {
          expect({ where, probes: Boolean(container.livenessProbe && container.readinessProbe) }).toEqual({ where, probes: true });
        }
        for (const level of ['requests', 'limits'] as const) {
          expect({
            where,
            level,
            cpu: Boolean(container.resources?.[level]?.cpu),
            memory: Boolean(container.resources?.[level]?.memory),
          }).toEqual({
            where,
            level,
            cpu: true,
            memory: true,
          });
        }
        const nonRoot = (container.securityContext?.runAsNonRoot ?? pod.securityContext?.runAsNonRoot) === true;
        const user = container.securityContext?.runAsUser ?? pod.securityContext?.runAsUser;
        expect({ where, nonRoot, user: typeof user === 'number' && user > 0 }).toEqual({ where, nonRoot: true, user: true });
        expect({
          where,
          escalation: container.securityContext?.allowPrivilegeEscalation,
          readOnly: container.securityContext?.readOnlyRootFilesystem,
        }).toEqual({
          where,
          escalation: false,
          readOnly: true,
        });
      }
    }
  });

  it('starts every Node container with a valid production configuration, secrets from Secret objects only', () => {
    for (const workload of workloads.filter((candidate) => candidate.metadata.name !== 'redis')) {
      for (const container of containersOf(workload)) {
        const env = environmentOf(container);
        expect(env.NODE_ENV).toBe('production');
        expect(() => loadConfig(env)).not.toThrow();
        // A secret is never a plain value or in a ConfigMap.
        for (const secret of ['INTERNAL_AUTH_SECRET', 'AUTH_JWT_SECRET', 'MYSQL_PASSWORD']) {
          const variable = container.env?.find((candidate) => candidate.name === secret);
          if (variable) expect({ secret, fromSecret: Boolean(variable.valueFrom?.secretKeyRef) }).toEqual({ secret, fromSecret: true });
        }
        for (const configMap of ofKind('ConfigMap'))
          expect(Object.keys(configMap.data ?? {}).filter((key) => /SECRET|PASSWORD/.test(key))).toEqual([]);
        for (const script of (container.command ?? []).join(' ').match(/dist\/\S+\.js/g) ?? []) {
          const source = path.join(projectRoot(), script.replace(/^dist\//, '').replace(/\.js$/, '.ts'));
          expect({ script, exists: fs.existsSync(source) }).toEqual({ script, exists: true });
        }
      }
    }
  });

  it('listens, probes /health and /ready, and is reached through its Service on the port its configuration serves', () => {
    const configs = Object.fromEntries(
      NODE_SERVICES.map((name) => [name, loadConfig(environmentOf(containersOf(named('Deployment', name))[0]!))]),
    ) as Record<(typeof NODE_SERVICES)[number], AppConfig>;
    for (const name of NODE_SERVICES) {
      const container = containersOf(named('Deployment', name))[0]!;
      expect(container.command).toEqual(['node', name === 'gateway' ? 'dist/gateway/main.js' : `dist/subgraphs/${name}/main.js`]);
      const port = configs[name].ports[name];
      const http = container.ports!.find((candidate) => candidate.name === 'http')!;
      expect({ name, containerPort: http.containerPort }).toEqual({ name, containerPort: port });
      expect(container.livenessProbe!.httpGet).toEqual({ path: '/health', port: 'http' });
      expect(container.readinessProbe!.httpGet).toEqual({ path: '/ready', port: 'http' });
      const service = named('Service', name);
      expect(service.spec!.selector).toEqual(named('Deployment', name).spec!.selector!.matchLabels);
      expect(service.spec!.ports).toEqual([{ name: 'http', port, targetPort: 'http' }]);
      // The gateway, and every subgraph asking a peer, find it at its Service.
      for (const caller of NODE_SERVICES) {
        if (name !== 'gateway')
          expect({ caller, url: configs[caller].subgraphUrls[name] }).toEqual({ caller, url: `http://${name}:${port}/graphql` });
      }
    }
    const redisService = named('Service', 'redis');
    expect(configs.gateway.redis?.url).toBe(`redis://redis:${redisService.spec!.ports![0]!.port}`);
  });

  it('gives each service a disruption budget and an autoscaler, and memory limits above what the soak measured', () => {
    for (const name of NODE_SERVICES) {
      const deployment = named('Deployment', name);
      expect(named('PodDisruptionBudget', name).spec!.selector).toEqual({ matchLabels: deployment.spec!.selector!.matchLabels });
      const autoscaler = named('HorizontalPodAutoscaler', name);
      expect(autoscaler.spec!.scaleTargetRef).toEqual({ apiVersion: 'apps/v1', kind: 'Deployment', name });
      expect(autoscaler.spec!.minReplicas).toBeGreaterThanOrEqual(2);
      const limit = mebibytes(containersOf(deployment)[0]!.resources!.limits!.memory!);
      expect({ name, headroom: limit >= MEASURED_RESIDENT_MB[name] * 1.5 }).toEqual({ name, headroom: true });
    }
  });

  it('lets subgraphs accept traffic only from the gateway and from each other, and Redis only from the gateway', () => {
    const policies = ofKind('NetworkPolicy');
    const admitting = (labels: Record<string, string>) =>
      policies.filter((policy) => Object.entries(policy.spec!.podSelector!.matchLabels).every(([key, value]) => labels[key] === value));
    for (const name of [...SUBGRAPH_NAMES, 'redis']) {
      const labels = named('Deployment', name).spec!.template!.metadata!.labels!;
      const sources = admitting(labels).flatMap((policy) => policy.spec!.ingress!.flatMap((rule) => rule.from ?? [{}]));
      expect(sources.length).toBeGreaterThan(0);
      const components = sources.map((source) => source.podSelector?.matchLabels['app.kubernetes.io/component'] ?? 'ANYONE');
      expect({ name, components: [...new Set(components)].sort() }).toEqual({
        name,
        components: name === 'redis' ? ['gateway'] : ['gateway', 'subgraph'],
      });
    }
    expect(named('Deployment', 'gateway').spec!.template!.metadata!.labels!['app.kubernetes.io/component']).toBe('gateway');
  });

  it('swaps the gateway tier to Hive Gateway in the hive-gateway overlay, and nothing else', () => {
    const hive = parseAllDocuments(
      execFileSync('kubectl', ['kustomize', path.join(OVERLAY, '..', 'hive-gateway')], { encoding: 'utf8' }),
    ).map((document) => document.toJS() as Manifest);
    const gateway = hive.find((manifest) => manifest.kind === 'Deployment' && manifest.metadata.name === 'gateway')!;
    const command = gateway.spec!.template!.spec.containers[0]!.command!;
    expect(command).toEqual(['node', 'gateway/hive-gateway.mjs']);
    expect(fs.existsSync(path.join(projectRoot(), command[1]!))).toBe(true);
    const withoutCommand = (manifests: Manifest[]) =>
      JSON.stringify(manifests, (key, value: unknown) =>
        key === 'command' && Array.isArray(value) && value.includes('gateway/hive-gateway.mjs') ? ['node', 'dist/gateway/main.js'] : value,
      );
    expect(withoutCommand(hive)).toBe(withoutCommand(manifests));
  });

  it('runs Redis with the command the tests and docker-compose.yml run, and the migration as a Job', () => {
    const redis = containersOf(named('Deployment', 'redis'))[0]!;
    expect(redis.command).toEqual(['redis-server', ...REDIS_SERVER_FLAGS]);
    expect(redis.readinessProbe!.exec!.command).toEqual(['redis-cli', 'ping']);
    expect(containersOf(named('Job', 'migrate'))[0]!.command).toEqual(['node', 'dist/scripts/migrate.js']);
    expect(loadConfig(environmentOf(containersOf(named('Job', 'migrate'))[0]!)).runMigrations).toBe(false);
  });
});
