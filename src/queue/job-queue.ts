// The job queue port is declared in src/service (its users); the queue implements it. Re-exported for the queue's own files.
export type * from '../service/job-queue.js';
