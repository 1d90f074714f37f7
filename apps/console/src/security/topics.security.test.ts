import { Permission, TOPIC_SCHEMAS, TopicName, can, type TopicFamily } from '@qd/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Harness, ROLES } from './harness';
import { firstFrames } from './wsProbe';

/** The families the topic-name grammar accepts (`a|b|prices:…` → a, b, prices). */
function grammarFamilies(): string[] {
  const check = TopicName.def.checks?.[0]?._zod.def as { pattern?: RegExp } | undefined;
  const body = /^\^\((.*)\)\$$/.exec(check?.pattern?.source ?? '');
  return (body?.[1] ?? '').split('|').map((alt) => alt.split(':')[0]!);
}

/** One concrete topic name per family (the job id names no job: a reader gets NOT_FOUND). */
const sample = (family: string) =>
  family === 'prices' ? 'prices:NVDA' : family === 'jobs' ? 'jobs:no-such-job' : family;

describe('WS topics: every topic declares a permission, and each role gets exactly what it may read', () => {
  let h: Harness;
  let base: string;
  beforeAll(async () => {
    h = await Harness.start({ gateway: true });
    base = await h.app.listen({ host: '127.0.0.1', port: 0 });
  }, 60_000);
  afterAll(() => h.close());

  it('the registry names a known permission for every topic the grammar accepts, and no other', () => {
    const families = grammarFamilies();
    expect(families.length).toBeGreaterThanOrEqual(10);
    expect([...families].sort()).toEqual(Object.keys(TOPIC_SCHEMAS).sort());
    for (const family of families) {
      const declared = TOPIC_SCHEMAS[family as TopicFamily]?.permission;
      expect(Permission.safeParse(declared).success, `${family} → ${declared}`).toBe(true);
      expect(TopicName.safeParse(sample(family)).success, family).toBe(true);
    }
  });

  it.each(ROLES)(
    'a %s subscribing to every topic gets a snapshot where its role may read, FORBIDDEN elsewhere',
    async (role) => {
      const topics = Object.keys(TOPIC_SCHEMAS).map(sample);
      const b = await h.login(role, {}, { ip: '127.0.0.1' });
      const frames = await firstFrames(base, b, topics);
      for (const topic of topics) {
        const allowed = can(role, TOPIC_SCHEMAS[topic.split(':')[0] as TopicFamily].permission);
        if (topic.startsWith('jobs:')) {
          // Permission is checked before existence: a reader learns the job is not there.
          expect(frames[topic]?.code, `${role} ${topic}`).toBe(allowed ? 'NOT_FOUND' : 'FORBIDDEN');
          continue;
        }
        expect(frames[topic]?.type, `${role} ${topic}`).toBe(allowed ? 'snapshot' : 'error');
        if (!allowed) expect(frames[topic]?.code, `${role} ${topic}`).toBe('FORBIDDEN');
      }
    },
  );
});
