// One process owns the embedded database's folder: PGlite takes no lock of its own, and a
// second process writing the same files silently loses committed writes.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export class DataFolderInUseError extends Error {
  constructor(
    readonly dataDir: string,
    readonly ownerPid: number,
  ) {
    super(
      `数据目录 ${dataDir} 正被另一个托位进程（pid ${ownerPid}）使用。请先停止该进程，或用 TUOWEI_DATA_DIR 指定其他目录。\n` +
        `The data folder ${dataDir} is in use by another Tuowei process (pid ${ownerPid}). ` +
        'Stop that process first, or point TUOWEI_DATA_DIR at another folder.',
    );
  }
}

interface LockContent {
  pid: number;
  host: string;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Takes the folder's lock file, or throws DataFolderInUseError; returns the release function. */
export function lockDataFolder(dataDir: string): () => void {
  fs.mkdirSync(dataDir, { recursive: true });
  const lockPath = path.join(dataDir, 'tuowei.lock');
  const content: LockContent = { pid: process.pid, host: os.hostname() };
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      fs.writeFileSync(lockPath, JSON.stringify(content), { flag: 'wx' });
      return () => {
        try {
          const current = JSON.parse(fs.readFileSync(lockPath, 'utf8')) as LockContent;
          if (current.pid === process.pid) fs.unlinkSync(lockPath);
        } catch {
          // already gone
        }
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      let owner: LockContent | null = null;
      try {
        owner = JSON.parse(fs.readFileSync(lockPath, 'utf8')) as LockContent;
      } catch {
        owner = null; // half-written or unreadable: a crashed start; take it over
      }
      if (owner && owner.host === content.host && owner.pid !== process.pid && isAlive(owner.pid)) {
        throw new DataFolderInUseError(dataDir, owner.pid);
      }
      fs.rmSync(lockPath, { force: true }); // left behind by a process that is gone
    }
  }
  throw new Error(`could not take the lock ${lockPath}`);
}
