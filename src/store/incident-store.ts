// The incident store port is declared in src/service (its users); the store implements it. Re-exported for the store's own files.
export type * from '../service/incident-store.js';
