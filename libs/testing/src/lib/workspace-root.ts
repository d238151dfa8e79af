import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** The folder that holds nx.json, found from this file, wherever Jest runs from. */
export function workspaceRoot(from = __dirname): string {
  let dir = from;
  while (!existsSync(join(dir, 'nx.json'))) {
    const up = dirname(dir);
    if (up === dir) throw new Error(`nx.json not found above ${from}`);
    dir = up;
  }
  return dir;
}
