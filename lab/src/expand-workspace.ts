/** Replaces `${workspace}` in a scenario env value with the workspace path. */
export function expandWorkspace(value: string, workspace: string): string {
  return value.split('${workspace}').join(workspace);
}
