import { describe, expect, it } from 'vitest';
import { dailyGains, rollingSums, statements, windowFigure, type StepGain } from './tempo.js';
import { classify, BREAKTHROUGH, STATIC_MAX_DEPTH_KM } from './advance.js';

const day = (i: number) => new Date(Date.UTC(2022, 0, 1) + i * 86_400_000).toISOString();

describe('tempo series', () => {
  it('counts each step on its version day and sums rolling windows only once they are complete', () => {
    const steps: StepGain[] = [
      { validAt: day(1).replace('T00', 'T10'), russiaKm2: 5, ukraineKm2: 1 },
      { validAt: day(1).replace('T00', 'T20'), russiaKm2: 2, ukraineKm2: 0 },
      { validAt: day(3), russiaKm2: 4, ukraineKm2: 3 },
    ];
    const days = dailyGains(steps, day(0).slice(0, 10), day(4).slice(0, 10));
    expect(days.map((d) => d.russiaKm2)).toEqual([0, 7, 0, 4, 0]);
    expect(rollingSums(days, 3, 'russia')).toEqual([null, null, 7, 11, 4]);
    expect(rollingSums(days, 3, 'ukraine')).toEqual([null, null, 1, 4, 3]);
  });

  it('says "largest since" only when the comparison reaches back two windows, and names the right day', () => {
    // 60 quiet days, a 7-day burst of 100 km² on days 20–26, quiet, then 50 km² in the last week.
    const steps: StepGain[] = [];
    for (let i = 20; i < 27; i++) steps.push({ validAt: day(i), russiaKm2: 100 / 7, ukraineKm2: 0 });
    for (let i = 54; i < 61; i++) steps.push({ validAt: day(i), russiaKm2: 50 / 7, ukraineKm2: 0 });
    const days = dailyGains(steps, day(0).slice(0, 10), day(60).slice(0, 10));
    const f = windowFigure(days, days.length - 1, 7, 'russia')!;
    expect(f.km2).toBeCloseTo(50, 6);
    expect(f.previousKm2).toBeCloseTo(0, 6);
    expect(f.trend).toBe('faster');
    // By hand: a week ending on day e holds 14.29 km² per burst day in it; ≥ 50 km² needs 4 burst
    // days, so the last such week is days 23–29 (57.1 km²); the week to day 30 holds 42.9.
    expect(f.largestSince).toBe(day(29).slice(0, 10));
    const text = statements([f], 'Luhansk oblast', day(0).slice(0, 10));
    expect(text[0]).toBe(`The last 7 days saw the largest Russian gain in Luhansk oblast since the week to ${day(29).slice(0, 10)} (50 km²).`);
    expect(text[1]).toMatch(/were faster than in the 7 days before/);
  });

  it('calls a record only with a history behind it', () => {
    const steps: StepGain[] = [{ validAt: day(9), russiaKm2: 10, ukraineKm2: 0 }];
    const short = dailyGains(steps, day(0).slice(0, 10), day(9).slice(0, 10));
    expect(windowFigure(short, 9, 7, 'russia')!.largestOnRecord).toBe(false);
    const long = dailyGains([{ validAt: day(30), russiaKm2: 10, ukraineKm2: 0 }], day(0).slice(0, 10), day(30).slice(0, 10));
    expect(windowFigure(long, 30, 7, 'russia')!.largestOnRecord).toBe(true);
    expect(statements([windowFigure(long, 30, 7, 'russia')!], 'Ukraine', day(0).slice(0, 10))[0]).toMatch(/on record/);
  });
});

describe('classification of an advance', () => {
  it('applies the documented thresholds', () => {
    expect(classify([], 7).class).toBe('static');
    expect(classify([{ depthKm: STATIC_MAX_DEPTH_KM - 0.1, widthKm: 50 }], 7).class).toBe('static');
    expect(classify([{ depthKm: 6, widthKm: 28 }], 7).class).toBe('local gains');
    const { minDepthKm, minWidthKm, minSpeedKmPerDay } = BREAKTHROUGH;
    expect(classify([{ depthKm: minDepthKm, widthKm: minWidthKm }], minDepthKm / minSpeedKmPerDay).class).toBe('breakthrough');
    // Too slow: the same depth over a month is a grind, not a breakthrough.
    expect(classify([{ depthKm: minDepthKm, widthKm: minWidthKm }], 30).class).toBe('local gains');
    // Too narrow: a deep, thin tongue.
    expect(classify([{ depthKm: 40, widthKm: minWidthKm - 1 }], 7).class).toBe('local gains');
  });
});
