import type { RequestHandler } from '../server/request-handler.js';
import { sendJson } from '../server/send-json.js';

/** Answers /slack/* while Slack is not configured. */
export const slackOffHandler: RequestHandler = async (req, res) => {
  req.resume();
  sendJson(res, 404, { error: 'slack-not-configured', message: 'Slack is not configured on this server.' });
  return true;
};
