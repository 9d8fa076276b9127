import { transitionTable } from '../../common/transition-table';

export const LIVE_SESSION_STATUSES = ['scheduled', 'live', 'ended', 'cancelled'] as const;
export type LiveSessionStatus = (typeof LIVE_SESSION_STATUSES)[number];

/** DESIGN.md §4: scheduled → live → ended; scheduled → cancelled. */
const TRANSITIONS: Record<LiveSessionStatus, readonly LiveSessionStatus[]> = {
  scheduled: ['live', 'cancelled'],
  live: ['ended'],
  ended: [],
  cancelled: [],
};

const table = transitionTable('live session', 'INVALID_LIVE_SESSION_TRANSITION', TRANSITIONS);
export const canLiveSessionTransition = table.can;
export const assertLiveSessionTransition = table.assert;

/** Where the stream is watched. */
export const LIVE_PLATFORMS = ['douyin', 'wechat_channels', 'kuaishou', 'taobao_live', 'other'] as const;
export type LivePlatform = (typeof LIVE_PLATFORMS)[number];

/** Sessions whose items may still be pinned or unpinned. */
export const PINNABLE: readonly LiveSessionStatus[] = ['scheduled', 'live'];
