/** PostgreSQL store: see below. */
import { StoreError } from "./store-error.js";
import type { Store, StoreOptions } from "./store.js";

export class PgStore {
  static async open(_target: string, _o: StoreOptions): Promise<Store> {
    throw new StoreError("PostgreSQL is not supported yet");
  }
}
