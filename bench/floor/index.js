// The floor under recording a visitor: the least any worker can do to remember a page view
// durably on this runtime. It reads the request body, calls the visitor's SQLite-backed Durable
// Object (one per site and visitor, as the edge worker does) and appends the events as one row;
// the answer leaves once the row is committed (the output gate). No validation, classification or
// decision: what the edge worker does beyond this is its own cost.
import { DurableObject } from "cloudflare:workers";

export class Remember extends DurableObject {
  constructor(ctx, env) {
    super(ctx, env);
    ctx.storage.sql.exec("CREATE TABLE IF NOT EXISTS tail (seq INTEGER PRIMARY KEY, body TEXT NOT NULL)");
  }

  append(body) {
    this.ctx.storage.sql.exec("INSERT INTO tail (body) VALUES (?)", body);
    return true;
  }
}

const ok = () => new Response('{"ok":true}', { headers: { "content-type": "application/json" } });

export default {
  async fetch(request, env) {
    if (request.method !== "POST") return ok();
    const { site, visitor, events } = JSON.parse(await request.text());
    await env.REMEMBER.get(env.REMEMBER.idFromName(`${site}:${visitor}`)).append(JSON.stringify(events));
    return ok();
  },
};
