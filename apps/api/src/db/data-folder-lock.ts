// One process owns the embedded database's folder: PGlite takes no lock of its own, and a
// second process writing the same files silently loses committed writes.
import crypto from 'node:crypto';
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
  /** Makes each lock file's bytes its own, so that a takeover can tell it is removing the one it found. */
  nonce?: string;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function readIfThere(file: string): Buffer | null {
  try {
    return fs.readFileSync(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

/** The process holding a lock file's bytes, when it is alive on this machine; null for a stale lock. */
function liveOwner(bytes: Buffer): LockContent | null {
  let owner: LockContent | null = null;
  try {
    owner = JSON.parse(bytes.toString('utf8')) as LockContent;
  } catch {
    return null; // half-written by an older Tuowei that crashed while starting
  }
  return owner.host === os.hostname() && isAlive(owner.pid) ? owner : null;
}

/**
 * Creates `file` holding `bytes` if no such file exists (a hard link to a finished temporary file:
 * nobody ever reads it half-written), taking over a stale one. Returns null once taken, or the
 * live owner. Race-free: only the starter that holds the claim on a stale file's very bytes
 * (`<file>.takeover-<hash>`, itself taken by this function) may remove it, and it removes it
 * only if those bytes are still there; another starter waits for that claim, then finds the
 * winner alive.
 */
function take(file: string, bytes: Buffer): LockContent | null {
  const temporary = `${file}.${crypto.randomBytes(6).toString('hex')}.tmp`;
  fs.writeFileSync(temporary, bytes, { flag: 'wx' });
  try {
    for (let attempt = 0; attempt < 200; attempt++) {
      try {
        fs.linkSync(temporary, file);
        return null;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      }
      const found = readIfThere(file);
      if (found === null) continue; // released or removed just now: try again
      const owner = liveOwner(found);
      if (owner) return owner;
      const claim = `${file}.takeover-${crypto.createHash('sha256').update(found).digest('hex').slice(0, 16)}`;
      if (take(claim, bytes) !== null) {
        // another starter is taking this stale lock over: let it finish
        Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 10);
        continue;
      }
      try {
        // nobody else may remove these bytes while the claim is held; a new lock cannot replace
        // them before they are gone (the link above fails while the file exists)
        if (readIfThere(file)?.equals(found)) fs.unlinkSync(file);
      } finally {
        fs.unlinkSync(claim);
      }
    }
    throw new Error(`could not take the lock ${file}`);
  } finally {
    fs.unlinkSync(temporary);
  }
}

/** Takes the folder's lock file, or throws DataFolderInUseError; returns the release function. */
export function lockDataFolder(dataDir: string): () => void {
  fs.mkdirSync(dataDir, { recursive: true });
  const lockPath = path.join(dataDir, 'tuowei.lock');
  const content: LockContent = { pid: process.pid, host: os.hostname(), nonce: crypto.randomUUID() };
  const bytes = Buffer.from(JSON.stringify(content));
  const owner = take(lockPath, bytes);
  if (owner) throw new DataFolderInUseError(dataDir, owner.pid);
  return () => {
    // only this lock: never one another process took after this one was found stale
    if (readIfThere(lockPath)?.equals(bytes)) fs.rmSync(lockPath, { force: true });
  };
}
