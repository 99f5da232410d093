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

const FASTIFY_WORDS: Record<string, Words> = {
  FST_ERR_CTP_INVALID_JSON_BODY: { zh: '请求内容不是有效的 JSON。', en: 'The request body is not valid JSON.' },
  FST_ERR_CTP_EMPTY_JSON_BODY: { zh: '请求内容为空，应为 JSON。', en: 'The request body is empty; JSON was expected.' },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: {
    zh: '不支持这种内容类型：请发送 application/json（导入文件用 .xlsx 或 text/csv）。',
    en: 'Unsupported content type: send application/json (an import: .xlsx or text/csv).',
  },
  FST_ERR_CTP_BODY_TOO_LARGE: {
    zh: '请求内容过大（表单上限 1 MB，导入文件上限 10 MB）。',
    en: 'The request body is too large (1 MB for forms, 10 MB for import files).',
  },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: { zh: '请求长度不正确。', en: 'The request length is wrong.' },
};

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
      // Fastify's own 4xx: malformed JSON, wrong content type, body too large…
      const words = FASTIFY_WORDS[error.code ?? ''];
      return send(reply, status, error.code ?? 'bad_request', words ? say(request, words) : error.message);
    }
    // a value Postgres cannot store that no schema caught: the person's input, not a server fault
    if ((error as { code?: string }).code === '22021' || (error as { code?: string }).code === '22P05') {
      return send(
        reply,
        400,
        'unstorable_text',
        say(request, {
          zh: '输入中含有无法保存的字符，请检查后重试。',
          en: 'The input has a character that cannot be stored; check it and retry.',
        }),
      );
    }
    if (isDatabaseDown(error)) {
      return send(
        reply,
        503,
        'database_unavailable',
        say(request, {
          zh: '数据库暂时无法访问，请稍后重试；已保存的数据不受影响。',
          en: 'The database cannot be reached right now; try again shortly. Nothing saved is affected.',
        }),
      );
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

/** 400 for text no column can keep (a lone surrogate), naming the field as schema errors do. */
export function malformedText(request: FastifyRequest, field: string): ApiError {
  const words = { zh: fieldMessage('lone_surrogate', 'zh'), en: fieldMessage('lone_surrogate', 'en') };
  return new ApiError(
    400,
    'invalid_request',
    { zh: `请求有误：${field}：${words.zh}`, en: `Invalid request: ${field}：${words.en}` },
    [{ field, message: say(request, words) } satisfies FieldProblem],
  );
}

export const unknownJurisdiction = (code: string) =>
  new ApiError(404, 'unknown_jurisdiction', {
    zh: `没有代码为 ${code} 的行政区划。可用 GET /api/v1/jurisdictions 查看全部代码。`,
    en: `There is no jurisdiction with code ${code}. GET /api/v1/jurisdictions lists them all.`,
  });
