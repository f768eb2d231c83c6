/** The store's entry point for the CLI (a chunk of its own, loaded only with --db or search). */
export { displayTarget, isPostgres, openStore } from "./store.js";
export { StoreError } from "./store-error.js";
