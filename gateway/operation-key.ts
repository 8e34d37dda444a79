import { createHash } from 'node:crypto';

/** An operation as the caller sent it. */
export interface OperationAsSent {
  operationName?: string | null;
  source?: string;
  variables?: Record<string, unknown> | null;
}

/**
 * The key of one operation for one "who" (a caller, or callers who see the same data): its
 * document, operation name and variables, hashed. The response cache and the answers shared in
 * flight both key by it, with their own "who".
 */
export function operationKey(who: string, operation: OperationAsSent): string {
  return createHash('sha256')
    .update(`${who}\n${operation.operationName ?? ''}\n${operation.source ?? ''}\n${JSON.stringify(operation.variables ?? {})}`)
    .digest('base64url');
}
