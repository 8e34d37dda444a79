import { Random } from '../demo/prng';
import { signInternalIdentity, verifyInternalIdentity, type Identity } from './identity';

const SECRET = 'identity-spec-secret-0123456789abcdefghij';
const CALLER: Identity = { subject: 'spec', role: 'PRIMARY', partnerId: 'ptn-000002' };

/** Request bodies of every kind: JSON text, non-ASCII text, raw bytes, empty. */
function generatedBodies(random: Random, count: number): Array<string | Uint8Array> {
  const alphabet = ['{', '}', '"', ':', ',', ' ', 'a', 'q', '1', 'é', '€', '\n', '\\', '🙂'];
  return Array.from({ length: count }, (_, index) => {
    if (index === 0) return '';
    if (random.chance(0.25)) return Uint8Array.from({ length: random.int(1, 64) }, () => random.int(0, 255));
    return Array.from({ length: random.int(1, 80) }, () => random.pick(alphabet)).join('');
  });
}

const sameBytes = (a: string | Uint8Array, b: string | Uint8Array) => Buffer.from(a).equals(Buffer.from(b));

describe('the internal identity is bound to one request body and a time', () => {
  afterEach(() => jest.useRealTimers());

  it('verifies only with the very bytes it was signed for (generated bodies, every pair)', async () => {
    const bodies = generatedBodies(new Random(18), 24);
    const tokens = await Promise.all(bodies.map((body) => signInternalIdentity(CALLER, SECRET, body)));
    let refused = 0;
    for (const [i, token] of tokens.entries()) {
      for (const [j, body] of bodies.entries()) {
        const verified = await verifyInternalIdentity(token, SECRET, body).then(
          (identity) => identity,
          () => null,
        );
        if (sameBytes(bodies[i]!, body)) expect({ i, j, verified }).toEqual({ i, j, verified: CALLER });
        else {
          expect({ i, j, verified }).toEqual({ i, j, verified: null });
          refused += 1;
        }
      }
    }
    console.log(`identity binding: ${bodies.length} generated bodies, ${bodies.length ** 2} pairs, ${refused} refused`);
    expect(refused).toBeGreaterThan(bodies.length * (bodies.length - 2));
  });

  it('a string body and its UTF-8 bytes are the same body', async () => {
    const body = '{"query":"{ partner(id: \\"ptn-é\\") { name } }"}';
    const token = await signInternalIdentity(CALLER, SECRET, body);
    await expect(verifyInternalIdentity(token, SECRET, Buffer.from(body, 'utf8'))).resolves.toEqual(CALLER);
    await expect(verifyInternalIdentity(token, SECRET, Buffer.from(body, 'latin1'))).rejects.toThrow('another request body');
  });

  it('is refused with another secret, and once older than its lifetime or issued in the future', async () => {
    const body = '{"query":"{ programs { code } }"}';
    const start = Date.parse('2026-06-30T12:00:00Z');
    jest.useFakeTimers({ now: start, doNotFake: ['nextTick', 'setImmediate', 'queueMicrotask'] });
    const token = await signInternalIdentity(CALLER, SECRET, body);
    await expect(verifyInternalIdentity(token, 'another-secret-0123456789abcdefghijklmn', body)).rejects.toThrow('invalid or expired');

    const at = async (secondsLater: number) => {
      jest.setSystemTime(start + secondsLater * 1000);
      return verifyInternalIdentity(token, SECRET, body).then(
        () => 'accepted',
        () => 'refused',
      );
    };
    // 30 s of life, 5 s of tolerance for another machine's clock either way.
    expect({
      '-10 s': await at(-10),
      '-4 s': await at(-4),
      '0 s': await at(0),
      '29 s': await at(29),
      '34 s': await at(34),
      '36 s': await at(36),
      '1 h': await at(3600),
    }).toEqual({
      '-10 s': 'refused',
      '-4 s': 'accepted',
      '0 s': 'accepted',
      '29 s': 'accepted',
      '34 s': 'accepted',
      '36 s': 'refused',
      '1 h': 'refused',
    });
  });
});
