import { createCohortSchema, createSessionSchema } from '../modules/training/training.module';

const HOUR = 3600_000;
const DAY = 24 * HOUR;

/**
 * The demo trainer's cohort, open for enrolment: four weekly sessions from ten days after the
 * seeding (three classes and a livestream practice), enrolment closing the evening before the first.
 */
export function demoCohort(now: Date) {
  // 19:30 Beijing time (11:30 UTC) ten days on: the first class.
  const first = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + 10, 11, 30));
  const cohort = createCohortSchema.parse({
    title: '田阳芒果电商班',
    description: '四次课教会果农开店、上架、发货和直播带货：第四次课在直播间实战，用真实订单检验学习成果。',
    countyCode: '451003',
    format: 'mixed',
    capacity: 30,
    enrolmentOpensAt: new Date(now.getTime() - HOUR).toISOString(),
    enrolmentClosesAt: new Date(first.getTime() - 24 * HOUR + 2 * HOUR).toISOString(),
    startsAt: new Date(first.getTime() - HOUR).toISOString(),
    endsAt: new Date(first.getTime() + 22 * DAY).toISOString(),
    minSessionsAttended: 3,
    requiredAssignments: ['store_verified', 'first_product_approved'],
  });
  const topics = ['开店与实名认证', '拍照、上架与定价', '打包、发货与售后', '直播带货实战'];
  const sessions = topics.map((topic, i) =>
    createSessionSchema.parse({
      startsAt: new Date(first.getTime() + i * 7 * DAY).toISOString(),
      durationMinutes: 120,
      topic,
      kind: i === topics.length - 1 ? 'livestream_practice' : 'class',
      place: '田阳区电子商务公共服务中心二楼培训室',
    }),
  );
  return { cohort, sessions };
}
