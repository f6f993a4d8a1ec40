import { describe, expect, it } from 'vitest';
import { classifyPoint, classifyPolygon, fillColour } from './deepstate-rules.js';

// Names and styles as they occur in the archive (see ../shared/data/README.md, deepstate/).
const cases: [string, string, string | null][] = [
  ['Окуповано /// Occupied', '#poly-A52714-1200-77-nodesc', 'occupied'],
  ['Окуповано /// Occupied /// geoJSON.status.occupied', '#poly-A52714-2000-77-nodesc', 'occupied'],
  ['Рубіжне. Території зайняті ворогом', '#poly-A52714-1200-77', 'occupied'],
  ['Під питанням /// Contested', '#poly-BCAAA4-1200-77-nodesc', 'contested'],
  ['Сіра зона', '#poly-BCAAA4-1200-77-nodesc', 'contested'],
  ['Ситуація невідома', '#poly-BDBDBD-1200-77-nodesc', 'contested'],
  ['Статус невідомий /// Unknown status /// geoJSON.status.unknown', '#poly-BCAAA4-1200-77-nodesc', 'contested'],
  ['Звільнено 25.03 /// Liberated 25.03', '#poly-0F9D58-1200-77', 'liberated'],
  ['Звільнено /// Liberated /// geoJSON.status.dismissed', '#poly-0F9D58-2000-77', 'liberated'],
  ['Під контролем ЗСУ', '#poly-0288D1-1200-77', 'liberated'],
  ['ОРДЛО /// CADR and CALR', '#poly-880E4F-1200-77-nodesc', 'occupiedBefore2022'],
  ['Окупований Крим /// Occupied Crimea', '#poly-880E4F-1200-77-nodesc', 'occupiedBefore2022'],
  ['Острів Тузла /// Occupied Tuzla Island', '#poly-000000-1200-77-nodesc', 'occupiedBefore2022'],
  ["Придністров'я /// Transnistria", '#poly-880E4F-1200-77-nodesc', 'outside'],
  ['Окупована Абхазія.', '#poly-FF5252-1200-77-nodesc', 'outside'],
  ['Окуповані території Латвії.', '#poly-FF5252-1200-77-nodesc', 'outside'],
];

describe('DeepState name rules', () => {
  it.each(cases)('%s (%s) → %s', (name, style, status) => {
    const c = classifyPolygon(name, style);
    expect(c.status).toBe(status);
    expect(c.by).toBe('name');
  });

  it('lets the colour decide Snake Island, which changed hands in 2022', () => {
    expect(classifyPolygon('Зміїний /// Snake Island', '#poly-A52714-1200-77-nodesc')).toMatchObject({ status: 'occupied', by: 'colour' });
    expect(classifyPolygon('Зміїний /// Snake Island', '#poly-0F9D58-1200-77')).toMatchObject({ status: 'liberated', by: 'colour' });
  });

  it('falls back to the fill colour for names with corrupted characters or no rule, and says so', () => {
    expect(classifyPolygon('Окуп\uFFFD\uFFFDвано', '#poly-A52714-1200-77-nodesc')).toMatchObject({ status: 'occupied', by: 'colour', rule: 'colour:A52714' });
    expect(classifyPolygon('Багатокутник 21', '#poly-A52714-1200-77')).toMatchObject({ status: 'occupied', by: 'colour' });
    expect(classifyPolygon('24.03', '#poly-0F9D58-1200-77')).toMatchObject({ status: 'liberated', by: 'colour' });
  });

  it('still classifies by name when the corruption spares the keyword', () => {
    expect(classifyPolygon('Звільнен\uFFFD\uFFFD', '#poly-0F9D58-1200-77')).toMatchObject({ status: 'liberated', by: 'name' });
  });

  it('reports features neither the name nor the colour explain', () => {
    expect(classifyPolygon('щось', '#poly-123456-1200-77')).toEqual({ status: null, by: 'none', rule: 'no-rule' });
    expect(classifyPolygon(undefined, undefined)).toEqual({ status: null, by: 'none', rule: 'no-rule' });
  });

  it('reads the fill colour from styleUrl', () => {
    expect(fillColour('#poly-0f9d58-2000-77-nodesc')).toBe('0F9D58');
    expect(fillColour('#icon-1899-0288D1')).toBeNull();
  });

  it('tells directions of attack from unit markers', () => {
    expect(classifyPoint('Напрямок удару /// Direction of attack /// geoJSON.status.attack_direction')).toBe('attack-direction');
    expect(classifyPoint('шойгісти "шторм-z" /// shoigists "storm-z"')).toBe('unit');
    expect(classifyPoint('Camp N°1 "Dublin"')).toBe('unit');
  });
});
