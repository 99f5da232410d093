// One error shape for every answer: { error: { code, message, details? } }, the message in
// the reader's language (Chinese unless the request prefers English).

import { fieldMessage, type Words } from '@tuowei/shared';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';

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

export function prefersEnglish(request: FastifyRequest): boolean {
  const accept = request.headers['accept-language'] ?? '';
  return /^\s*en\b/i.test(accept);
}

export function say(request: FastifyRequest, words: Words): string {
  return prefersEnglish(request) ? words.en : words.zh;
}

function send(reply: FastifyReply, status: number, code: string, message: string, details?: unknown) {
  return reply.status(status).send({ error: { code, message, ...(details === undefined ? {} : { details }) } });
}

export function registerErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (error instanceof ApiError) {
      return send(reply, error.statusCode, error.code, say(request, error.words), error.details);
    }
    if (hasZodFastifySchemaValidationErrors(error)) {
      const details: FieldProblem[] = error.validation.map((issue) => ({
        field: [error.validationContext, ...issue.instancePath.split('/').filter(Boolean)].join('.'),
        message: fieldMessage(issue.message ?? '', prefersEnglish(request) ? 'en' : 'zh'),
      }));
      const list = details.map((d) => `${d.field}：${d.message}`).join('；');
      return send(
        reply,
        400,
        'invalid_request',
        say(request, { zh: `请求有误：${list}`, en: `Invalid request: ${list}` }),
        details,
      );
    }
    const status = error.statusCode ?? 500;
    if (status < 500) {
      // Fastify's own 4xx (malformed JSON, wrong content type, body too large…) speak plainly already.
      return send(reply, status, error.code ?? 'bad_request', error.message);
    }
    request.log.error({ err: error }, 'request failed');
    return send(
      reply,
      status === 503 ? 503 : 500,
      status === 503 ? 'unavailable' : 'internal',
      say(request, {
        zh: '服务器内部错误，请稍后重试；如果问题持续，请联系管理员。',
        en: 'Something went wrong on the server. Try again later; if it persists, tell the administrator.',
      }),
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
    return send(
      reply,
      404,
      'not_found',
      say(request, {
        zh: `没有这个地址：${request.method} ${request.url}`,
        en: `No such route: ${request.method} ${request.url}`,
      }),
    );
  });
}

export const unknownJurisdiction = (code: string) =>
  new ApiError(404, 'unknown_jurisdiction', {
    zh: `没有代码为 ${code} 的行政区划。可用 GET /api/v1/jurisdictions 查看全部代码。`,
    en: `There is no jurisdiction with code ${code}. GET /api/v1/jurisdictions lists them all.`,
  });
