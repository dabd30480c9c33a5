// `npm run worker`: a worker-only process that takes jobs from the Redis queue. No logic here (STYLE §5).
import { startWorker } from './bin/start-worker.js';
import { runProcess } from './bin/run-process.js';
import { readEnv } from './config/read-env.js';

await runProcess(() => startWorker({ env: readEnv(), stdoutIsTty: process.stdout.isTTY === true }));
