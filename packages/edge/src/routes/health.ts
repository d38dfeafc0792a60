import { Hono } from "hono";
import type { AppEnv } from "../env";
import { VERSION } from "../version";

/** `GET /v1/health` → `{ok, version}`. */
export const health = new Hono<AppEnv>().get("/", (c) => c.json({ ok: true, version: VERSION }));
