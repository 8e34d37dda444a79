import 'reflect-metadata';
import { parseArgs } from 'node:util';
import type { DataSource } from 'typeorm';
import { loadConfig, type AppConfig } from '../common/config';
import { ROLES } from '../common/identity';
import { announceApiKeyRevocation } from '../common/redis';
import { openDataSource } from '../subgraphs/kit/data-source';
import { ApiKeyRepository } from '../subgraphs/partners/api-key/api-key.repository';
import { ApiKeyService } from '../subgraphs/partners/api-key/api-key.service';
import { PartnerRepository } from '../subgraphs/partners/partner/partner.repository';
import { partnersSubgraph } from '../subgraphs/partners/subgraph';

export const USAGE = `Usage:
  npm run api-key -- create --role ${ROLES.join('|')} [--partner <partnerId>] --name "<what the key is for>"
  npm run api-key -- revoke --id <keyId>
  npm run api-key -- list
API keys of partner tools, in the partners database of the configured store (CHANNEL_STORE, …).
PRIMARY and SECONDARY keys belong to an existing partner (--partner); VENDOR and ANALYST keys to none.
The key is printed once, at creation: only a hash of its secret is stored. Tools send it as "X-API-Key: <key>".`;

export interface CommandOutcome {
  exitCode: number;
  /** What the command prints on stdout (exit code 0) or stderr (otherwise). */
  output: string;
}

const failure = (message: string, usage = false): CommandOutcome => ({ exitCode: 1, output: usage ? `${message}\n${USAGE}` : message });

/** `npm run api-key -- create|revoke|list …` on the partners database of `config.store`. */
export async function runApiKeyCommand(args: string[], config: AppConfig): Promise<CommandOutcome> {
  let parsed;
  try {
    parsed = parseArgs({
      args,
      allowPositionals: true,
      options: {
        role: { type: 'string' },
        partner: { type: 'string' },
        name: { type: 'string' },
        id: { type: 'string' },
        help: { type: 'boolean' },
      },
    });
  } catch (error) {
    return failure((error as Error).message, true);
  }
  const { values, positionals } = parsed;
  const [action, ...extra] = positionals;
  if (values.help || !action) return { exitCode: values.help ? 0 : 1, output: USAGE };
  if (extra.length > 0) return failure(`Unexpected argument(s): ${extra.join(' ')}`, true);
  if (!['create', 'revoke', 'list'].includes(action)) return failure(`Unknown action "${action}": expected create, revoke or list.`, true);
  if (action === 'create' && (!values.role || values.name === undefined)) return failure('create needs --role and --name.', true);
  if (action === 'revoke' && !values.id) return failure('revoke needs --id <keyId> (see `npm run api-key -- list`).', true);

  const dataSource = await openDataSource(config.store, partnersSubgraph.store, { runMigrations: true });
  try {
    const service = apiKeyService(dataSource);
    if (action === 'create') {
      const created = await service.create({ role: values.role!, partnerId: values.partner ?? null, name: values.name! });
      if (!created.ok) return failure(created.reason);
      const { apiKey, key } = created;
      return {
        exitCode: 0,
        output: [
          `Created API key ${apiKey.id}: ${apiKey.role}${apiKey.partnerId ? ` of partner ${apiKey.partnerId}` : ''}, "${apiKey.name}".`,
          '',
          `  ${key}`,
          '',
          'This is the only time the key is shown: store it now (only a hash of its secret is kept).',
          'Send it to the gateway as the header "X-API-Key: <key>".',
        ].join('\n'),
      };
    }
    if (action === 'revoke') {
      const revoked = await service.revoke(values.id!);
      if (!revoked.ok) return failure(revoked.reason);
      return {
        exitCode: 0,
        output: `Revoked API key ${revoked.apiKey.id} ("${revoked.apiKey.name}"). ${await tellGateways(revoked.apiKey.id, config)}`,
      };
    }
    const keys = await service.list();
    if (keys.length === 0) return { exitCode: 0, output: 'No API keys.' };
    const header = ['id', 'role', 'partner', 'created', 'revoked', 'name'];
    const rows = [header, ...keys.map((k) => [k.id, k.role, k.partnerId ?? '-', k.createdAt, k.revokedAt ?? '-', k.name])];
    const widths = header.map((_, column) => Math.max(...rows.map((row) => row[column]?.length ?? 0)));
    return {
      exitCode: 0,
      output: rows
        .map((row) => row.map((cell, column) => (column === row.length - 1 ? cell : cell.padEnd(widths[column] ?? 0))).join('  '))
        .join('\n'),
    };
  } finally {
    await dataSource.destroy();
  }
}

/** Announces a revocation to the gateways through Redis (REDIS_URL), and says when they will refuse the key. */
async function tellGateways(keyId: string, config: AppConfig): Promise<string> {
  const bound = `within API_KEY_CACHE_SECONDS (${config.auth.apiKeyCacheSeconds} s here)`;
  if (!config.redis) return `Gateways refuse it ${bound} (no REDIS_URL: they are not told at once).`;
  try {
    const gateways = await announceApiKeyRevocation(config.redis, keyId);
    return `${gateways} gateway(s) listening on Redis refuse it from now on; any other refuses it ${bound}.`;
  } catch (error) {
    return `Redis could not be reached (${(error as Error).message}): gateways refuse it ${bound}.`;
  }
}

/** The same service the partners subgraph uses, on a data source of its database. */
export function apiKeyService(dataSource: DataSource): ApiKeyService {
  return new ApiKeyService(new ApiKeyRepository(dataSource), new PartnerRepository(dataSource));
}

async function main(): Promise<void> {
  const outcome = await runApiKeyCommand(process.argv.slice(2), loadConfig());
  (outcome.exitCode === 0 ? console.log : console.error)(outcome.output);
  process.exitCode = outcome.exitCode;
}

if (require.main === module) {
  main().catch((error) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
