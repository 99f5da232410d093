// Builds the Tuowei API as a Fastify instance: plugins, then routes, then the built web app.
// Listening is server.ts's job, so that tests can call `app.inject` without a port.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyCookie from '@fastify/cookie';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { malformedTextPath, mayHoldLoneSurrogate } from '@tuowei/shared';
import Fastify, { type FastifyServerOptions } from 'fastify';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import helmet, { type HelmetOptions } from 'helmet';
import access from './auth/access.ts';
import { FreshCache } from './cache.ts';
import type { Database } from './db/database.ts';
import {
  answerClientError,
  frameworkErrors,
  malformedText,
  registerErrorHandler,
  registerNotFoundHandler,
} from './errors.ts';
import audit from './routes/audit/index.ts';
import auth from './routes/auth/index.ts';
import completeness from './routes/completeness/index.ts';
import funding from './routes/funding/index.ts';
import gapReport from './routes/gap-report/index.ts';
import health from './routes/health/index.ts';
import importRoutes from './routes/import/index.ts';
import indicators from './routes/indicators/index.ts';
import jurisdictionAdmin from './routes/jurisdictions/admin.ts';
import jurisdictions from './routes/jurisdictions/index.ts';
import overview from './routes/overview/index.ts';
import plansAdmin from './routes/plans/admin.ts';
import plans from './routes/plans/index.ts';
import progress from './routes/progress/index.ts';
import reports from './routes/reports/index.ts';
import residentialImport from './routes/residential/import.ts';
import residential from './routes/residential/index.ts';
import series from './routes/series/index.ts';
import settings from './routes/settings/index.ts';
import successions from './routes/successions/index.ts';
import users from './routes/users/index.ts';
import gracefulClose from './shutdown.ts';

declare module 'fastify' {
  interface FastifyInstance {
    database: Database;
    cache: FreshCache;
    /** Now, by the app's clock (the reporting window, the login throttle); tests pass their own. */
    clock: () => Date;
  }
}

export const WEB_DIST = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../web/dist');

/**
 * Security headers (helmet). The content security policy is what the built web app needs and no
 * more (antd writes its styles at run time, hence inline styles). Made once: @fastify/helmet made
 * helmet's middleware again for every request, parsing these directives each time (4 % of the
 * API's CPU under the rush bench, measured with --cpu-prof).
 */
const SECURITY_HEADERS: HelmetOptions = {
  contentSecurityPolicy: {
    directives: {
      defaultSrc: ["'self'"],
      scriptSrc: ["'self'"],
      styleSrc: ["'self'", "'unsafe-inline'"],
      imgSrc: ["'self'", 'data:'],
      fontSrc: ["'self'", 'data:'],
      connectSrc: ["'self'"],
      objectSrc: ["'none'"],
      frameAncestors: ["'none'"],
      baseUri: ["'self'"],
      formAction: ["'self'"],
      upgradeInsecureRequests: null,
    },
  },
  // the login cookie is SameSite=Strict; cross-origin isolation would block nothing more here
  crossOriginEmbedderPolicy: false,
};

export interface AppOptions {
  database: Database;
  /** The built web app to serve; null serves the API alone. */
  webDist?: string | null;
  logger?: FastifyServerOptions['logger'];
  /** TUOWEI_TRUST_PROXY (config.ts): whose X-Forwarded-For and -Proto to believe; none by default. */
  trustProxy?: FastifyServerOptions['trustProxy'];
  /** TUOWEI_PUBLIC_READ (config.ts): whether reading needs no session; yes by default. */
  publicRead?: boolean;
  /** What time it is; tests pin a day. The real clock by default. */
  clock?: () => Date;
  /** How long answers still being sent when closing starts may take before they are cut. */
  shutdownGraceSeconds?: number;
}

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,64}$/;

/** The id a request is known by in logs and in the audit trail. */
export function requestIdOf(request: { headers: Record<string, string | string[] | undefined> }): string {
  const sent = request.headers['x-request-id'];
  return typeof sent === 'string' && REQUEST_ID.test(sent) ? sent : crypto.randomUUID();
}

export async function buildApp(options: AppOptions) {
  const app = Fastify({
    logger: options.logger ?? false,
    bodyLimit: 1024 * 1024,
    // a request's id goes into the audit trail: unique across processes and restarts (Fastify's own
    // counter starts at req-1 in each), or a proxy's X-Request-Id when it is a plain short token
    requestIdHeader: false,
    genReqId: requestIdOf,
    // on close, idle keep-alive connections end at once; requests in flight still finish
    forceCloseConnections: 'idle',
    trustProxy: options.trustProxy ?? false,
    // a request read while closing is served (its connection then ends), not refused with a 503
    return503OnClosing: false,
    // errors found before any route runs answer in the error shape too
    frameworkErrors,
    clientErrorHandler: answerClientError,
  });
  // An action without a body (submit, approve) may still say it sends JSON: an empty body is no body.
  const json = app.getDefaultJsonParser('error', 'error');
  // JSON.parse makes a lone surrogate of an escape ("\ud800"), which no text column can keep: the
  // whole body is checked here, every field of every route, before any schema sees it.
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    if (body === '') done(null, undefined);
    else
      json(request, body as string, (error, parsed) => {
        const path = error || !mayHoldLoneSurrogate(body as string) ? null : malformedTextPath(parsed);
        done(path ? malformedText(request, ['body', ...path].join('.')) : error, parsed);
      });
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.decorate('database', options.database);
  app.decorate('clock', options.clock ?? (() => new Date()));
  await app.register(gracefulClose, { graceMs: (options.shutdownGraceSeconds ?? 7) * 1000 });
  const cache = new FreshCache(options.database.db);
  cache.versionsDb = options.database.versions;
  cache.onLateFailure = (error, key) =>
    app.log.warn({ err: error, answer: key }, 'a computation failed after its answer was given (its commit)');
  app.decorate('cache', cache);
  registerErrorHandler(app);
  const securityHeaders = helmet(SECURITY_HEADERS);
  app.addHook('onRequest', (request, reply, done) =>
    securityHeaders(request.raw, reply.raw, (error) => done(error as Error | undefined)),
  );
  await app.register(fastifyCookie);
  await app.register(access, { publicRead: options.publicRead ?? true });

  await app.register(swagger, {
    openapi: {
      info: {
        title: 'Tuowei API',
        description: 'Childcare places for children under three, against population-policy plans.',
        version: '1',
      },
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/docs', staticCSP: true });

  await app.register(
    async (api) => {
      await api.register(health);
      await api.register(jurisdictions);
      await api.register(plans);
      await api.register(progress);
      await api.register(funding);
      await api.register(overview);
      await api.register(series);
      await api.register(auth);
      await api.register(reports);
      await api.register(indicators);
      await api.register(settings);
      await api.register(completeness);
      await api.register(audit);
      await api.register(jurisdictionAdmin);
      await api.register(successions);
      await api.register(plansAdmin);
      await api.register(users);
      await api.register(importRoutes);
      await api.register(gapReport);
      await api.register(residential);
      await api.register(residentialImport);
    },
    { prefix: '/api/v1' },
  );

  const webDist = options.webDist === undefined ? WEB_DIST : options.webDist;
  const serveWebApp = Boolean(webDist && fs.existsSync(path.join(webDist, 'index.html')));
  // The build writes .br and .gz beside each file; a browser that accepts one gets it. Files under
  // assets/ carry a hash of their content in their names: a browser may keep them for good.
  const assets = `${path.sep}assets${path.sep}`;
  if (serveWebApp)
    await app.register(fastifyStatic, {
      root: webDist as string,
      wildcard: false,
      preCompressed: true,
      setHeaders: (reply, file) => {
        if (file.includes(assets)) reply.header('cache-control', 'public, max-age=31536000, immutable');
      },
    });
  registerNotFoundHandler(app, { serveWebApp });
  return app;
}
