import { ApiError } from '../api/api-error.ts';

/**
 * Words for a failed call, for a person: what happened and what happens next. Never the
 * exception itself. `retrying` says whether the page will try again by itself.
 */
export function describeError(error: unknown, retrying: boolean): string {
  const next = retrying ? ' Retrying…' : ' Try again in a moment.';
  if (!(error instanceof ApiError)) {
    return `Something went wrong in the page while talking to the server.${next}`;
  }
  const { status } = error;
  if (status === 0) return `The server cannot be reached (the connection dropped).${next}`;
  if (status === 503) return `The server is not answering (503).${next}`;
  if (status === 502 || status === 504) return `The server is not answering (${status}).${next}`;
  if (status >= 500) return `The server had a problem (${status}).${next}`;
  if (status === 401) return 'Your sign-in has expired. Sign in again.';
  if (status === 403) return 'Your role does not allow this.';
  if (status === 429) return `The server asks us to slow down (429).${next}`;
  return sentence(error.apiMessage);
}

/** The API's own message as a sentence: capitalised, ending with a full stop. */
export function sentence(message: string): string {
  const trimmed = message.trim();
  if (!trimmed) return 'The server refused the request.';
  const first = trimmed.charAt(0).toUpperCase() + trimmed.slice(1);
  return /[.!?…]$/.test(first) ? first : `${first}.`;
}

/** Whether retrying the same call later might succeed (the server or network, not the request). */
export function isTransient(error: unknown): boolean {
  return error instanceof ApiError && (error.status === 0 || error.status >= 500 || error.status === 429);
}
