import { describe, expect, it } from 'vitest';
import { placeTimeline, type PlaceEvent, type StatusChange } from './place-timeline';

const status = (date: string, s: StatusChange['status'], source = 'deepstate'): StatusChange => ({ date, validAt: `${date}T20:00:00Z`, status: s, source });
const event = (time: string, type: string): PlaceEvent => ({
  time, date: time.slice(0, 10), type, side: 'russia', confidence: 'likely', note: null, versionId: 30,
  sources: [{ url: 'https://example.org/a', publisher: 'Example', publishedAt: null, archiveUrl: null }],
});

describe('placeTimeline', () => {
  it('puts events between status changes by day, and a day with both together', () => {
    const days = placeTimeline(
      [status('2022-05-01', 'contested'), status('2022-05-07', 'occupied')],
      [event('2022-05-07T09:00:00Z', 'capture'), event('2022-05-06T12:00:00Z', 'counterattack'), event('2022-05-09T08:00:00Z', 'shelling')],
    );
    expect(days.map((d) => [d.date, d.status?.status ?? null, d.events.map((e) => e.type)])).toEqual([
      ['2022-05-01', 'contested', []],
      ['2022-05-06', null, ['counterattack']],
      ['2022-05-07', 'occupied', ['capture']],
      ['2022-05-09', null, ['shelling']],
    ]);
  });

  it('orders a day\'s events by time and keeps the day\'s last status', () => {
    const days = placeTimeline(
      [status('2022-05-07', 'contested'), status('2022-05-07', 'occupied', 'frontline')],
      [event('2022-05-07T18:00:00Z', 'capture'), event('2022-05-07T06:00:00Z', 'road_cut')],
    );
    expect(days).toHaveLength(1);
    expect(days[0].status).toMatchObject({ status: 'occupied', source: 'frontline' });
    expect(days[0].events.map((e) => e.type)).toEqual(['road_cut', 'capture']);
  });

  it('gives an empty list for a place with neither', () => {
    expect(placeTimeline([], [])).toEqual([]);
  });
});
