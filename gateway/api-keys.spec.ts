import { generateApiKey, parseApiKey } from '../common/api-key';
import type { Identity } from '../common/identity';
import { createLogger } from '../common/logger';
import { ApiKeyVerifier, partnersApiKeyLookup } from './api-keys';
import { ApiKeyUnverifiableError, AuthenticationError } from './auth';

const ANALYST_KEY: Identity = { subject: 'key', role: 'ANALYST', partnerId: null };

/** A verifier over a fake key store holding one key, counting lookups, on a clock the test moves. */
function setUp(options: { cacheSeconds: number; maxEntries?: number }) {
  const issued = generateApiKey();
  let revoked = false;
  let now = 1_000_000;
  const lookups: string[] = [];
  const verifier = new ApiKeyVerifier(
    async (keyId, secretHash) => {
      lookups.push(keyId);
      return keyId === issued.keyId && secretHash === issued.secretHash && !revoked ? { ...ANALYST_KEY, subject: keyId } : null;
    },
    { ...options, now: () => now },
  );
  return {
    issued,
    verifier,
    lookups,
    revoke: () => (revoked = true),
    advance: (seconds: number) => (now += seconds * 1000),
  };
}

describe('API keys at the gateway (ApiKeyVerifier)', () => {
  it('accepts an issued key and refuses a malformed one without asking the store', async () => {
    const { issued, verifier, lookups } = setUp({ cacheSeconds: 30 });
    await expect(verifier.verify(issued.key)).resolves.toEqual({ subject: issued.keyId, role: 'ANALYST', partnerId: null });
    for (const malformed of [
      '',
      'hello',
      `cgk_${issued.keyId}`,
      `cgk_${issued.keyId}_short`,
      `xyz_${issued.keyId}_${issued.secret}`,
      `${issued.key}!`,
    ]) {
      await expect(verifier.verify(malformed)).rejects.toThrow(/malformed/);
    }
    expect(lookups).toHaveLength(1);
  });

  it('keeps positive and negative answers for the cache time, then asks again (a revoked key works at most that long)', async () => {
    const { issued, verifier, lookups, revoke, advance } = setUp({ cacheSeconds: 30 });
    const wrongSecret = `cgk_${issued.keyId}_${generateApiKey().secret}`;
    await verifier.verify(issued.key);
    await expect(verifier.verify(wrongSecret)).rejects.toBeInstanceOf(AuthenticationError);
    revoke();
    advance(29);
    await expect(verifier.verify(issued.key)).resolves.toMatchObject({ role: 'ANALYST' });
    await expect(verifier.verify(wrongSecret)).rejects.toBeInstanceOf(AuthenticationError);
    expect(lookups).toHaveLength(2);
    advance(2);
    await expect(verifier.verify(issued.key)).rejects.toThrow(/unknown or revoked, or its secret is wrong/);
    expect(lookups).toHaveLength(3);
  });

  it('asks every time with a cache time of 0', async () => {
    const { issued, verifier, lookups, revoke } = setUp({ cacheSeconds: 0 });
    await verifier.verify(issued.key);
    await verifier.verify(issued.key);
    revoke();
    await expect(verifier.verify(issued.key)).rejects.toBeInstanceOf(AuthenticationError);
    expect(lookups).toHaveLength(3);
  });

  it('holds at most maxEntries answers, dropping the oldest', async () => {
    const { issued, verifier, lookups } = setUp({ cacheSeconds: 30, maxEntries: 2 });
    const others = [generateApiKey(), generateApiKey()];
    await verifier.verify(issued.key);
    for (const other of others) await expect(verifier.verify(other.key)).rejects.toBeInstanceOf(AuthenticationError);
    expect(lookups).toHaveLength(3);
    await verifier.verify(issued.key); // dropped by the two answers after it
    expect(lookups).toHaveLength(4);
  });

  it('shares one lookup between concurrent requests with the same key', async () => {
    const { issued, verifier, lookups } = setUp({ cacheSeconds: 30 });
    await Promise.all([verifier.verify(issued.key), verifier.verify(issued.key), verifier.verify(issued.key)]);
    expect(lookups).toHaveLength(1);
  });

  it('forgets a revoked key at once, and keeps no answer of a lookup that was under way when it was revoked', async () => {
    const { issued, verifier, lookups, revoke } = setUp({ cacheSeconds: 3600 });
    const other = setUp({ cacheSeconds: 3600 });
    await verifier.verify(issued.key);
    revoke();
    verifier.forget(other.issued.keyId); // another key: this one's answer stays cached
    await expect(verifier.verify(issued.key)).resolves.toMatchObject({ role: 'ANALYST' });
    expect(lookups).toHaveLength(1);
    verifier.forget(issued.keyId);
    await expect(verifier.verify(issued.key)).rejects.toBeInstanceOf(AuthenticationError);
    expect(lookups).toHaveLength(2);

    // A lookup answered "valid" just before the revocation landed, and heard of just after.
    const answers: Array<(identity: Identity | null) => void> = [];
    const slow = new ApiKeyVerifier(() => new Promise((resolve) => answers.push(resolve)), { cacheSeconds: 3600 });
    const underWay = slow.verify(issued.key);
    slow.forget(issued.keyId);
    const afterRevocation = slow.verify(issued.key); // does not join the lookup under way
    expect(answers).toHaveLength(2);
    answers[1]!(null);
    await expect(afterRevocation).rejects.toBeInstanceOf(AuthenticationError);
    answers[0]!({ ...ANALYST_KEY, subject: issued.keyId }); // the older lookup answers last
    await expect(underWay).resolves.toMatchObject({ subject: issued.keyId });
    await expect(slow.verify(issued.key)).rejects.toBeInstanceOf(AuthenticationError); // its "valid" was not kept
    expect(answers).toHaveLength(2);
  });

  it('forgets every answer when revocations may have been missed (back on Redis)', async () => {
    const { issued, verifier, lookups } = setUp({ cacheSeconds: 3600 });
    const unknown = generateApiKey();
    await verifier.verify(issued.key);
    await expect(verifier.verify(unknown.key)).rejects.toBeInstanceOf(AuthenticationError);
    verifier.forgetAll();
    await verifier.verify(issued.key);
    await expect(verifier.verify(unknown.key)).rejects.toBeInstanceOf(AuthenticationError);
    expect(lookups).toHaveLength(4);
  });

  it('does not cache a failed lookup', async () => {
    let calls = 0;
    const verifier = new ApiKeyVerifier(
      async () => {
        calls += 1;
        if (calls === 1) throw new Error('partners down');
        return ANALYST_KEY;
      },
      { cacheSeconds: 30 },
    );
    const { key } = generateApiKey();
    await expect(verifier.verify(key)).rejects.toThrow('partners down');
    await expect(verifier.verify(key)).resolves.toEqual(ANALYST_KEY);
  });

  it('reports an unreachable partners subgraph as unverifiable (503), not as a refused key', async () => {
    const lookup = partnersApiKeyLookup('http://127.0.0.1:1/graphql', 'x'.repeat(40), createLogger('gateway', 'silent'));
    const { keyId, secretHash } = generateApiKey();
    await expect(lookup(keyId, secretHash)).rejects.toBeInstanceOf(ApiKeyUnverifiableError);
  });

  it('parses the key it generates', () => {
    const issued = generateApiKey();
    expect(issued.key).toMatch(/^cgk_[0-9a-f]{16}_[A-Za-z0-9_-]{43}$/);
    expect(parseApiKey(issued.key)).toEqual({ keyId: issued.keyId, secret: issued.secret });
  });
});
