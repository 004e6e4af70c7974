/** The catalogue of every language of the multi-language front end. */
import type { LanguageCatalogue, OtherLanguage } from '../types';
import { GO_SDKS } from './go';

export const CATALOGUES: Readonly<Record<OtherLanguage, LanguageCatalogue>> = {
  go: { language: 'go', sdks: GO_SDKS },
  java: { language: 'java', sdks: [] },
  csharp: { language: 'csharp', sdks: [] },
  ruby: { language: 'ruby', sdks: [] },
  php: { language: 'php', sdks: [] },
};
