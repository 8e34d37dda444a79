import { h } from '../ui.js';
/** @import { GraphQLError } from '../api.js' */

/**
 * Fields the caller's role may not see (a partner looking at another partner's licensed cores)
 * come back null with a FORBIDDEN error each: they are named above the page, not left blank silently.
 * @param {GraphQLError[]} errors
 */
export function withheldNotice(errors) {
  if (!errors || errors.length === 0) return null;
  const fields = [...new Set(errors.map((e) => (e.path ?? []).filter((p) => typeof p === 'string').at(-1) ?? e.message))];
  return h(
    'p',
    { class: 'notice', role: 'note' },
    `Not shown to your role (${errors[0].extensions?.code ?? 'error'}): ${fields.join(', ')}.`,
  );
}
