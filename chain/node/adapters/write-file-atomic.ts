/**
 * NODE-ONLY. Replaces a file so that after a crash it holds either the old or the new content:
 * write `<path>.tmp`, fsync it, rename it over `path`, fsync the directory (the rename itself is
 * only durable once the directory entry is). A leftover `.tmp` from a crash is garbage; readers
 * ignore it and the next write replaces it.
 */
import { open, rename } from 'node:fs/promises';
import { dirname } from 'node:path';

export async function writeFileAtomic(path: string, bytes: Uint8Array): Promise<void> {
  const tmp = `${path}.tmp`;
  const fh = await open(tmp, 'w');
  try {
    await fh.writeFile(bytes);
    await fh.sync();
  } finally {
    await fh.close();
  }
  await rename(tmp, path);
  await syncDirectory(dirname(path));
}

export async function syncDirectory(dir: string): Promise<void> {
  const dh = await open(dir, 'r');
  try {
    await dh.sync();
  } finally {
    await dh.close();
  }
}
