import { describe, expect, it } from 'vitest';
import {
  closestNames,
  foldName,
  isUkrainianCyrillic,
  nameDistance,
  romanizeUkrainian,
  stripRegionWords,
} from './names.js';

/** Each group: spellings of one place that must fold to one key. */
const SAME: string[][] = [
  ['Sievierodonetsk', 'Severodonetsk', "Syeverodonets'k", 'Syeverodonets’k', 'Сєвєродонецьк', 'Северодонецк', 'Sjevjerodoneck'],
  ['Lysychansk', 'Lisichansk', 'Лисичанськ', 'Лисичанск', "Lysychans'k", 'Lisičansk'],
  ['Kharkiv', 'Харків', 'Harkiv', 'Kharkiw'],
  ['Kharkov', 'Харьков', "Khar'kov", 'Khar’kov'],
  ['Luhansk', 'Lugansk', 'Луганськ', 'Луганск', "Luhans'k"],
  ['Bakhmut', 'Bahmut', 'Бахмут', 'Bakhmout', 'Baxmut', 'BAKHMUT'],
  ['Artemivsk', "Artemivs'k", 'Artemivs’k', 'Артемівськ', 'Artemiwsk'],
  ['Artemovsk', 'Artëmovsk', 'Артемовск', 'Артёмовск'],
  ['Kyiv', 'Київ', 'Kyjiw', 'Kyyiv'],
  ['Zaporizhzhia', 'Запоріжжя', 'Zaporizhia', 'Zaporizhzhya'],
  ['Kostiantynivka', 'Костянтинівка', 'Kostyantynivka'],
  ['Novhorod-Siverskyi', 'Новгород-Сіверський', "Novhorod-Sivers'kyy", 'Novhorod Siverskyy'],
  ['Pokrovsk', 'Покровськ', 'POKROVSK'],
  ['Zghurivka', 'Згурівка'],
  ['Shchastia', 'Щастя', 'Shchastya', 'Schastia'],
];

/** Pairs of different places that must not fold equal. */
const DIFFERENT: [string, string][] = [
  ['Kramatorsk', 'Kostiantynivka'],
  ['Luhansk', 'Lutsk'],
  ['Bakhmut', 'Bakhmach'],
  ['Siversk', 'Sievierodonetsk'],
  ['Pokrovsk', 'Pokrovske'],
  ['Mykolaiv', 'Mykolaivka'],
  ['Zghurivka', 'Zhurivka'],
  ['Skhidne', 'Shidne'],
  ['Lviv', 'Kyiv'],
];

describe('foldName', () => {
  for (const group of SAME) {
    it(`folds ${group[0]} variants together`, () => {
      const keys = new Set(group.map(foldName));
      expect([...keys], group.join(' / ')).toHaveLength(1);
    });
  }

  for (const [a, b] of DIFFERENT) {
    it(`keeps ${a} and ${b} apart`, () => {
      expect(foldName(a)).not.toBe(foldName(b));
    });
  }

  it('leaves -ka endings alone', () => {
    expect(foldName('Novoselivka')).not.toBe(foldName('Novoselivske'));
    expect(foldName('Mykhailivka').endsWith('ka')).toBe(true);
  });

  it('keeps Kharkiv and Kharkov within one edit', () => {
    expect(nameDistance('Kharkiv', 'Kharkov')).toBe(1);
    expect(nameDistance('Харків', 'Харьков')).toBe(1);
  });

  it('normalises punctuation and spacing', () => {
    expect(foldName('  Novhorod--Siverskyi  ')).toBe(foldName('Novhorod Siverskyi'));
    expect(foldName('Kryvyi Rih')).toBe('krivi rih');
    expect(foldName('')).toBe('');
    expect(foldName(' - ')).toBe('');
  });

  it('is idempotent', () => {
    for (const n of [...SAME.flat(), ...DIFFERENT.flat(), 'Stchastia', 'Bachmutiwka', 'Oleksiievo-Druzhkivka']) {
      const k = foldName(n);
      expect(foldName(k), n).toBe(k);
    }
  });
});

describe('stripRegionWords', () => {
  const key = (s: string) => stripRegionWords(foldName(s));

  it('reduces oblast forms to the base name', () => {
    const expected = foldName('Luhansk');
    for (const s of ['Luhanska oblast', 'Luhansk region', 'Луганська область', 'Luhanska', "Luhans'ka oblast'", 'Luhansk Oblast']) {
      expect(key(s), s).toBe(expected);
    }
    expect(key('Kharkivska oblast')).toBe(foldName('Kharkiv'));
    expect(key('Kharkivska')).toBe(foldName('Kharkiv'));
    expect(key('Харківська область')).toBe(foldName('Kharkiv'));
    expect(key('Donetska oblast')).toBe(foldName('Donetsk'));
    expect(key('Lvivska oblast')).toBe(foldName('Lviv'));
  });

  it('reduces raion forms to the base name', () => {
    expect(key('Sievierodonetskyi raion')).toBe(foldName('Sievierodonetsk'));
    expect(key('Сєвєродонецький район')).toBe(foldName('Sievierodonetsk'));
    expect(key('Pokrovskyi district')).toBe(foldName('Pokrovsk'));
    expect(key('Zaporizka oblast').length).toBeGreaterThan(0);
    expect(foldName('Zaporizhzhia').startsWith(key('Zaporizka oblast'))).toBe(true);
  });

  it('drops city words and keeps plain names', () => {
    expect(key('Kyiv city')).toBe(foldName('Kyiv'));
    expect(key('misto Kyiv')).toBe(foldName('Kyiv'));
    expect(key('Kramatorsk')).toBe(foldName('Kramatorsk'));
    expect(key('oblast')).toBe(foldName('oblast'));
  });
});

describe('nameDistance / closestNames', () => {
  it('measures distance on folded keys', () => {
    expect(nameDistance('Lisichansk', 'Лисичанськ')).toBe(0);
    expect(nameDistance('Luhansk', 'Lutsk')).toBeGreaterThan(1);
  });

  it('suggests the nearest labels', () => {
    const candidates = ['Kramatorsk', 'Kostiantynivka', 'Kharkiv', 'Kherson', 'Lysychansk'].map((label) => ({
      key: foldName(label),
      label,
    }));
    expect(closestNames('Kharkov', candidates, 2)).toEqual(['Kharkiv', 'Kherson']);
    expect(closestNames('Kramatorks', candidates, 1)).toEqual(['Kramatorsk']);
    expect(closestNames('x', [], 3)).toEqual([]);
  });
});

describe('romanizeUkrainian', () => {
  it('follows the national system', () => {
    expect(romanizeUkrainian('Бахмут')).toBe('Bakhmut');
    expect(romanizeUkrainian('Сєвєродонецьк')).toBe('Sievierodonetsk');
    expect(romanizeUkrainian('Київ')).toBe('Kyiv');
    expect(romanizeUkrainian('Згурівка')).toBe('Zghurivka');
    expect(romanizeUkrainian('Новгород-Сіверський')).toBe('Novhorod-Siverskyi');
    expect(romanizeUkrainian('Слов’янськ')).toBe('Sloviansk');
    expect(romanizeUkrainian('Єнакієве')).toBe('Yenakiieve');
  });

  it('recognises Ukrainian Cyrillic', () => {
    expect(isUkrainianCyrillic('Харків')).toBe(true);
    expect(isUkrainianCyrillic('Слов’янськ')).toBe(true);
    expect(isUkrainianCyrillic('Харьков')).toBe(true); // no Russian-only letter: cannot tell
    expect(isUkrainianCyrillic('Артёмовск')).toBe(false);
    expect(isUkrainianCyrillic('Kharkiv')).toBe(false);
  });
});
