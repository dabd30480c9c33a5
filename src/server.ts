// `npm start`: the one HTTP server (webhooks, Slack, health, metrics). No logic here (STYLE §5).
import { startServer } from './bin/start-server.js';
import { runProcess } from './bin/run-process.js';
import { readEnv } from './config/read-env.js';

await runProcess(async () => {
  const running = await startServer({ env: readEnv(), stdoutIsTty: process.stdout.isTTY === true });
  return { logger: running.context.logger, close: running.close };
});
