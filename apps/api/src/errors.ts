// One error shape for every answer: { error: { code, message, details? } }, the message in
// the reader's language (Chinese unless the request prefers English).

import type { ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { fieldMessage, joinList, type Language, type Words } from '@tuowei/shared';
import type { ConnectionError, FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import Negotiator from 'negotiator';
import { API_WORDS, asIs, inBoth } from './words.ts';

export interface FieldProblem {
  field: string;
  message: string;
}

export class ApiError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: string,
    readonly words: Words,
    readonly details?: unknown,
  ) {
    super(words.en);
  }
}

const LANGUAGES: Language[] = ['zh', 'en'];

/**
 * The language an Accept-Language header prefers, its q-values weighed ("zh;q=0.5, en-GB" is
 * English); Chinese when it names neither.
 */
export function readerLanguage(acceptLanguage: string | undefined): Language {
  const headers = acceptLanguage === undefined ? {} : { 'accept-language': acceptLanguage };
  return (new Negotiator({ headers }).language(LANGUAGES) as Language | undefined) ?? 'zh';
}

export function prefersEnglish(request: FastifyRequest): boolean {
  return readerLanguage(request.headers['accept-language']) === 'en';
}

export function say(request: FastifyRequest, words: Words): string {
  return prefersEnglish(request) ? words.en : words.zh;
}

function send(reply: FastifyReply, status: number, code: string, message: string, details?: unknown) {
  return reply.status(status).send({ error: { code, message, ...(details === undefined ? {} : { details }) } });
}

const WORDS = API_WORDS.request;

/** Fastify's own 4xx errors, in the contract's codes and both languages. */
const FASTIFY_ERRORS: Record<string, { code: string; words: Words }> = {
  FST_ERR_CTP_INVALID_JSON_BODY: { code: 'invalid_json', words: WORDS.invalidJson },
  FST_ERR_CTP_EMPTY_JSON_BODY: { code: 'invalid_json', words: WORDS.emptyJson },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: { code: 'unsupported_media_type', words: WORDS.unsupportedMediaType },
  FST_ERR_CTP_BODY_TOO_LARGE: { code: 'body_too_large', words: WORDS.bodyTooLarge },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: { code: 'bad_content_length', words: WORDS.badContentLength },
  FST_ERR_BAD_URL: { code: 'bad_url', words: WORDS.badUrl },
  FST_ERR_MAX_PARAM_LENGTH: { code: 'bad_url', words: WORDS.paramTooLong },
};

/** Errors found before a route is chosen (an address that does not decode), in the error shape. */
export function frameworkErrors(error: FastifyError, request: FastifyRequest, reply: FastifyReply) {
  const known = FASTIFY_ERRORS[error.code];
  const status = error.statusCode && error.statusCode < 500 ? error.statusCode : 400;
  if (known) return send(reply, status, known.code, say(request, known.words));
  return send(reply, status, 'bad_request', say(request, WORDS.badRequest));
}

const CLIENT_ERRORS: Record<string, { status: number; code: string; words: Words }> = {
  ERR_HTTP_REQUEST_TIMEOUT: { status: 408, code: 'request_timeout', words: WORDS.timeout },
  HPE_HEADER_OVERFLOW: { status: 431, code: 'headers_too_large', words: WORDS.headersTooLarge },
};

const MALFORMED: { status: number; code: string; words: Words } = {
  status: 400,
  code: 'bad_request',
  words: WORDS.malformedHttp,
};

/**
 * What Node's HTTP parser could not read (Fastify's clientErrorHandler): answered in the error
 * shape, in the language the request's own bytes ask for, before the connection ends.
 */
export function answerClientError(error: ConnectionError, socket: Socket) {
  if (error.code === 'ECONNRESET' || socket.destroyed || !socket.writable) return;
  // the answer under way, when the request's head was read (Node's own handler looks here too)
  const answer = (socket as Socket & { _httpMessage?: ServerResponse })._httpMessage;
  if (answer?.headersSent) {
    socket.destroy();
    return;
  }
  const { status, code, words } = CLIENT_ERRORS[error.code] ?? MALFORMED;
  // the bytes read so far (typed by Fastify as a Buffer's JSON form, given as the Buffer itself)
  const raw: unknown = error.rawPacket;
  const bytes = Buffer.isBuffer(raw) ? raw.toString('latin1') : '';
  const asked = answer?.req?.headers['accept-language'] ?? /^accept-language:[ \t]*([^\r\n]*)/im.exec(bytes)?.[1];
  const body = JSON.stringify({ error: { code, message: words[readerLanguage(asked)] } });
  socket.end(
    `HTTP/1.1 ${status} ${status === 400 ? 'Bad Request' : status === 408 ? 'Request Timeout' : 'Request Header Fields Too Large'}\r\n` +
      `Content-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\n` +
      `Connection: close\r\n\r\n${body}`,
  );
  // a client that never closes its side does not keep the socket
  setTimeout(() => socket.destroy(), 1000).unref();
}

/** Errors that mean the database is away (refused, restarting, shut down, the connection lost). */
export function isDatabaseDown(error: unknown): boolean {
  const code = (error as { code?: string })?.code ?? '';
  const message = (error as { message?: string })?.message ?? '';
  return (
    [
      'ECONNREFUSED',
      'ECONNRESET',
      'ENOTFOUND',
      'ETIMEDOUT',
      'EPIPE',
      '57P01',
      '57P02',
      '57P03',
      '08000',
      '08001',
      '08003',
      '08006',
    ].includes(code) ||
    /Connection terminated|connection timeout|Client has encountered a connection error/i.test(message)
  );
}

export function registerErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (error instanceof ApiError) {
      return send(reply, error.statusCode, error.code, say(request, error.words), error.details);
    }
    if (hasZodFastifySchemaValidationErrors(error)) {
      const language = readerLanguage(request.headers['accept-language']);
      const details: FieldProblem[] = error.validation.map((issue) => ({
        field: [error.validationContext, ...issue.instancePath.split('/').filter(Boolean)].join('.'),
        message: fieldMessage(issue.message ?? '', language),
      }));
      const list = joinList(
        details.map((d) => joinList([d.field, d.message], language, 'labelled')),
        language,
        'clauses',
      );
      return send(reply, 400, 'invalid_request', say(request, WORDS.invalidRequest(asIs(list))), details);
    }
    const status = error.statusCode ?? 500;
    if (status < 500) {
      // Fastify's own 4xx: malformed JSON, wrong content type, body too large…
      const known = FASTIFY_ERRORS[error.code ?? ''];
      if (known) return send(reply, status, known.code, say(request, known.words));
      return send(
        reply,
        status,
        /^[a-z_]+$/.test(error.code ?? '') ? error.code : 'bad_request',
        say(request, WORDS.badRequestSaying(error.message)),
      );
    }
    // a value Postgres cannot store that no schema caught: the person's input, not a server fault
    if ((error as { code?: string }).code === '22021' || (error as { code?: string }).code === '22P05') {
      return send(reply, 400, 'unstorable_text', say(request, WORDS.unstorableText));
    }
    // two writers Postgres could not both let through (a deadlock, a serialization failure): one was
    // rolled back whole, so the person may simply send it again
    if ((error as { code?: string }).code === '40P01' || (error as { code?: string }).code === '40001') {
      return send(reply, 409, 'write_collided', say(request, WORDS.writeCollided));
    }
    if (isDatabaseDown(error)) {
      return send(reply, 503, 'database_unavailable', say(request, WORDS.databaseDown));
    }
    request.log.error({ err: error }, 'request failed');
    return send(
      reply,
      status === 503 ? 503 : 500,
      status === 503 ? 'unavailable' : 'internal',
      say(request, WORDS.internal),
    );
  });
}

/** 404s in the error shape; with the web app, its client-side routes get its page. */
export function registerNotFoundHandler(app: FastifyInstance, options: { serveWebApp: boolean }): void {
  app.setNotFoundHandler((request, reply) => {
    // Client-side routes of the web app (/progress/533423 …) load its page.
    if (options.serveWebApp && request.method === 'GET' && !request.url.startsWith('/api/')) {
      return reply.sendFile('index.html');
    }
    return send(reply, 404, 'not_found', say(request, WORDS.noRoute(request.method, request.url)));
  });
}

/** 400 for text no column can keep (a lone surrogate), naming the field as schema errors do. */
export function malformedText(request: FastifyRequest, field: string): ApiError {
  return new ApiError(
    400,
    'invalid_request',
    WORDS.invalidRequest(
      inBoth((language) => joinList([field, fieldMessage('lone_surrogate', language)], language, 'labelled')),
    ),
    [{ field, message: fieldMessage('lone_surrogate', prefersEnglish(request) ? 'en' : 'zh') } satisfies FieldProblem],
  );
}

export const unknownJurisdiction = (code: string) =>
  new ApiError(404, 'unknown_jurisdiction', WORDS.unknownJurisdiction(code));

/** 400 for a quarter (as written in the request) outside the years a report may be for. */
export const invalidPeriod = (text: string) => new ApiError(400, 'invalid_period', WORDS.invalidPeriod(text));
