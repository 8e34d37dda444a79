import { GraphQLError } from 'graphql';
import { generateApiKey, isApiKeyId, secretHashesMatch } from '../../../common/api-key';
import { ROLES, type Identity, type Role } from '../../../common/identity';
import type { PartnerRepository } from '../partner/partner.repository';
import type { ApiKey } from './api-key.entity';
import type { ApiKeyRepository } from './api-key.repository';

const PARTNER_ROLES: ReadonlyArray<Role> = ['PRIMARY', 'SECONDARY'];
const MAX_NAME_LENGTH = 200;

export interface CreateApiKeyInput {
  role: string;
  partnerId?: string | null;
  name: string;
}

/** Expected refusals are data, not exceptions: the command prints `reason` and exits non-zero. */
export type CreateApiKeyResult = { ok: true; apiKey: ApiKey; key: string } | { ok: false; reason: string };
export type RevokeApiKeyResult = { ok: true; apiKey: ApiKey } | { ok: false; reason: string };

/**
 * The rules of API keys: which keys may be created, revoking, and whether a presented key is
 * valid. Used by the partners subgraph (verification, for the gateway) and by `npm run api-key`.
 */
export class ApiKeyService {
  constructor(
    private readonly keys: ApiKeyRepository,
    private readonly partners: PartnerRepository,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** A new key for a role: partner roles name an existing partner, VENDOR and ANALYST none. The key is returned once. */
  async create(input: CreateApiKeyInput): Promise<CreateApiKeyResult> {
    const { role } = input;
    const partnerId = input.partnerId?.trim() || null;
    const name = input.name.trim();
    if (!(ROLES as readonly string[]).includes(role)) return { ok: false, reason: `The role "${role}" is not one of ${ROLES.join(', ')}.` };
    if (name.length === 0) return { ok: false, reason: 'A key needs a name saying what it is for (--name "…").' };
    if (name.length > MAX_NAME_LENGTH)
      return { ok: false, reason: `The name is ${name.length} characters long; at most ${MAX_NAME_LENGTH} are allowed.` };
    if (PARTNER_ROLES.includes(role as Role)) {
      if (!partnerId) return { ok: false, reason: `A ${role} key belongs to one partner: name it with --partner <partnerId>.` };
      const [partner] = await this.partners.findByIds([partnerId]);
      if (!partner) return { ok: false, reason: `There is no partner "${partnerId}": a ${role} key needs an existing partner id.` };
    } else if (partnerId) {
      return {
        ok: false,
        reason: `A ${role} key reads the whole channel and cannot belong to a partner: leave out --partner (got "${partnerId}").`,
      };
    }
    const generated = generateApiKey();
    const apiKey: ApiKey = {
      id: generated.keyId,
      role: role as Role,
      partnerId,
      name,
      keyHash: generated.secretHash,
      createdAt: this.now().toISOString(),
      revokedAt: null,
    };
    await this.keys.insert(apiKey);
    return { ok: true, apiKey, key: generated.key };
  }

  async revoke(id: string): Promise<RevokeApiKeyResult> {
    if (await this.keys.revoke(id, this.now().toISOString())) return { ok: true, apiKey: (await this.keys.findById(id))! };
    const existing = await this.keys.findById(id);
    if (!existing) return { ok: false, reason: `There is no API key "${id}".` };
    return { ok: false, reason: `The API key "${id}" (${existing.name}) was already revoked at ${existing.revokedAt}.` };
  }

  list(): Promise<ApiKey[]> {
    return this.keys.list();
  }

  /** The identity of a key when the presented secret's hash matches and the key is not revoked; null otherwise. */
  async verify(keyId: string, secretHash: string): Promise<Identity | null> {
    if (!isApiKeyId(keyId)) return null;
    const key = await this.keys.findById(keyId);
    if (!key || !secretHashesMatch(key.keyHash, secretHash) || key.revokedAt !== null) return null;
    return { subject: key.id, role: key.role, partnerId: PARTNER_ROLES.includes(key.role) ? key.partnerId : null };
  }

  /** Verification for a caller: only a VENDOR service identity (the gateway) may ask. */
  verifyFor(caller: Identity, keyId: string, secretHash: string): Promise<Identity | null> {
    if (caller.role !== 'VENDOR') {
      throw new GraphQLError('Only the gateway may verify API keys.', { extensions: { code: 'FORBIDDEN', http: { status: 403 } } });
    }
    return this.verify(keyId, secretHash);
  }
}
