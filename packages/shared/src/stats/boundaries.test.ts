/// <reference types="vite/client" />
import { describe, expect, it } from "vitest";

const sources = import.meta.glob<string>(["./*.ts", "!./*.test.ts"], { query: "?raw", import: "default", eager: true });
const files = Object.keys(sources);

describe("the statistics stay pure and dependency-free", () => {
  it.each(files)("%s imports only its siblings", (file) => {
    const imports = [...sources[file]!.matchAll(/^(?:import|export)\s+[^;]*?from\s+"([^"]+)"/gms)].map((m) => m[1]!);
    for (const from of imports) expect(from, `${file} imports ${from}`).toMatch(/^\.\/[a-z-]+$/);
  });

  it.each(files)("%s has no randomness, clock or I/O", (file) => {
    expect(sources[file]!).not.toMatch(/Math\.random|Date\.now|new Date|fetch\(|console\./);
  });
});
