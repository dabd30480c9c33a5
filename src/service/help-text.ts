import { REPO_CONFIG_PATH } from './repo-config.js';

/** The reply to `/goarch help`. */
export const HELP_TEXT = `**goarch** diagnoses Go CI failures caused by CPU architecture (exec format error, cgo cross-linking, missing QEMU, wrong GOARCH...) and keeps one up-to-date comment on this pull request.

| command | what it does |
| --- | --- |
| \`/goarch diagnose\` | diagnose the latest failed workflow run of this pull request again |
| \`/goarch help\` | show this help |

Configure it in \`${REPO_CONFIG_PATH}\` (or in your organisation's \`.github\` repository): \`enabled\`, \`classes\`, \`output: comment | check | both\`, \`ignoreWorkflows\`, \`maxLogBytes\`, \`autofix\`.
`;
