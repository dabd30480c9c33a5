/** The `action_id`s of the buttons on a diagnosis message. */
export const ACTION_IDS = {
  showFix: 'goarch_show_fix',
  mute: 'goarch_mute',
  openFixPr: 'goarch_open_fix_pr',
} as const;
