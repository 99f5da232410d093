// Bulk imports, each kind described once and served by one route factory (kind.ts): quarterly
// reports at GET /api/v1/import/template.xlsx and POST /api/v1/import, yearly health indicators at
// …/import/indicators (indicators.ts) and, for admins, yearly populations at …/import/populations
// (populations.ts); the residential register's import is the residential plugin's.
import {
  formatPeriod,
  importResultSchema,
  lastEndedPeriod,
  parsePeriod,
  periodText,
  REPORT_IMPORT,
} from '@tuowei/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ROLES } from '../../auth/users.ts';
import { invalidPeriod } from '../../errors.ts';
import { API_WORDS } from '../../words.ts';
import { commitImport } from './commit.ts';
import { indicatorsImport } from './indicators.ts';
import { acceptUploads, registerImport } from './kind.ts';
import { planImport } from './plan.ts';
import { populationImport } from './populations.ts';
import { buildTemplate } from './template.ts';

export { acceptUploads, MAX_IMPORT_BYTES, XLSX_TYPE } from './kind.ts';

const importRoutes: FastifyPluginAsyncZod = async (app) => {
  acceptUploads(app);

  registerImport(app, {
    kind: REPORT_IMPORT,
    path: '/import',
    templatePath: '/import/template.xlsx',
    roles: ['entry'],
    // the template (a quarter's figures of one's units) is anyone's to download
    templateRoles: ROLES,
    noHeader: API_WORDS.import.noHeader,
    query: z.object({ submit: z.enum(['0', '1']).default('0') }),
    templateQuery: z.object({ period: periodText.optional() }),
    result: importResultSchema,
    namesFile: true,
    async template(db, user, query, language, now) {
      const period = query.period ? parsePeriod(String(query.period)) : lastEndedPeriod(now);
      if (!period) throw invalidPeriod(String(query.period));
      const text = formatPeriod(period);
      const file = await buildTemplate(db, user.jurisdictionCode, { ...period, text }, language);
      return { file, name: `tuowei-import-${user.jurisdictionCode ?? 'all'}-${text}.xlsx` };
    },
    plan: planImport,
    commit: (trx, rows, context) =>
      commitImport(trx, context.user, rows, {
        submit: context.query.submit === '1',
        fileName: context.fileName,
        actor: context.actor,
      }),
  });

  registerImport(app, populationImport);
  registerImport(app, indicatorsImport);
};

export default importRoutes;
