// Messages that schemas raise, in both languages; schemas carry the key, readers get the words.

export interface Words {
  zh: string;
  en: string;
}

export const FIELD_MESSAGES = {
  division_code: {
    zh: '行政区划代码应为 6 位数字（GB/T 2260），例如 533423',
    en: 'a GB/T 2260 division code is six digits, for example 533423',
  },
  period: {
    zh: '季度写作“年份Q季度”，季度为 1 到 4，例如 2024Q4',
    en: 'a quarter is written YYYYQn with n from 1 to 4, for example 2024Q4',
  },
} satisfies Record<string, Words>;

export type FieldMessageKey = keyof typeof FIELD_MESSAGES;

/** The words for a schema's message key, or the message itself where it is not a key. */
export function fieldMessage(message: string, language: 'zh' | 'en'): string {
  const words = (FIELD_MESSAGES as Record<string, Words>)[message];
  return words ? words[language] : message;
}
