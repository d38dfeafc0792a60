import { describe, expect, it } from "vitest";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { PROFILE_LIMITS as SCHEMA_LIMITS } from "../schema/profile";
import { Settings } from "../schema/config";
import { PROFILE_LIMITS } from "./limits";
import { DEFAULT_SETTINGS } from "./settings";

const here = import.meta.dirname;
const logicFiles = readdirSync(here).filter((file) => file.endsWith(".ts") && !file.endsWith(".test.ts"));

describe("the logic stays importable by the browser snippet", () => {
  it.each(logicFiles)("%s imports no zod and schemas only as types", (file) => {
    const source = readFileSync(join(here, file), "utf8");
    const imports = [...source.matchAll(/^import\s+(type\s+)?[^;]*?from\s+"([^"]+)"/gms)];
    for (const [, typeOnly, from] of imports) {
      expect(from).not.toMatch(/^zod/);
      if (from!.includes("schema")) expect(typeOnly, `${file} imports ${from} at runtime`).toBeDefined();
      expect(from, `${file}: relative imports are extensionless`).not.toMatch(/\.(ts|js)$/);
    }
  });

  it.each(logicFiles)("%s never uses Math.random", (file) => {
    expect(readFileSync(join(here, file), "utf8")).not.toMatch(/Math\.random/);
  });

  it("mirrors the schema's profile limits", () => {
    expect(PROFILE_LIMITS).toEqual(SCHEMA_LIMITS);
  });

  it("has defaults the settings schema accepts as they are", () => {
    expect(Settings.parse({})).toEqual(DEFAULT_SETTINGS);
  });
});
