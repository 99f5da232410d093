// Reads the Tuowei API: asks for answers in the screen's language and turns every failure into
// an Error whose message a person can act on (the API's own message where it sent one).
import type { ApiError } from '@tuowei/shared';
import { currentLanguage, i18n } from '../i18n/index.ts';

export class ApiRequestError extends Error {
  constructor(
    message: string,
    /** The HTTP status, or 0 when the server could not be reached. */
    readonly status: number,
    /** The API's error code (`unknown_jurisdiction`, `invalid_request`…), where it sent one. */
    readonly code: string | null,
  ) {
    super(message);
    this.name = 'ApiRequestError';
  }
}

function isApiErrorBody(body: unknown): body is ApiError {
  if (typeof body !== 'object' || body === null || !('error' in body)) return false;
  const error = (body as { error: unknown }).error;
  return typeof error === 'object' && error !== null && typeof (error as { message?: unknown }).message === 'string';
}

export async function apiGet<T>(path: string, options: { signal?: AbortSignal } = {}): Promise<T> {
  let response: Response;
  try {
    response = await fetch(path, {
      signal: options.signal,
      headers: { Accept: 'application/json', 'Accept-Language': currentLanguage() },
    });
  } catch (error) {
    if (options.signal?.aborted) throw error;
    throw new ApiRequestError(i18n.t('errors.network'), 0, null);
  }

  if (!response.ok) {
    const body: unknown = await response.json().catch(() => null);
    if (isApiErrorBody(body)) throw new ApiRequestError(body.error.message, response.status, body.error.code);
    throw new ApiRequestError(i18n.t('errors.http', { status: response.status }), response.status, null);
  }
  return (await response.json()) as T;
}
