// A starter racing others for data folders whose locks were left by a process that is gone: at
// each folder's start time it takes the lock (or is refused) and prints what happened, keeping
// what it took until all have tried. Run by database.test.ts as a process of its own.
import { DataFolderInUseError, lockDataFolder } from '../../src/db/data-folder-lock.ts';

const [startAt, spacing, ...folders] = process.argv.slice(2);
const outcomes: string[] = [];
for (const [i, folder] of folders.entries()) {
  const at = Number(startAt) + i * Number(spacing);
  while (Date.now() < at) {
    // every starter leaves the line at the same instant
  }
  try {
    lockDataFolder(folder);
    outcomes.push('taken');
  } catch (error) {
    outcomes.push(error instanceof DataFolderInUseError ? 'in use' : `failed: ${(error as Error).message}`);
  }
}
console.log(JSON.stringify(outcomes));
// held until the others have all tried: a lock whose process has gone would be stale again
setTimeout(() => process.exit(0), 1500);
