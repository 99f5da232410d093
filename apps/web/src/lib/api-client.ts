// Talks to the Tuowei API: asks for answers in the screen's language, sends the session's CSRF
// token and the version a write starts from, and turns every failure into an Error whose
// message a person can act on (the API's own message where it sent one).
import type { ApiError } from '@tuowei/shared';
import { currentLanguage, i18n } from '../i18n/index.ts';

export class ApiRequestError extends Error {
  constructor(
    message: string,
    /** The HTTP status, or 0 when the server could not be reached. */
    readonly status: number,
    /** The API's error code (`unknown_jurisdiction`, `invalid_request`…), where it sent one. */
    readonly code: string | null,
    /** The API's details: field problems for `invalid_request`, the current record for `version_conflict`… */
    readonly details: unknown = undefined,
  ) {
    super(message);
    this.name = 'ApiRequestError';
  }
}

export function isApiError(error: unknown, code?: string): error is ApiRequestError {
  return error instanceof ApiRequestError && (code === undefined || error.code === code);
}

function isApiErrorBody(body: unknown): body is ApiError {
  if (typeof body !== 'object' || body === null || !('error' in body)) return false;
  const error = (body as { error: unknown }).error;
  return typeof error === 'object' && error !== null && typeof (error as { message?: unknown }).message === 'string';
}

async function request(path: string, init: RequestInit, signal?: AbortSignal): Promise<Response> {
  let response: Response;
  try {
    response = await fetch(path, {
      ...init,
      signal,
      credentials: 'same-origin',
      headers: { Accept: 'application/json', 'Accept-Language': currentLanguage(), ...init.headers },
    });
  } catch (error) {
    if (signal?.aborted) throw error;
    throw new ApiRequestError(i18n.t('errors.network'), 0, null);
  }
  if (!response.ok) {
    const body: unknown = await response.json().catch(() => null);
    if (isApiErrorBody(body)) {
      throw new ApiRequestError(body.error.message, response.status, body.error.code, body.error.details);
    }
    throw new ApiRequestError(i18n.t('errors.http', { status: response.status }), response.status, null);
  }
  return response;
}

export async function apiGet<T>(path: string, options: { signal?: AbortSignal } = {}): Promise<T> {
  const response = await request(path, { method: 'GET' }, options.signal);
  return (await response.json()) as T;
}

/**
 * The session's CSRF token, from login or /auth/me. Held here, in memory only, so that every
 * write carries it; the session query and login set it, logout clears it.
 */
let csrfToken: string | null = null;

export function setCsrfToken(token: string | null) {
  csrfToken = token;
}

export interface SendOptions {
  body?: unknown;
  /** The version the change starts from; a stale one gets 409 version_conflict. */
  ifMatch?: number;
}

/** A write (POST, PUT): answers the parsed body, or undefined for 204 No Content. */
export async function apiSend<T>(method: 'POST' | 'PUT', path: string, options: SendOptions = {}): Promise<T> {
  const headers: Record<string, string> = {};
  if (csrfToken) headers['X-CSRF-Token'] = csrfToken;
  if (options.ifMatch !== undefined) headers['If-Match'] = `"${options.ifMatch}"`;
  if (options.body !== undefined) headers['Content-Type'] = 'application/json';
  const response = await request(path, {
    method,
    headers,
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
  });
  if (response.status === 204) return undefined as T;
  return (await response.json()) as T;
}
