/** Opens the configured store for a command. */
import { dbPath } from '../config.js';
import { openSqliteStore } from '../store/sqlite/sqlite-store.js';
import type { Store } from '../store/store.js';

export function openStore(): Store {
  return openSqliteStore(dbPath());
}
