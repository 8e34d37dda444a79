import { parseArgs } from 'node:util';
import { loadConfig } from '../common/config';
import { identityFromClaims, issueToken, ROLES } from '../common/identity';

const USAGE = `Usage: npm run token -- --role ${ROLES.join('|')} [--partner <partnerId>] [--subject <name>] [--expires 12h]
Signs a caller token with AUTH_JWT_SECRET (HS256), for local use and tests.`;

/** `npm run token`: a bearer token for a role, signed with the configured HS256 secret. */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      role: { type: 'string' },
      partner: { type: 'string' },
      subject: { type: 'string' },
      expires: { type: 'string', default: '12h' },
      help: { type: 'boolean' },
    },
  });
  if (values.help || !values.role) return console.log(USAGE);
  const config = loadConfig();
  if (!config.auth.jwtSecret)
    throw new Error('AUTH_JWT_SECRET is not set: this store of tokens uses JWKS; ask your identity provider for a token.');
  const identity = identityFromClaims({
    sub: values.subject ?? `local-${values.role.toLowerCase()}`,
    role: values.role,
    partnerId: values.partner,
  });
  console.log(
    await issueToken(identity, {
      secret: config.auth.jwtSecret,
      issuer: config.auth.issuer,
      audience: config.auth.audience,
      expiresIn: values.expires,
    }),
  );
}

main().catch((error) => {
  console.error(`${error instanceof Error ? error.message : error}\n${USAGE}`);
  process.exit(1);
});
