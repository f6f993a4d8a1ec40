/**
 * Place-name matching keys for Ukrainian place names written in any common spelling.
 *
 * `foldName` turns a name into a *matching key*, not a display form: two spellings of the same
 * name (Latin transliterations in several systems, Ukrainian or Russian Cyrillic) should fold to
 * the same key, or at least to keys one or two edits apart so fuzzy matching can bridge them.
 * Every rule is deterministic and `foldName` is idempotent (`foldName(foldName(x)) === foldName(x)`).
 *
 * Pure module: no I/O.
 */
import { distance } from 'fastest-levenshtein';

/**
 * Cyrillic → Latin, one table for Ukrainian and Russian. Letters that sound alike map alike
 * (Ukrainian и and Russian ы both "y", Ukrainian і and Russian и end up "i" after y→i folding),
 * so the same name written in either language folds close together.
 */
const CYRILLIC: Record<string, string> = {
  а: 'a', б: 'b', в: 'v', г: 'g', ґ: 'g', д: 'd', е: 'e', є: 'ie', ж: 'zh', з: 'z',
  и: 'y', і: 'i', ї: 'i', й: 'i', к: 'k', л: 'l', м: 'm', н: 'n', о: 'o', п: 'p',
  р: 'r', с: 's', т: 't', у: 'u', ф: 'f', х: 'kh', ц: 'ts', ч: 'ch', ш: 'sh', щ: 'shch',
  ь: '', ъ: '', ы: 'y', э: 'e', ю: 'iu', я: 'ia', ё: 'e',
  // Belarusian / South Slavic letters that occur in variant lists.
  ў: 'u', ј: 'i', љ: 'l', њ: 'n', ћ: 'ch', ђ: 'd', џ: 'dzh', ѓ: 'g', ќ: 'k', ѕ: 'dz',
};

/**
 * Latin letters with a háček / circumflex whose base letter would lose the sound after diacritic
 * stripping (Lisičansk, Žytomyr, Ĥarkivo): expand them to the English digraph first.
 * Letters that NFKD cannot decompose get an explicit ASCII form.
 */
const LATIN_SPECIAL: Record<string, string> = {
  č: 'ch', š: 'sh', ž: 'zh', ĉ: 'ch', ŝ: 'sh', ĵ: 'zh', ĥ: 'h', ř: 'rzh',
  ß: 'ss', æ: 'ae', œ: 'oe', ø: 'o', ł: 'l', đ: 'd', ı: 'i', ħ: 'h', þ: 'th', ð: 'd',
};

/** Apostrophes, primes and quotes: dropped, since "Syeverodonets'k" must match "Sievierodonetsk". */
const APOSTROPHES = /['’‘ʼʹʻ`´′″"“”„«»׳״]/g;

/**
 * Phonetic folding of the transliterated, lowercase string: one regex, applied left to right
 * (longer spellings listed first win, so German "tsch" is not read as t + "sch"). Each rule and why:
 */
const PHONETIC: Record<string, string> = {
  // щ: German "schtsch", English "shch", Polish "szcz", German "sch" → "sh" (щ/ш rarely contrast in names).
  schtsch: 'sh', shch: 'sh', szcz: 'sh', sch: 'sh',
  // ч: German "tsch", French "tch", Polish "cz" are English "ch".
  tsch: 'ch', tch: 'ch', cz: 'ch',
  // ш: Polish "sz" is English "sh".
  sz: 'sh',
  // ц: German "tz" and Polish/Czech bare "c" (not "ch", which is ч) are English "ts".
  tz: 'ts', c: 'ts',
  // в: German/Polish "w" (Charkiw, Kyjiw) is English "v".
  w: 'v',
  // х: Azeri/Uzbek/Tatar "x" (Baxmut) is х.
  x: 'h',
  // у: French "ou" (Bakhmout) is "u".
  ou: 'u',
  // й and glides: "j" (Kyjiw, Jalta) is the "y" of English systems.
  j: 'i',
  // х vs г/ґ: "kh" → "h" so Kharkiv/Harkiv and Luhansk/Lugansk collide; "skh" (сх, Skhidne) is kept apart from ш.
  kh: 'h',
  // "zgh" is the official spelling of зг (Zghurivka): keep it "zg" so it does not become ж ("zh").
  zgh: 'zg',
  // г: Russian "g" (Lugansk) equals Ukrainian "h" (Luhansk); "zg" is kept for зг.
  g: 'h',
  // и/і/ы/й: y vs i is the main difference between Ukrainian, Russian and English systems (Lysychansk/Lisichansk).
  y: 'i',
};
const PHONETIC_RE = /schtsch|shch|szcz|sch|tsch|tch|cz|sz|tz|c(?!h)|w|x|ou|j|(?<!s)kh|zgh|(?<!z)g|y/g;
const phonetic = (m: string): string => PHONETIC[m];
/** Doubled digraphs (Zaporizhzhia, жж) collapse like doubled letters. */
const DOUBLE_DIGRAPHS = /(zh|sh|ch|ts)\1+/g;
/** Doubled letters vary between systems (Odessa/Odesa, Kyyiv, -skyy/-skyi): collapse runs. */
const DOUBLES = /([a-z])\1+/g;
/** є/ye/ie vs e (Sievierodonetsk/Severodonetsk/Syeverodonets'k): "ie" folds to "e". */
const IE = /ie/g;
/** Matches when another folding pass could still change the string (cheaper than running one). */
const UNSTABLE = /sch|tsch|shch|szcz|tch|cz|sz|tz|c(?!h)|[wxjy]|ou|(?<!s)kh|zgh|(?<!z)g|([a-z])\1|ie/;

/** Cyrillic and special Latin letters in one table; only non-ASCII characters are looked up. */
const CHAR_TABLE: Record<string, string> = { ...CYRILLIC, ...LATIN_SPECIAL };
const NON_ASCII = /[^\x00-\x7f]/;
/** Applies CHAR_TABLE to non-ASCII characters (a plain loop: faster than a replace callback). */
function mapChars(s: string): string {
  let out = '';
  let from = 0;
  for (let i = 0; i < s.length; i++) {
    if (s.charCodeAt(i) < 128) continue;
    const rep = CHAR_TABLE[s[i]];
    if (rep === undefined) continue;
    out += s.slice(from, i) + rep;
    from = i + 1;
  }
  return from === 0 ? s : out + s.slice(from);
}

/**
 * Matching key for a place name. See the module comment; rules in order:
 * 1. NFC + lowercase, so Cyrillic letters are single code points before transliteration.
 * 2. Cyrillic → Latin (Ukrainian and Russian in one table), háček letters → digraphs.
 * 3. NFKD + strip combining marks, so diacritics do not matter (Artëmovsk = Artemovsk).
 * 4. Drop apostrophes and quotes; hyphens and other punctuation become spaces; collapse spaces.
 * 5. Phonetic folding (PHONETIC), doubled digraphs and letters collapsed, "ie" → "e", until stable.
 * Soft signs are dropped by the Cyrillic table. Endings such as -ka/-ivka/-ovka are NOT folded.
 */
export function foldName(name: string): string {
  let key = FOLD_MEMO.get(name);
  if (key === undefined) {
    key = foldUncached(name);
    if (FOLD_MEMO.size >= FOLD_MEMO_MAX) FOLD_MEMO.clear();
    FOLD_MEMO.set(name, key);
  }
  return key;
}

/**
 * Memo for foldName: gazetteer merges and indexes fold the same ~100k variants several times.
 * Bounded (cleared when full) so a long-running process cannot grow it without limit.
 */
const FOLD_MEMO = new Map<string, string>();
const FOLD_MEMO_MAX = 400_000;

function foldUncached(name: string): string {
  let s = name.normalize('NFC').toLowerCase();
  if (NON_ASCII.test(s)) {
    s = mapChars(s);
    if (NON_ASCII.test(s)) {
      // NFKD may yield capitals ("№" → "No"); Cyrillic letters with marks missing from the table (ӳ)
      // are bare only after decomposition, so map once more.
      s = mapChars(s.normalize('NFKD').replace(/\p{M}+/gu, '').toLowerCase());
    }
  }
  s = s.replace(APOSTROPHES, '');
  s = NON_ASCII.test(s) ? s.replace(/[^\p{L}\p{N}]+/gu, ' ').trim() : s.replace(/[^a-z0-9]+/g, ' ').trim();
  if (!s) return '';
  // Iterate to a fixed point so the key is stable under re-folding (foldName is idempotent).
  for (let pass = 0; pass < 8; pass++) {
    s = s.replace(PHONETIC_RE, phonetic).replace(DOUBLE_DIGRAPHS, '$1').replace(DOUBLES, '$1').replace(IE, 'e');
    if (!UNSTABLE.test(s)) break;
  }
  return s;
}

/**
 * Words that qualify a name as an administrative unit rather than name it. Folded at load time
 * so they compare against folded keys ("region" folds to "rehion", "район"/"rayon"/"rajon" to "raion").
 */
const REGION_WORDS = new Set(
  [
    'oblast', "oblast'", 'oblasti', 'obl', 'область', 'області', 'области',
    'region', 'province', 'raion', 'rayon', 'rajon', 'rejon', 'район', 'району', 'района', 'district',
    'city', 'town', 'village', 'misto', 'mista', 'місто', 'міста', 'город', 'hromada', 'громада',
    'territorial', 'community', 'municipality', 'of', 'the',
  ].map(foldName),
);

/**
 * Adjectival endings of Ukrainian/Russian region names (after folding), checked in order:
 * - "-ivska/-ivskyi/..." → "-iv": oblasts/raions named after -iv towns (Kharkivska → Kharkiv, Lvivska → Lviv).
 * - "-zka/-zkyi" (-зька) → "-zh": Запорізька is the adjective of Запоріжжя (→ prefix of "zaporizhia").
 * - "-ska/-skyi/-ske/-tska/..." → "-sk": Luhanska → Luhansk, Donetska → Donetsk, Sievierodonetskyi → Sievierodonetsk.
 * Ambiguity that cannot be resolved without a gazetteer: X-skyi may derive from X (Bakhmutskyi ← Bakhmut)
 * or from X-sk (Pokrovskyi ← Pokrovsk); the "-sk" form is returned, fuzzy/prefix matching bridges the rest.
 */
const ADJ_ENDINGS: [RegExp, string][] = [
  [/^(.{2,}iv)sk(?:a|i|e|oe|oi|aia|oho|omu|ih)$/, '$1'],
  [/^(.{2,})zk(?:a|i|e|oe|oi|aia|oho|omu|ih)$/, '$1zh'],
  [/^(.{2,}sk)(?:a|i|e|oe|oi|aia|oho|omu|ih)$/, '$1'],
];

/**
 * For region-level matching (oblasts, raions): removes generic words ("oblast", "region", "raion",
 * "district", "city", "misto", …) and turns adjectival forms into the base name, so
 * "Luhanska oblast", "Luhansk region", "Луганська область" and "Luhansk" give the same key.
 * Takes and returns a folded key. If only generic words remain, the input is returned unchanged.
 */
export function stripRegionWords(folded: string): string {
  const words = folded.split(' ').filter((w) => w && !REGION_WORDS.has(w));
  if (words.length === 0) return folded;
  const last = words.length - 1;
  for (const [re, rep] of ADJ_ENDINGS) {
    if (re.test(words[last])) {
      words[last] = words[last].replace(re, rep);
      break;
    }
  }
  return words.join(' ');
}

/** Levenshtein distance between the folded keys of two names (folding is idempotent, keys may be passed). */
export function nameDistance(a: string, b: string): number {
  return distance(foldName(a), foldName(b));
}

/**
 * Labels of the candidates nearest to `query` (for "did you mean …?" messages).
 * Candidate keys must already be folded. Ties are broken by label; labels are de-duplicated.
 */
export function closestNames(
  query: string,
  candidates: Iterable<{ key: string; label: string }>,
  limit = 5,
): string[] {
  const q = foldName(query);
  const best = new Map<string, number>();
  for (const { key, label } of candidates) {
    const d = distance(q, key);
    const prev = best.get(label);
    if (prev === undefined || d < prev) best.set(label, d);
  }
  return [...best]
    .sort((a, b) => a[1] - b[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
    .slice(0, Math.max(0, limit))
    .map(([label]) => label);
}

/** Ukrainian national romanisation (KMU 2010) of one letter: [word-initial form, other form]. */
const KMU: Record<string, [string, string]> = {
  а: ['a', 'a'], б: ['b', 'b'], в: ['v', 'v'], г: ['h', 'h'], ґ: ['g', 'g'], д: ['d', 'd'],
  е: ['e', 'e'], є: ['ye', 'ie'], ж: ['zh', 'zh'], з: ['z', 'z'], и: ['y', 'y'], і: ['i', 'i'],
  ї: ['yi', 'i'], й: ['y', 'i'], к: ['k', 'k'], л: ['l', 'l'], м: ['m', 'm'], н: ['n', 'n'],
  о: ['o', 'o'], п: ['p', 'p'], р: ['r', 'r'], с: ['s', 's'], т: ['t', 't'], у: ['u', 'u'],
  ф: ['f', 'f'], х: ['kh', 'kh'], ц: ['ts', 'ts'], ч: ['ch', 'ch'], ш: ['sh', 'sh'],
  щ: ['shch', 'shch'], ь: ['', ''], ю: ['yu', 'iu'], я: ['ya', 'ia'],
  // Russian-only letters, for names that are not Ukrainian (best effort).
  ы: ['y', 'y'], э: ['e', 'e'], ё: ['yo', 'io'], ъ: ['', ''],
};

/** True when the string is Cyrillic written with Ukrainian letters only (no ы, э, ё, ъ, ў, …). */
export function isUkrainianCyrillic(s: string): boolean {
  return UK_LETTER.test(s) && UK_ONLY.test(s);
}
const UK_LETTER = /[а-щьюяєіїґА-ЩЬЮЯЄІЇҐ]/;
const UK_ONLY = /^[а-щьюяєіїґА-ЩЬЮЯЄІЇҐ'’ʼ\s.-]+$/;

/**
 * Romanises Cyrillic per the Ukrainian national system (KMU 2010, the official one used on maps
 * and by GeoNames): Бахмут → Bakhmut, Сєвєродонецьк → Sievierodonetsk, Київ → Kyiv, Згурівка → Zghurivka.
 * Apostrophes and soft signs are omitted; other characters pass through.
 */
export function romanizeUkrainian(s: string): string {
  const text = s.normalize('NFC');
  let out = '';
  let wordStart = true;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === "'" || ch === '’' || ch === 'ʼ') continue;
    const lower = KMU[ch] ? ch : ch.toLowerCase();
    const entry = KMU[lower];
    if (!entry) {
      out += ch;
      wordStart = !LETTER.test(ch);
      continue;
    }
    let latin = wordStart ? entry[0] : entry[1];
    // зг is written "zgh" to keep it apart from ж ("zh").
    if (lower === 'г' && i > 0 && (text[i - 1] === 'з' || text[i - 1] === 'З')) latin = 'gh';
    if (ch !== lower && latin) latin = latin[0].toUpperCase() + latin.slice(1);
    out += latin;
    wordStart = false;
  }
  return out;
}
const LETTER = /\p{L}/u;
