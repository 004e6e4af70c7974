/** The catalogue of every language of the multi-language front end. */
import type { LanguageCatalogue, OtherLanguage } from '../types';
import { GO_SDKS } from './go';
import { JAVA_SDKS } from './java';
import { CSHARP_SDKS } from './csharp';
import { RUBY_SDKS } from './ruby';
import { PHP_SDKS } from './php';

export const CATALOGUES: Readonly<Record<OtherLanguage, LanguageCatalogue>> = {
  go: { language: 'go', sdks: GO_SDKS },
  java: { language: 'java', sdks: JAVA_SDKS },
  csharp: { language: 'csharp', sdks: CSHARP_SDKS },
  ruby: { language: 'ruby', sdks: RUBY_SDKS },
  php: { language: 'php', sdks: PHP_SDKS },
};
