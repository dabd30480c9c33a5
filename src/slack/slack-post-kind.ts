/** The kind of Slack's posts in the incident store, and the prefix of a channel's dedupe scope (`slack:<channel>`). */
export const SLACK_POST_KIND = 'slack';
