import { applyD1Migrations, env } from "cloudflare:test";

// Setup files run before each test file; applyD1Migrations only applies what is not applied yet.
const { RESULTS, TEST_MIGRATIONS } = env as unknown as { RESULTS: D1Database; TEST_MIGRATIONS: Parameters<typeof applyD1Migrations>[1] };
await applyD1Migrations(RESULTS, TEST_MIGRATIONS);
