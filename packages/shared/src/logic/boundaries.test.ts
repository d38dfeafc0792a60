/// <reference types="vite/client" />
import { describe, expect, it } from "vitest";
import { Settings } from "../schema/config";
import { DEFAULT_SETTINGS } from "./settings";

const sources = import.meta.glob<string>(["./*.ts", "!./*.test.ts"], { query: "?raw", import: "default", eager: true });
const logicFiles = Object.keys(sources);
const read = (file: string) => sources[file]!;

describe("the logic stays importable by the browser snippet", () => {
  it.each(logicFiles)("%s imports no zod and schemas only as types", (file) => {
    const source = read(file);
    const imports = [...source.matchAll(/^import\s+(type\s+)?[^;]*?from\s+"([^"]+)"/gms)];
    for (const [, typeOnly, from] of imports) {
      expect(from).not.toMatch(/^zod/);
      if (from!.includes("schema")) expect(typeOnly, `${file} imports ${from} at runtime`).toBeDefined();
      expect(from, `${file}: relative imports are extensionless`).not.toMatch(/\.(ts|js)$/);
    }
  });

  it.each(logicFiles)("%s never uses Math.random", (file) => {
    expect(read(file)).not.toMatch(/Math\.random/);
  });

  it("has defaults the settings schema accepts as they are", () => {
    expect(Settings.parse({})).toEqual(DEFAULT_SETTINGS);
  });
});
