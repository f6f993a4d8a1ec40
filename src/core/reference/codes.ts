/**
 * OCHA COD oblast pcodes (KOATUU-based) → ISO 3166-2. Most share the number; Crimea, Luhansk,
 * Chernivtsi and the two cities differ. Kyiv city and Sevastopol have no polygon of their own in
 * the oblast layer (they lie inside Kyiv oblast and Crimea), so their raions belong there.
 */
export const COD_OBLAST_TO_ISO: Readonly<Record<string, string>> = {
  UA01: 'UA-43', UA05: 'UA-05', UA07: 'UA-07', UA12: 'UA-12', UA14: 'UA-14', UA18: 'UA-18', UA21: 'UA-21',
  UA23: 'UA-23', UA26: 'UA-26', UA32: 'UA-32', UA35: 'UA-35', UA44: 'UA-09', UA46: 'UA-46', UA48: 'UA-48',
  UA51: 'UA-51', UA53: 'UA-53', UA56: 'UA-56', UA59: 'UA-59', UA61: 'UA-61', UA63: 'UA-63', UA65: 'UA-65',
  UA68: 'UA-68', UA71: 'UA-71', UA73: 'UA-77', UA74: 'UA-74', UA80: 'UA-32', UA85: 'UA-43',
};

/** 2024–25 raion renames (KATOTTG) that the 2023 COD names predate, as extra aliases. */
export const RAION_RENAMES: Readonly<Record<string, string[]>> = {
  Sievierodonetskyi: ['Siverskodonetskyi', 'Сіверськодонецький'],
  Krasnohradskyi: ['Berestynskyi', 'Берестинський'],
  Novomoskovskyi: ['Samarivskyi', 'Самарівський'],
};
