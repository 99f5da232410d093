// Talks to the Tuowei API: asks for answers in the screen's language, sends the session's CSRF
// token and the version a write starts from, and turns every failure into an Error whose
// message a person can act on (the API's own message where it sent one).
import type { ApiError } from '@tuowei/shared';
import { currentLocale, i18n } from '../i18n/index.ts';

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
      headers: { Accept: 'application/json', 'Accept-Language': currentLocale(), ...init.headers },
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

/** What a cut-off answer is called, by what it was (`readWhole`): its words and its code. */
const CUT = {
  read: ['errors.answerCut', 'answer_cut'],
  file: ['errors.downloadCut', 'download_cut'],
  write: ['errors.writeAnswerCut', 'write_answer_cut'],
} as const;

/**
 * An answer's body, read whole: one cut off on its way (the connection dropped, or the server gave
 * up on it) becomes an ApiRequestError in the screen's words, with the status that did arrive (a
 * write answered 2xx was carried out: `write_answer_cut`); a read called off stays as it is.
 */
async function readWhole<T>(
  response: Response,
  read: () => Promise<T>,
  what: keyof typeof CUT,
  signal?: AbortSignal,
): Promise<T> {
  try {
    return await read();
  } catch (error) {
    if (signal?.aborted) throw error;
    const [words, code] = CUT[what];
    throw new ApiRequestError(i18n.t(words), response.status, code);
  }
}

export async function apiGet<T>(path: string, options: { signal?: AbortSignal } = {}): Promise<T> {
  const response = await request(path, { method: 'GET' }, options.signal);
  return readWhole(response, () => response.json() as Promise<T>, 'read', options.signal);
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

/** A write (POST, PUT, DELETE): answers the parsed body, or undefined for 204 No Content. */
export async function apiSend<T>(
  method: 'POST' | 'PUT' | 'DELETE',
  path: string,
  options: SendOptions = {},
): Promise<T> {
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
  return readWhole(response, () => response.json() as Promise<T>, 'write');
}

/** The file name a download's Content-Disposition gives, if any. */
function attachmentName(disposition: string | null): string | null {
  const match = disposition?.match(/filename\*?=(?:UTF-8'')?"?([^";]+)"?/i);
  return match ? decodeURIComponent(match[1]) : null;
}

/**
 * Fetches a file the API makes (a template, an export) in the screen's language and hands it to
 * the browser as a download under the name the API gave; a refusal, or a file cut off on its way,
 * becomes an ApiRequestError.
 */
export async function apiDownload(path: string, fallbackName: string): Promise<void> {
  const response = await request(path, { method: 'GET', headers: { Accept: '*/*' } });
  // a file cut off on its way is not handed over
  const url = URL.createObjectURL(await readWhole(response, () => response.blob(), 'file'));
  const link = document.createElement('a');
  link.href = url;
  link.download = attachmentName(response.headers.get('content-disposition')) ?? fallbackName;
  document.body.append(link);
  link.click();
  link.remove();
  // the browser has taken the file by then; the address only holds memory
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

export interface UploadOptions {
  contentType: string;
  headers?: Record<string, string>;
  /** Called as the body goes out, with the share sent (0 to 1). */
  onProgress?: (sent: number) => void;
  signal?: AbortSignal;
}

/**
 * POSTs a file as the raw body with the session's CSRF token, reporting how much has been sent
 * (fetch cannot tell), and answers the parsed JSON; failures as in apiSend.
 */
export function apiUpload<T>(path: string, body: Blob, options: UploadOptions): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', path);
    xhr.withCredentials = true;
    xhr.setRequestHeader('Accept', 'application/json');
    xhr.setRequestHeader('Accept-Language', currentLocale());
    xhr.setRequestHeader('Content-Type', options.contentType);
    if (csrfToken) xhr.setRequestHeader('X-CSRF-Token', csrfToken);
    for (const [name, value] of Object.entries(options.headers ?? {})) xhr.setRequestHeader(name, value);
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable) options.onProgress?.(event.loaded / event.total);
    };
    // a small body may go out without a progress event: its end still says it is all sent
    xhr.upload.onload = () => options.onProgress?.(1);
    xhr.onload = () => {
      let parsed: unknown = null;
      try {
        parsed = JSON.parse(xhr.responseText);
      } catch {
        // not JSON: said below in words
      }
      if (xhr.status >= 200 && xhr.status < 300) {
        resolve(parsed as T);
      } else if (isApiErrorBody(parsed)) {
        reject(new ApiRequestError(parsed.error.message, xhr.status, parsed.error.code, parsed.error.details));
      } else {
        reject(new ApiRequestError(i18n.t('errors.http', { status: xhr.status }), xhr.status, null));
      }
    };
    xhr.onerror = () => reject(new ApiRequestError(i18n.t('errors.network'), 0, null));
    xhr.onabort = () => reject(new DOMException('The upload was cancelled', 'AbortError'));
    options.signal?.addEventListener('abort', () => xhr.abort(), { once: true });
    xhr.send(body);
  });
}
