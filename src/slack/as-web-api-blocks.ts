import type { types } from '@slack/bolt';
import type { SlackBlock } from '../core/render/render-slack-blocks.js';

/** Block Kit built as plain data in the core, typed as the Web API wants it (the shapes are Slack's own, checked by the renderer's tests). */
export function asWebApiBlocks(blocks: SlackBlock[]): (types.KnownBlock | types.Block)[] {
  return blocks as unknown as (types.KnownBlock | types.Block)[];
}
