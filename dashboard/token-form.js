import { saveToken } from './api.js';
import { pageElement } from './ui.js';

/**
 * The token form of the dashboard and the query IDE: the token button shows and hides it,
 * submitting keeps the token in this browser, Forget removes it; after either, `onChange` starts
 * again with the new credentials.
 * @param {() => void} onChange
 * @returns {HTMLFormElement} the form, for a page that opens it when no token is kept
 */
export function wireTokenForm(onChange) {
  const form = pageElement('token-form', HTMLFormElement);
  const input = pageElement('token-input', HTMLInputElement);
  pageElement('token-button', HTMLButtonElement).addEventListener('click', () => {
    form.hidden = !form.hidden;
    if (!form.hidden) input.focus();
  });
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    saveToken(input.value.trim());
    input.value = '';
    form.hidden = true;
    onChange();
  });
  pageElement('token-clear', HTMLButtonElement).addEventListener('click', () => {
    saveToken(null);
    form.hidden = true;
    onChange();
  });
  return form;
}
