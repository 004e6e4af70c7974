/** The syntax view of each language, made with its catalogue index (Go needs the package names of import paths). */
import type { CatalogueIndex } from '../catalogIndex';
import type { OtherLanguage, SyntaxView } from '../types';
import { goView } from './go';
import { javaView } from './java';
import { csharpView } from './csharp';
import { rubyView } from './ruby';
import { phpView } from './php';

export const VIEW_FACTORIES: Readonly<Record<OtherLanguage, (index: CatalogueIndex) => SyntaxView>> = {
  go: (index) => goView(index.goPackages),
  java: () => javaView(),
  csharp: () => csharpView(),
  ruby: () => rubyView(),
  php: () => phpView(),
};
