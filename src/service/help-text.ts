import { REPO_CONFIG_PATH } from './repo-config.js';

/** The reply to `/goarch help`. */
export const HELP_TEXT = `**goarch** diagnoses Go CI failures caused by CPU architecture (exec format error, cgo cross-linking, missing QEMU, wrong GOARCH...) and keeps one up-to-date comment on this pull request.

| command | what it does |
| --- | --- |
| \`/goarch diagnose\` | diagnose the latest failed workflow run of this pull request again |
| \`/goarch fix\` | open (or refresh) one pull request per incident above that edits the failing workflow: branch \`goarch/fix-<fingerprint>\`, one commit on the default branch; only for people with write access |
| \`/goarch help\` | show this help |

Configure it in \`${REPO_CONFIG_PATH}\` (or in your organisation's \`.github\` repository): \`enabled\`, \`classes\`, \`output: comment | check | both\`, \`ignoreWorkflows\`, \`maxLogBytes\`, \`autofix\`.

With \`autofix: true\`, goarch opens the fix pull request by itself after each diagnosis whose workflow it can edit safely, and says in the diagnosis why not otherwise; \`autofix: dry-run\` only shows the edit it would propose, in the diagnosis. It never pushes to the default branch, keeps one pull request per incident up to date, and does not reopen one you closed. To see a fix without touching GitHub: \`npx goarch fix --workflow .github/workflows/ci.yml --log failed.log\`.
`;
