// What the login throttle costs a sign-in: the median of its own statements (the reservation
// before the password check, and the settling after a right one) beside the median of a whole
// sign-in (argon2 included), one at a time, on the local Postgres (as the serving role) and on
// the embedded default. In process (app.inject), so that the figures are the database's and the
// API's, not HTTP's.
//   tsx apps/api/bench/login-throttle.ts [--logins 200]
import os from 'node:os';
import { parseArgs } from 'node:util';
import { buildApp } from '../src/app.ts';
import { reserveAttempt, settleSuccess, throttleKeys } from '../src/auth/login-throttle.ts';
import { createAccounts, TEST_PASSWORD } from '../test/support/accounts.ts';
import { BACKENDS, type Backend, openTestDatabase } from '../test/support/backends.ts';

const { values } = parseArgs({ options: { logins: { type: 'string' } } });
const LOGINS = Number(values.logins ?? 200);

const median = (samples: number[]) => {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
};
const ms = (start: bigint) => Number(process.hrtime.bigint() - start) / 1e6;

async function measure(backend: Backend) {
  const test = await openTestDatabase(backend);
  try {
    await createAccounts(test.database.db, [{ username: 'bench-leader', role: 'leader', jurisdictionCode: null }]);
    const app = await buildApp({ database: test.database, webDist: null });
    const throttle: number[] = [];
    const refused: number[] = [];
    const login: number[] = [];
    for (let i = 0; i < LOGINS; i++) {
      // the throttle alone, for a right password: reserve, then settle
      const keys = throttleKeys('bench-leader', `10.9.${i >> 8}.${i & 255}`);
      let start = process.hrtime.bigint();
      await reserveAttempt(test.database.db, [keys.account, keys.address], new Date());
      await settleSuccess(test.database.db, keys);
      throttle.push(ms(start));
      // a whole sign-in through the route
      start = process.hrtime.bigint();
      const answer = await app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        remoteAddress: `10.8.${i >> 8}.${i & 255}`,
        payload: { username: 'bench-leader', password: TEST_PASSWORD },
      });
      login.push(ms(start));
      if (answer.statusCode !== 200) throw new Error(`sign-in answered ${answer.statusCode}: ${answer.body}`);
    }
    // a locked account: the refusal, which checks no password
    for (let i = 0; i < 10; i++) {
      await app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { username: 'locked-out', password: 'wrong guess' },
      });
    }
    for (let i = 0; i < LOGINS; i++) {
      const start = process.hrtime.bigint();
      const answer = await app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { username: 'locked-out', password: 'wrong guess' },
      });
      refused.push(ms(start));
      if (answer.statusCode !== 429) throw new Error(`a locked account answered ${answer.statusCode}`);
    }
    await app.close();
    return { backend, throttle: median(throttle), login: median(login), refused: median(refused) };
  } finally {
    await test.destroy();
  }
}

const rows = [];
for (const backend of BACKENDS) rows.push(await measure(backend));
console.log(
  `login throttle, ${LOGINS} sign-ins one at a time (median ms; load average ${os.loadavg()[0].toFixed(1)}, ${os.cpus().length} cores)`,
);
console.log('backend    throttle  whole sign-in  share  refused (locked)');
for (const row of rows) {
  console.log(
    `${row.backend.padEnd(10)} ${row.throttle.toFixed(2).padStart(8)}  ${row.login.toFixed(2).padStart(13)}  ${((100 * row.throttle) / row.login).toFixed(0).padStart(4)} %  ${row.refused.toFixed(2).padStart(8)}`,
  );
}
