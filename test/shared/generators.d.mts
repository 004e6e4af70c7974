/** Types for generators.mjs (shared by the plain-Node benchmarks and the TypeScript tests). */
export declare function mulberry32(seed: number): () => number;
export declare function bigPython(lines: number): string;
export declare function bigTypeScript(lines: number): string;
